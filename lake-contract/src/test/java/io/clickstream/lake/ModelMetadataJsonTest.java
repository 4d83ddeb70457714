package io.clickstream.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.domain.ModelMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelMetadataJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private static ModelMetadata trained() {
        ObjectNode details = JSON.createObjectNode();
        details.putObject("evaluation").put("served", "blend-0.3").put("selectionMetric", "MRR@20");
        details.putObject("dataset").put("windowStart", "2026-10-22T10:00:00Z");
        details.putObject("hyperParameters").put("embeddingSize", 64).put("vocabularyMinSupport", 3);
        details.putObject("training").put("epochsRun", 4);
        return new ModelMetadata("m-1", T0, "a network", new ModelMetrics(Map.of("MRR@20", 0.25, "HR@20", 0.5), 900),
                Optional.of(new ModelMetadata.Serving(true, 0.3, 10, 100, 500, "a note")),
                Optional.of(new ModelMetadata.DatasetRef("d-42", "analytics/datasets/d-42")),
                Map.of("network", new ModelMetrics(Map.of("MRR@20", 0.2), 900),
                        "most-popular", new ModelMetrics(Map.of("MRR@20", 0.05), 900)),
                Optional.of(new ModelMetadata.Judging(2, 5000)), details);
    }

    @Test
    void what_is_written_reads_back_the_same() {
        ModelMetadata written = trained();

        ModelMetadata read = ModelMetadataJson.read(ModelMetadataJson.write(written), "metadata.json");

        assertThat(read.version()).isEqualTo("m-1");
        assertThat(read.createdAt()).isEqualTo(T0);
        assertThat(read.metrics()).isEqualTo(written.metrics());
        assertThat(read.serving()).isEqualTo(written.serving());
        assertThat(read.dataset()).isEqualTo(written.dataset());
        assertThat(read.holdout()).isEqualTo(written.holdout());
        assertThat(read.judging()).isEqualTo(written.judging());
        assertThat(read.details().path("training").path("epochsRun").asInt()).isEqualTo(4);
        assertThat(read.toModelVersion().datasetId()).isEqualTo("d-42");
        assertThat(read.toModelVersion().baselines()).containsOnlyKeys("network", "most-popular");
    }

    /** The file's paths are a contract with versions already in a lake and with tools: they stay where they were. */
    @Test
    void the_typed_fields_are_written_at_their_paths_beside_the_report() throws Exception {
        JsonNode file = JSON.readTree(new String(ModelMetadataJson.write(trained()), StandardCharsets.UTF_8));

        assertThat(file.path("metrics").path("MRR@20").asDouble()).isEqualTo(0.25);
        assertThat(file.path("evaluatedPredictions").asLong()).isEqualTo(900);
        assertThat(file.path("serving").path("variant").asText()).isEqualTo("blend");
        assertThat(file.path("serving").path("networkWeight").asDouble()).isEqualTo(0.3);
        assertThat(file.path("dataset").path("id").asText()).isEqualTo("d-42");
        assertThat(file.path("dataset").path("location").asText()).isEqualTo("analytics/datasets/d-42");
        assertThat(file.path("dataset").path("windowStart").asText()).isEqualTo("2026-10-22T10:00:00Z");
        assertThat(file.path("evaluation").path("served").asText()).isEqualTo("blend-0.3");
        assertThat(file.path("evaluation").path("holdout").path("network").path("predictions").asLong()).isEqualTo(900);
        assertThat(file.path("hyperParameters").path("embeddingSize").asInt()).isEqualTo(64);
        assertThat(file.path("hyperParameters").path("vocabularyMinSupport").asInt()).isEqualTo(2);
        assertThat(file.path("hyperParameters").path("evaluationMaxPredictions").asInt()).isEqualTo(5000);
    }

    @Test
    void a_version_without_serving_dataset_or_evaluation_reads_with_those_absent() {
        byte[] bare = "{\"version\":\"v\",\"createdAt\":\"2026-11-21T10:00:00Z\",\"metrics\":{\"MRR@20\":0.1}}"
                .getBytes(StandardCharsets.UTF_8);

        ModelMetadata read = ModelMetadataJson.read(bare, "v/metadata.json");

        assertThat(read.serving()).isEmpty();
        assertThat(read.dataset()).isEmpty();
        assertThat(read.judging()).isEmpty();
        assertThat(read.holdout()).isEmpty();
        assertThat(read.metrics().get("MRR@20")).contains(0.1);
        assertThat(read.toModelVersion().datasetId()).isNull();
    }

    @Test
    void a_file_that_is_not_a_models_metadata_is_refused_naming_it() {
        assertThatThrownBy(() -> ModelMetadataJson.read("{\"version\":".getBytes(StandardCharsets.UTF_8), "x/metadata.json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x/metadata.json is not valid JSON");
        assertThatThrownBy(() -> ModelMetadataJson.read("[]".getBytes(StandardCharsets.UTF_8), "y/metadata.json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y/metadata.json is not a model's metadata");
    }
}
