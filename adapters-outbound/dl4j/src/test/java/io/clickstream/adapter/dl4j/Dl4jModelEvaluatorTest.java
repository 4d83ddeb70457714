package io.clickstream.adapter.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.clickstream.adapter.memory.InMemoryDataLake;
import io.clickstream.application.port.out.ModelEvaluator.HoldoutComparison;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.ModelMetrics;
import io.clickstream.domain.ModelVersion;
import io.clickstream.domain.NotFoundException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The gate's evaluation on planted synthetic models, whose quality is real: the published version is scored again,
 * as served, on the candidate's holdout and on exactly the candidate's predictions.
 */
class Dl4jModelEvaluatorTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final int ITEMS = 800;

    private final InMemoryDataLake lake = new InMemoryDataLake();
    private final SyntheticModelWriter models = new SyntheticModelWriter(lake);
    private final Dl4jModelEvaluator evaluator = new Dl4jModelEvaluator(lake, RetrievalSettings.defaults());

    @Test
    void the_published_model_is_scored_on_the_candidates_holdout_as_it_scored_itself_there() {
        ModelVersion weak = models.write(SyntheticModelWriter.Spec.planted("weak", T0, ITEMS, 1, 0.25, "h"));
        ModelVersion strong = models.write(SyntheticModelWriter.Spec.planted("strong", T0.plusSeconds(60), ITEMS, 2, 0.6, "h"));

        HoldoutComparison c = evaluator.compare("strong", Optional.of("weak"), JobMonitor.none()).orElseThrow();

        assertThat(c.holdout()).isEqualTo("h");
        assertThat(c.candidate()).isEqualTo(strong.metrics());
        assertThat(c.published()).as("scored again through the served scorer, the same predictions, the same sums")
                .contains(weak.metrics());
        assertThat(c.candidate().get(ModelMetrics.MRR_20).orElseThrow())
                .isGreaterThan(c.published().orElseThrow().get(ModelMetrics.MRR_20).orElseThrow())
                .isGreaterThan(c.mostPopular().get(ModelMetrics.MRR_20).orElseThrow());
        assertThat(c.mostPopular().evaluatedPredictions()).isEqualTo(strong.metrics().evaluatedPredictions()).isPositive();
    }

    @Test
    void a_newer_holdout_gives_the_published_model_the_score_it_earns_there() {
        models.write(SyntheticModelWriter.Spec.planted("published", T0, ITEMS, 5, 0.4, "old-window"));
        // The same weights (same seed and strength) written against the newer holdout record their score there.
        ModelVersion sameWeightsOnNew = models.write(SyntheticModelWriter.Spec.planted("twin", T0.plusSeconds(30), ITEMS, 5, 0.4,
                "new-window"));
        models.write(SyntheticModelWriter.Spec.planted("candidate", T0.plusSeconds(60), ITEMS, 6, 0.5, "new-window"));

        HoldoutComparison c = evaluator.compare("candidate", Optional.of("published"), JobMonitor.none()).orElseThrow();

        assertThat(c.holdout()).isEqualTo("new-window");
        assertThat(c.published()).contains(sameWeightsOnNew.metrics());
    }

    @Test
    void the_gate_judges_the_retrieval_that_is_served_so_a_degraded_index_scores_lower() {
        ModelVersion planted = models.write(SyntheticModelWriter.Spec.planted("net", T0, 3_000, 8, 0.6, "h"));
        RetrievalSettings approximate = RetrievalSettings.defaults().withMode(RetrievalSettings.Mode.APPROXIMATE);
        RetrievalSettings degraded = approximate.withGraph(2, 2, 1).withCandidates(20);

        ModelMetrics exact = new Dl4jModelEvaluator(lake, RetrievalSettings.exact()).compare("net", Optional.empty(),
                JobMonitor.none()).orElseThrow().candidate();
        ModelMetrics good = new Dl4jModelEvaluator(lake, approximate).compare("net", Optional.empty(), JobMonitor.none())
                .orElseThrow().candidate();
        ModelMetrics poor = new Dl4jModelEvaluator(lake, degraded).compare("net", Optional.empty(), JobMonitor.none())
                .orElseThrow().candidate();

        assertThat(exact).as("exact retrieval is what the writer measured").isEqualTo(planted.metrics());
        for (String metric : new String[] {ModelMetrics.HR_20, ModelMetrics.MRR_20}) {
            double viaExact = exact.get(metric).orElseThrow();
            assertThat(good.get(metric).orElseThrow()).as(metric + " through a good index").isCloseTo(viaExact, within(0.01));
            assertThat(poor.get(metric).orElseThrow()).as(metric + " through a degraded index")
                    .isLessThan(good.get(metric).orElseThrow() - 0.05);
        }
    }

    @Test
    void without_a_published_model_only_the_candidate_and_most_popular_are_reported() {
        ModelVersion only = models.write(SyntheticModelWriter.Spec.planted("only", T0, ITEMS, 3, 0.5, "h"));

        HoldoutComparison c = evaluator.compare("only", Optional.empty(), JobMonitor.none()).orElseThrow();

        assertThat(c.candidate()).isEqualTo(only.metrics());
        assertThat(c.published()).isEmpty();
    }

    @Test
    void a_version_without_a_holdout_evaluation_cannot_be_judged_and_an_unknown_one_does_not_exist() {
        models.write(SyntheticModelWriter.Spec.of("random", T0, ITEMS, 4, 0.9, 0.9, 0.9));

        assertThat(evaluator.compare("random", Optional.empty(), JobMonitor.none())).isEmpty();
        assertThatThrownBy(() -> evaluator.compare("nope", Optional.empty(), JobMonitor.none()))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("nope");
    }

    @Test
    void planted_strength_orders_the_measured_quality() {
        double previous = -1;
        for (double strength : new double[] {0.0, 0.2, 0.4, 0.8}) {
            ModelVersion v = models.write(SyntheticModelWriter.Spec.planted("s" + strength, T0, ITEMS, 9, strength, "h"));
            double mrr = v.metrics().get(ModelMetrics.MRR_20).orElseThrow();
            assertThat(mrr).as("strength " + strength).isGreaterThan(previous);
            previous = mrr;
        }
    }
}
