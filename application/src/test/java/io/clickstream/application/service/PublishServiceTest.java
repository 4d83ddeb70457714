package io.clickstream.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.adapter.memory.InMemoryModelEvaluator;
import io.clickstream.adapter.memory.InMemoryModelLoader;
import io.clickstream.adapter.memory.InMemoryModelRegistry;
import io.clickstream.adapter.memory.InMemoryModelScorer;
import io.clickstream.application.port.in.PublishModelUseCase.PromoteModelCommand;
import io.clickstream.application.port.in.PublishModelUseCase.PublishCommand;
import io.clickstream.application.port.out.ModelRegistry.Promotion;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.JobState;
import io.clickstream.domain.ModelMetrics;
import io.clickstream.domain.ModelVersion;
import io.clickstream.domain.NotFoundException;
import io.clickstream.domain.StepOutcome;
import io.clickstream.testing.MutableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PublishService: the quality gate on the main metric, judged on the newest holdout (the published model scored there
 * again, most-popular beaten), and manual promotion and rollback.
 */
class PublishServiceTest {
    private static final ModelMetrics POPULAR = hr(0.05);
    private final MutableClock clock = MutableClock.at("2026-11-21T12:00:00Z");
    private final InMemoryModelRegistry registry = new InMemoryModelRegistry();
    private final InMemoryModelEvaluator evaluator = new InMemoryModelEvaluator(registry).mostPopularScores(POPULAR);
    private final InMemoryModelLoader loader = new InMemoryModelLoader(v -> InMemoryModelScorer.builder(v).popular("i1").build());
    private final ServingModel serving = new ServingModel(registry, loader);

    private PublishService service(double tolerance) {
        return new PublishService(registry, evaluator, serving, new PublishSettings(ModelMetrics.HR_20, tolerance), clock);
    }

    /** A candidate trained on dataset {@code ds-<version>}, scoring {@code hr20} on its holdout. */
    private ModelVersion trained(String version, double hr20) {
        clock.advance(Duration.ofHours(1));
        ModelVersion v = new ModelVersion(version, clock.instant(), hr(hr20), "", "ds-" + version);
        registry.add(v);
        return v;
    }

    private static ModelMetrics hr(double hr20) {
        return new ModelMetrics(Map.of(ModelMetrics.HR_20, hr20, ModelMetrics.MRR_20, hr20 / 2), 1000);
    }

    private StepOutcome publish(PublishService service) {
        return service.publish(new PublishCommand(JobMonitor.none()));
    }

    @Test
    void with_no_trained_model_publish_is_skipped() {
        StepOutcome outcome = publish(service(0));

        assertThat(outcome.state()).isEqualTo(JobState.SKIPPED);
        assertThat(outcome.message()).isEqualTo("no trained model to publish");
        assertThat(serving.servedVersion()).isEmpty();
    }

