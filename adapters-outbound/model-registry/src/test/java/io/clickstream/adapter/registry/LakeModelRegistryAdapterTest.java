package io.clickstream.adapter.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.adapter.memory.InMemoryDataLake;
import io.clickstream.application.port.out.ModelRegistry.Promotion;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.ModelFile;
import io.clickstream.domain.ModelMetrics;
import io.clickstream.domain.ModelVersion;
import io.clickstream.domain.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LakeModelRegistryAdapterTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryDataLake lake = new InMemoryDataLake();
    private final LakeModelRegistryAdapter registry = new LakeModelRegistryAdapter(lake);

    /** Writes a version's metadata as a trainer does: the fields the registry reads, and the trainer's own details. */
    private void write(ModelVersion version, Map<String, Object> details) {
        ObjectNode root = JSON.valueToTree(details);
        root.put("version", version.version()).put("createdAt", version.createdAt().toString())
                .put("description", version.description());
        ObjectNode metrics = root.putObject("metrics");
        version.metrics().values().forEach(metrics::put);
        root.put("evaluatedPredictions", version.metrics().evaluatedPredictions());
        try {
            lake.write(ModelFile.METADATA.of(version.version()), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ModelVersion version(String id, Instant at, double mrr) {
        return new ModelVersion(id, at, new ModelMetrics(Map.of(ModelMetrics.MRR_20, mrr, ModelMetrics.HR_20, 2 * mrr), 500), "test");
    }

    @Test
    void an_empty_lake_has_no_models_and_nothing_published() {
        assertThat(registry.list()).isEmpty();
        assertThat(registry.currentVersion()).isEmpty();
        assertThat(registry.history()).isEmpty();
    }

    @Test
    void registered_versions_are_listed_newest_first_with_their_metrics_and_lineage_kept() {
        write(version("m-1", T0, 0.1), Map.of("window", "P30D"));
        write(version("m-2", T0.plusSeconds(60), 0.2), Map.of());

        assertThat(registry.list()).extracting(ModelVersion::version).containsExactly("m-2", "m-1");
        assertThat(registry.find("m-1")).hasValueSatisfying(v -> {
            assertThat(v.metrics().get(ModelMetrics.MRR_20)).contains(0.1);
            assertThat(v.metrics().evaluatedPredictions()).isEqualTo(500);
        });
        String metadata = new String(lake.read(ModelFile.METADATA.of("m-1")).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(metadata).contains("\"window\" : \"P30D\"");
    }

    /** Issue 14 finding 8: the promotion history is bounded. */
    @Test
    void only_the_newest_promotion_records_are_kept() {
        LakeModelRegistryAdapter bounded = new LakeModelRegistryAdapter(lake, 3);
        write(version("m-1", T0, 0.1), Map.of());
        write(version("m-2", T0.plusSeconds(60), 0.2), Map.of());

        for (int i = 0; i < 10; i++) {
            bounded.promote(i % 2 == 0 ? "m-1" : "m-2", "promotion " + i, T0.plusSeconds(100 + i));
        }

        assertThat(bounded.history()).extracting(Promotion::reason).containsExactly("promotion 9", "promotion 8", "promotion 7");
        assertThat(lake.list(io.clickstream.domain.ZonePath.of(io.clickstream.domain.DataZone.ANALYTICS, "models/_promotions"))).hasSize(3);
        assertThat(bounded.currentVersion()).hasValue("m-2");
    }

    @Test
    void promotion_moves_current_and_is_recorded_in_history() {
        write(version("m-1", T0, 0.1), Map.of());
        write(version("m-2", T0.plusSeconds(60), 0.2), Map.of());

        registry.promote("m-1", "first", T0.plusSeconds(100));
        registry.promote("m-2", "better", T0.plusSeconds(200));
        registry.promote("m-1", "rollback", T0.plusSeconds(300));

        assertThat(registry.currentVersion()).hasValue("m-1");
        assertThat(registry.history()).extracting(Promotion::reason).containsExactly("rollback", "better", "first");
        assertThat(new String(lake.read(LakeLayout.currentModelPointer()).orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("m-1\n");
    }

    @Test
    void promoting_an_unknown_version_changes_nothing() {
        assertThatThrownBy(() -> registry.promote("m-404", "x", T0)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("m-404");
        assertThat(registry.currentVersion()).isEmpty();
    }

    @Test
    void a_broken_metadata_file_does_not_hide_the_other_versions() {
        write(version("m-1", T0, 0.1), Map.of());
        lake.write(ModelFile.METADATA.of("m-bad"), "{not json".getBytes(StandardCharsets.UTF_8));

        assertThat(registry.list()).extracting(ModelVersion::version).containsExactly("m-1");
    }

    @Test
    void a_second_registry_on_the_same_lake_sees_the_same_state() {
        write(version("m-1", T0, 0.1), Map.of());
        registry.promote("m-1", "first", T0);

        LakeModelRegistryAdapter replica = new LakeModelRegistryAdapter(lake);

        assertThat(replica.currentVersion()).hasValue("m-1");
        assertThat(replica.list()).hasSize(1);
    }

    /** Issue 16: the dashboard reads a version's metrics against the other recommenders on the same holdout. */
    @Test
    void the_trainers_holdout_scores_of_every_recommender_are_read_as_the_versions_baselines() {
        write(version("m-1", T0, 0.3), Map.of("evaluation", Map.of("holdout", Map.of(
                "session-knn", Map.of("HR@20", 0.5, "MRR@20", 0.25, "predictions", 148),
                "most-popular", Map.of("HR@20", 0.1, "MRR@20", 0.02, "predictions", 148)))));
        write(version("m-2", T0.plusSeconds(60), 0.2), Map.of());

        ModelVersion m1 = registry.find("m-1").orElseThrow();
        assertThat(m1.baselines()).containsOnlyKeys("session-knn", "most-popular");
        assertThat(m1.baselines().get("session-knn").values()).containsExactlyInAnyOrderEntriesOf(
                Map.of("HR@20", 0.5, "MRR@20", 0.25));
        assertThat(m1.baselines().get("session-knn").evaluatedPredictions()).isEqualTo(148);
        assertThat(m1.baselines().get("most-popular").get(ModelMetrics.MRR_20)).contains(0.02);
        assertThat(registry.find("m-2").orElseThrow().baselines()).as("a version without an evaluation").isEmpty();
    }
}
