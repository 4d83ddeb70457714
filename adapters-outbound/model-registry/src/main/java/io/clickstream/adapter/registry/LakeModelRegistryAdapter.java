package io.clickstream.adapter.registry;

import io.clickstream.domain.ModelFile;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.lake.ModelMetadataJson;
import io.clickstream.application.port.out.ModelRegistry;
import io.clickstream.domain.DataZone;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.ModelVersion;
import io.clickstream.domain.NotFoundException;
import io.clickstream.domain.ZonePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model registry kept in the analytics zone, readable by any process on the same lake:
 * {@code analytics/models/<version>/metadata.json} per version, {@code analytics/models/CURRENT} naming the
 * published one (replaced atomically by the lake), and one record per promotion under
 * {@code analytics/models/_promotions/}.
 */
public final class LakeModelRegistryAdapter implements ModelRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(LakeModelRegistryAdapter.class);
    private static final ZonePath MODELS = ZonePath.of(DataZone.ANALYTICS, "models");
    private static final ZonePath PROMOTIONS = MODELS.resolve("_promotions");

    /** Promotion records kept when none is configured ({@code publish.promotions.retained}). */
    public static final int DEFAULT_PROMOTIONS_RETAINED = 100;

    private final DataLake lake;
    private final int promotionsRetained;
    private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public LakeModelRegistryAdapter(DataLake lake) {
        this(lake, DEFAULT_PROMOTIONS_RETAINED);
    }

    /** @param promotionsRetained the newest promotion records kept; older ones are deleted after each promotion */
    public LakeModelRegistryAdapter(DataLake lake, int promotionsRetained) {
        if (promotionsRetained < 1) {
            throw new IllegalArgumentException("publish.promotions.retained must be positive, got " + promotionsRetained);
        }
        this.lake = lake;
        this.promotionsRetained = promotionsRetained;
    }

    @Override
    public List<ModelVersion> list() {
        List<ModelVersion> versions = new ArrayList<>();
        for (DataLake.LakeObject o : lake.list(MODELS)) {
            String[] parts = o.path().relative().split("/");
            if (parts.length == 3 && parts[2].equals(ModelFile.METADATA.fileName()) && !parts[1].startsWith("_")) {
                readVersion(o.path()).ifPresent(versions::add);
            }
        }
        versions.sort(Comparator.comparing(ModelVersion::createdAt).thenComparing(ModelVersion::version).reversed());
        return versions;
    }

    @Override
    public Optional<ModelVersion> find(String version) {
        return readVersion(ModelFile.METADATA.of(version));
    }

    @Override
    public Optional<String> currentVersion() {
        return lake.read(LakeLayout.currentModelPointer())
                .map(b -> new String(b, StandardCharsets.UTF_8).trim())
                .filter(s -> !s.isEmpty());
    }

    @Override
    public void promote(String version, String reason, Instant at) {
        if (find(version).isEmpty()) {
            throw new NotFoundException("model version '" + version + "' does not exist in " + lake.describe());
        }
        ObjectNode record = json.createObjectNode().put("version", version).put("reason", reason).put("at", at.toString());
        currentVersion().ifPresent(previous -> record.put("previous", previous));
        // The record first, then the pointer: a crash between the two leaves history that says more, never less.
        lake.write(PROMOTIONS.resolve(String.format("%020d-%s.json", at.toEpochMilli(), version)), bytes(record));
        lake.write(LakeLayout.currentModelPointer(), (version + "\n").getBytes(StandardCharsets.UTF_8));
        pruneHistory();
    }

    /** Keeps the newest records; their names start with the zero-padded time, so name order is time order. */
    private void pruneHistory() {
        List<ZonePath> records = lake.list(PROMOTIONS).stream().map(DataLake.LakeObject::path)
                .filter(p -> p.relative().endsWith(".json")).sorted().toList();
        for (ZonePath old : records.subList(0, Math.max(0, records.size() - promotionsRetained))) {
            lake.delete(old);
        }
    }

    @Override
    public List<Promotion> history() {
        List<Promotion> promotions = new ArrayList<>();
        for (DataLake.LakeObject o : lake.list(PROMOTIONS)) {
            lake.read(o.path()).ifPresent(b -> {
                try {
                    JsonNode n = json.readTree(b);
                    promotions.add(new Promotion(n.path("version").asText(), n.path("reason").asText(),
                            Instant.parse(n.path("at").asText())));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("ignoring unreadable promotion record {}: {}", o.path(), e.getMessage());
                }
            });
        }
        promotions.sort(Comparator.comparing(Promotion::at).reversed());
        return promotions;
    }

    private Optional<ModelVersion> readVersion(ZonePath path) {
        return lake.read(path).flatMap(b -> {
            try {
                return Optional.of(ModelMetadataJson.read(b, path.toString()).toModelVersion());
            } catch (RuntimeException e) {
                // A broken metadata file must not hide every other version: report it and list the rest.
                LOG.warn("ignoring unreadable model metadata {}: {}", path, e.getMessage());
                return Optional.empty();
            }
        });
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