    @Test
    void the_first_candidate_is_published_and_served_when_it_beats_most_popular() {
        trained("m-0001", 0.30);

        StepOutcome outcome = publish(service(0));

        assertThat(outcome.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(outcome.message()).isEqualTo("published m-0001 (HR@20=0.3, most-popular 0.05 on the holdout of ds-m-0001)");
        assertThat(outcome.measures()).containsEntry("candidate.HR@20", 0.3).containsEntry("mostPopular.HR@20", 0.05);
        assertThat(outcome.counts()).containsEntry("predictions", 1000L);
        assertThat(registry.currentVersion()).hasValue("m-0001");
        assertThat(serving.servedVersion()).hasValue("m-0001");
        assertThat(registry.history()).singleElement().satisfies(p -> {
            assertThat(p.reason()).isEqualTo("quality gate: HR@20=0.3, most-popular 0.05 on the holdout of ds-m-0001");
            assertThat(p.at()).isEqualTo(clock.instant());
        });
    }

    @Test
    void a_candidate_no_better_than_most_popular_is_skipped_with_both_scores() {
        trained("m-0001", 0.05);

        StepOutcome outcome = publish(service(0));

        assertThat(outcome.state()).isEqualTo(JobState.SKIPPED);
        assertThat(outcome.message()).isEqualTo("candidate m-0001 HR@20=0.05 does not beat most-popular HR@20=0.05 "
                + "on the holdout of ds-m-0001");
        assertThat(outcome.measures()).containsEntry("candidate.HR@20", 0.05).containsEntry("mostPopular.HR@20", 0.05);
        assertThat(registry.currentVersion()).isEmpty();
        assertThat(serving.servedVersion()).isEmpty();
    }

    @Test
    void a_candidate_without_a_holdout_evaluation_is_skipped_not_published_blindly() {
        clock.advance(Duration.ofHours(1));
        registry.add(new ModelVersion("m-0001", clock.instant(), hr(0.9), "imported, no lineage"));

        StepOutcome outcome = publish(service(0));

        assertThat(outcome.state()).isEqualTo(JobState.SKIPPED);
        assertThat(outcome.message()).contains("m-0001 has no holdout evaluation").contains("promote it manually");
        assertThat(registry.currentVersion()).isEmpty();
    }

    @Test
    void the_published_model_is_judged_again_on_the_newest_holdout_not_by_its_old_score() {
        trained("m-0001", 0.30);
        PublishService service = service(0);
        publish(service);
        trained("m-0002", 0.35);
        evaluator.scores("m-0001", "ds-m-0002", hr(0.40)); // the newest data suits the published model better

        StepOutcome kept = publish(service);

        assertThat(kept.state()).isEqualTo(JobState.SKIPPED);
        assertThat(kept.message()).isEqualTo("candidate m-0002 HR@20=0.35 is worse than published m-0001 HR@20=0.4 "
                + "on the holdout of ds-m-0002");
        assertThat(kept.measures()).containsEntry("published.HR@20", 0.4).containsEntry("candidate.HR@20", 0.35);
        assertThat(evaluator.comparisons()).containsExactly("m-0001 vs - on ds-m-0001", "m-0002 vs m-0001 on ds-m-0002");

        trained("m-0003", 0.25);
        evaluator.scores("m-0001", "ds-m-0003", hr(0.20)); // below its old 0.30: the newest data is what counts

        StepOutcome replaced = publish(service);

        assertThat(replaced.state()).as(replaced.message()).isEqualTo(JobState.SUCCEEDED);
        assertThat(replaced.message()).isEqualTo("published m-0003 (HR@20=0.25, most-popular 0.05, published m-0001 0.2 "
                + "on the holdout of ds-m-0003)");
        assertThat(serving.servedVersion()).hasValue("m-0003");
    }

    @Test
    void a_better_candidate_replaces_the_published_model() {
        trained("m-0001", 0.30);
        PublishService service = service(0);
        publish(service);
        trained("m-0002", 0.35);

        StepOutcome outcome = publish(service);

        assertThat(outcome.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(serving.servedVersion()).hasValue("m-0002");
    }

    @Test
    void a_worse_candidate_is_skipped_naming_both_scores() {
        trained("m-0001", 0.30);
        PublishService service = service(0.01);
        publish(service);
        trained("m-0002", 0.25);

        StepOutcome outcome = publish(service);

        assertThat(outcome.state()).isEqualTo(JobState.SKIPPED);
        assertThat(outcome.message()).isEqualTo("candidate m-0002 HR@20=0.25 is worse than published m-0001 HR@20=0.3 "
                + "on the holdout of ds-m-0002");
        assertThat(registry.currentVersion()).hasValue("m-0001");
        assertThat(serving.servedVersion()).hasValue("m-0001");
    }

    @Test
    void a_candidate_within_the_tolerance_is_published() {
        trained("m-0001", 0.30);
        PublishService service = service(0.05);
        publish(service);
        trained("m-0002", 0.27);

        StepOutcome outcome = publish(service);

        assertThat(outcome.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(serving.servedVersion()).hasValue("m-0002");
    }

    @Test
    void the_newest_model_already_published_is_skipped() {
        trained("m-0001", 0.30);
        PublishService service = service(0);
        publish(service);

        StepOutcome again = publish(service);

        assertThat(again.state()).isEqualTo(JobState.SKIPPED);
        assertThat(again.message()).contains("already published");
        assertThat(registry.history()).hasSize(1);
    }

    @Test
    void promoting_an_unknown_version_is_not_found() {
        trained("m-0001", 0.30);

        assertThatThrownBy(() -> service(0).promote(new PromoteModelCommand("m-9999", "rollback")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("m-9999");
        assertThat(registry.currentVersion()).isEmpty();
    }

    @Test
    void promoting_an_earlier_version_rolls_back_and_serves_it() {
        trained("m-0001", 0.30);
        PublishService service = service(0);
        publish(service);
        trained("m-0002", 0.40);
        publish(service);
        assertThat(serving.servedVersion()).hasValue("m-0002");

        ModelVersion promoted = service.promote(new PromoteModelCommand("m-0001", "m-0002 recommends out-of-stock items"));

        assertThat(promoted.version()).isEqualTo("m-0001");
        assertThat(registry.currentVersion()).hasValue("m-0001");
        assertThat(serving.servedVersion()).hasValue("m-0001");
        assertThat(registry.history()).extracting(Promotion::version).containsExactly("m-0001", "m-0002", "m-0001");
        assertThat(registry.history().get(0).reason()).isEqualTo("m-0002 recommends out-of-stock items");
        assertThat(loader.loads()).containsExactly("m-0001", "m-0002", "m-0001");
    }

    @Test
    void a_candidate_that_fails_to_load_leaves_the_old_model_served() {
        InMemoryModelLoader picky = new InMemoryModelLoader(v -> {
            throw new IllegalStateException("model.zip of " + v + " is corrupt");
        }).register(InMemoryModelScorer.builder("m-0001").popular("i1").build());
        ServingModel servingPicky = new ServingModel(registry, picky);
        PublishService service = new PublishService(registry, evaluator, servingPicky, new PublishSettings(ModelMetrics.HR_20, 0), clock);
        trained("m-0001", 0.30);
        publish(service);
        trained("m-0002", 0.40);

        assertThatThrownBy(() -> publish(service)).hasMessageContaining("corrupt");

        assertThat(servingPicky.servedVersion()).hasValue("m-0001");
    }

    @Test
    void a_rollback_sticks_the_gate_does_not_republish_the_replaced_version() {
        trained("m-0001", 0.30);
        PublishService service = service(0);
        publish(service);
        trained("m-0002", 0.40);
        publish(service);
        service.promote(new PromoteModelCommand("m-0001", "rollback"));

        StepOutcome outcome = publish(service);

        assertThat(outcome.state()).isEqualTo(JobState.SKIPPED);
        assertThat(outcome.message()).contains("m-0002 was published before and replaced");
        assertThat(serving.servedVersion()).hasValue("m-0001");
    }

    @Test
    void a_load_that_failed_after_promotion_is_retried_by_the_next_publish() {
        java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean(true);
        InMemoryModelLoader flaky = new InMemoryModelLoader(v -> {
            if (broken.get() && v.equals("m-0002")) {
                throw new IllegalStateException("lake unreachable while loading " + v);
            }
            return InMemoryModelScorer.builder(v).popular("i1").build();
        });
        ServingModel flakyServing = new ServingModel(registry, flaky);
        PublishService service = new PublishService(registry, evaluator, flakyServing, new PublishSettings(ModelMetrics.HR_20, 0), clock);
        trained("m-0001", 0.30);
        publish(service);
        trained("m-0002", 0.40);
        assertThatThrownBy(() -> publish(service)).hasMessageContaining("unreachable");
        broken.set(false);

        StepOutcome again = publish(service);

        assertThat(again.state()).isEqualTo(JobState.SKIPPED);
        assertThat(flakyServing.servedVersion()).hasValue("m-0002");
    }
}
