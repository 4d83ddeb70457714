package io.clickstream.lake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.domain.ModelMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one reader and writer of {@code metadata.json}. The field paths below are the file's contract: tools and older
 * versions in a lake read and wrote them, so they change only with a migration.
 */
public final class ModelMetadataJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String METRICS = "metrics";
    private static final String PREDICTIONS = "predictions";
    private static final String EVALUATED_PREDICTIONS = "evaluatedPredictions";
    private static final String SERVING = "serving";
    private static final String DATASET = "dataset";
    private static final String EVALUATION = "evaluation";
    private static final String HOLDOUT = "holdout";
    private static final String HYPER_PARAMETERS = "hyperParameters";

    private ModelMetadataJson() {
    }

    public static byte[] write(ModelMetadata metadata) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", metadata.version()).put("createdAt", metadata.createdAt().toString())
                .put("description", metadata.description());
        ObjectNode metrics = root.putObject(METRICS);
        metadata.metrics().values().forEach(metrics::put);
        root.put(EVALUATED_PREDICTIONS, metadata.metrics().evaluatedPredictions());
        metadata.serving().ifPresent(s -> {
            ObjectNode serving = root.putObject(SERVING).put("variant", s.blend() ? "blend" : "network")
                    .put("networkWeight", s.networkWeight()).put("sequenceLength", s.sequenceLength())
                    .put("knnNeighbours", s.knnNeighbours()).put("knnSampleSize", s.knnSampleSize());
            if (s.eventTypes() != null) {
                serving.put("eventTypes", s.eventTypes());
            }
        });
        root.setAll(metadata.details().deepCopy());
        if (!metadata.holdout().isEmpty()) {
            ObjectNode holdout = section(root, EVALUATION).putObject(HOLDOUT);
            metadata.holdout().forEach((name, m) -> {
                ObjectNode r = holdout.putObject(name);
                m.values().forEach(r::put);
                r.put(PREDICTIONS, m.evaluatedPredictions());
            });
        }
        metadata.dataset().ifPresent(d -> {
            ObjectNode dataset = section(root, DATASET);
            ObjectNode typedFirst = JSON.createObjectNode().put("id", d.id()).put("location", d.location());
            typedFirst.setAll(dataset);
            root.set(DATASET, typedFirst);
        });
        metadata.judging().ifPresent(j -> section(root, HYPER_PARAMETERS)
                .put("vocabularyMinSupport", j.vocabularyMinSupport())
                .put("evaluationMaxPredictions", j.evaluationMaxPredictions()));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param where the file read, for the error */
    public static ModelMetadata read(byte[] json, String where) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!n.isObject() || !n.hasNonNull("version") || !n.hasNonNull("createdAt")) {
            throw new IllegalArgumentException(where + " is not a model's metadata: it needs 'version' and 'createdAt'");
        }
        Map<String, ModelMetrics> holdout = new LinkedHashMap<>();
        n.path(EVALUATION).path(HOLDOUT).fields().forEachRemaining(e -> {
            Map<String, Double> scores = numbers(e.getValue());
            scores.remove(PREDICTIONS);
            holdout.put(e.getKey(), new ModelMetrics(scores, e.getValue().path(PREDICTIONS).asLong(0)));
        });
        JsonNode serving = n.path(SERVING);
        JsonNode dataset = n.path(DATASET);
        JsonNode hyper = n.path(HYPER_PARAMETERS);
        ObjectNode details = ((ObjectNode) n).deepCopy();
        details.remove(java.util.List.of("version", "createdAt", "description", METRICS, EVALUATED_PREDICTIONS, SERVING));
        return new ModelMetadata(n.path("version").asText(), Instant.parse(n.path("createdAt").asText()),
                n.path("description").asText(""),
                new ModelMetrics(numbers(n.path(METRICS)), n.path(EVALUATED_PREDICTIONS).asLong(0)),
                serving.isObject() ? Optional.of(new ModelMetadata.Serving("blend".equals(serving.path("variant").asText()),
                        serving.path("networkWeight").asDouble(0.5), serving.path("sequenceLength").asInt(0),
                        serving.path("knnNeighbours").asInt(100), serving.path("knnSampleSize").asInt(500),
                        serving.path("eventTypes").asText(null))) : Optional.empty(),
                dataset.hasNonNull("location") ? Optional.of(new ModelMetadata.DatasetRef(dataset.path("id").asText(null),
                        dataset.path("location").asText())) : Optional.empty(),
                holdout,
                hyper.isObject() ? Optional.of(new ModelMetadata.Judging(hyper.path("vocabularyMinSupport").asInt(1),
                        hyper.path("evaluationMaxPredictions").asInt(Integer.MAX_VALUE))) : Optional.empty(),
                details);
    }

    private static ObjectNode section(ObjectNode root, String name) {
        JsonNode existing = root.get(name);
        return existing instanceof ObjectNode o ? o : root.putObject(name);
    }

    private static Map<String, Double> numbers(JsonNode node) {
        Map<String, Double> values = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (e.getValue().isNumber()) {
                values.put(e.getKey(), e.getValue().asDouble());
            }
        });
        return values;
    }
}
