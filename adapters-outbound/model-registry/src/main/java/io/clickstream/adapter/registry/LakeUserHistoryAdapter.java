package io.clickstream.adapter.registry;

import io.clickstream.domain.DatasetFile;
import io.clickstream.domain.ModelFile;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.lake.ModelMetadataJson;
import io.clickstream.application.port.out.UserHistory;
import io.clickstream.domain.EventType;
import io.clickstream.domain.InteractionSequence;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.ZonePath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Known users' recent behaviour as of the served model: the {@code users.tsv} of the dataset the served version
 * was trained on (one {@link InteractionSequence} per user). Reloaded when the served version changes, so a
 * publish refreshes the histories together with the model.
 */
public final class LakeUserHistoryAdapter implements UserHistory {
    private static final Logger LOG = LoggerFactory.getLogger(LakeUserHistoryAdapter.class);

    private final DataLake lake;
    private final Supplier<Optional<String>> servedVersion;
    private volatile Histories histories = new Histories(null, Map.of());

    /** @param servedVersion the version this process serves right now */
    public LakeUserHistoryAdapter(DataLake lake, Supplier<Optional<String>> servedVersion) {
        this.lake = lake;
        this.servedVersion = servedVersion;
    }

    @Override
    public List<String> recentItems(String userId, int limit) {
        List<InteractionSequence.Step> steps = current().byUser().getOrDefault(userId, List.of());
        List<String> items = new ArrayList<>(Math.min(limit, steps.size()));
        for (int i = Math.max(0, steps.size() - limit); i < steps.size(); i++) {
            items.add(steps.get(i).itemId());
        }
        return items;
    }

    @Override
    public Set<String> purchasedItems(String userId) {
        Set<String> bought = new LinkedHashSet<>();
        for (InteractionSequence.Step s : current().byUser().getOrDefault(userId, List.of())) {
            if (s.type() == EventType.PURCHASE) {
                bought.add(s.itemId());
            }
        }
        return bought;
    }

    @Override
    public Optional<Instant> lastSeen(String userId) {
        List<InteractionSequence.Step> steps = current().byUser().getOrDefault(userId, List.of());
        return steps.isEmpty() ? Optional.empty() : Optional.of(steps.get(steps.size() - 1).time());
    }

    private Histories current() {
        Optional<String> version = servedVersion.get();
        Histories h = histories;
        if (version.isEmpty() || version.get().equals(h.version())) {
            return h;
        }
        synchronized (this) {
            if (!version.get().equals(histories.version())) {
                histories = load(version.get());
            }
            return histories;
        }
    }

    private Histories load(String version) {
        Map<String, List<InteractionSequence.Step>> byUser = new HashMap<>();
        Optional<ZonePath> dataset = datasetOf(version);
        if (dataset.isEmpty()) {
            LOG.warn("model {} names no dataset: user histories are empty, users get popular items", version);
            return new Histories(version, byUser);
        }
        for (ZonePath file : files(dataset.get().resolve(DatasetFile.USERS.fileName()))) {
            Optional<InputStream> in = lake.open(file);
            if (in.isEmpty()) {
                continue;
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in.get(), StandardCharsets.UTF_8))) {
                String line;
                long n = 0;
                while ((line = r.readLine()) != null) {
                    n++;
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        InteractionSequence s = InteractionSequence.parse(line);
                        if (s.userId() != null) {
                            byUser.put(s.userId(), s.steps());
                        }
                    } catch (IllegalArgumentException e) {
                        LOG.warn("skipping unreadable user history {} line {}: {}", file, n, e.getMessage());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read user histories " + file + ": " + e.getMessage(), e);
            }
        }
        LOG.info("loaded the histories of {} users for model {}", byUser.size(), version);
        return new Histories(version, byUser);
    }

    private Optional<ZonePath> datasetOf(String version) {
        ZonePath metadata = ModelFile.METADATA.of(version);
        return lake.read(metadata).flatMap(bytes -> {
            try {
                return ModelMetadataJson.read(bytes, metadata.toString()).dataset()
                        .map(d -> ZonePath.parseKey(d.location().replaceAll("/+$", "")));
            } catch (IllegalArgumentException e) {
                LOG.warn("cannot read the dataset of model {}: {}", version, e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** A single file, or the {@code part-*} files of a folder of that name (Spark's output). */
    private List<ZonePath> files(ZonePath path) {
        if (lake.exists(path)) {
            return List.of(path);
        }
        return lake.list(path).stream().map(DataLake.LakeObject::path)
                .filter(p -> p.name().startsWith("part-")).toList();
    }

    private record Histories(String version, Map<String, List<InteractionSequence.Step>> byUser) {
    }
}
