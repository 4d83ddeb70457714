package io.clickstream.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** PublishService: the quality gate on the main metric, and manual promotion and rollback. */
class PublishServiceTest {
    private final MutableClock clock = MutableClock.at("2026-11-21T12:00:00Z");
    private final InMemoryModelRegistry registry = new InMemoryModelRegistry();
    private final InMemoryModelLoader loader = new InMemoryModelLoader(v -> InMemoryModelScorer.builder(v).popular("i1").build());
    private final ServingModel serving = new ServingModel(registry, loader);

    private PublishService service(double tolerance) {
        return new PublishService(registry, serving, new PublishSettings(ModelMetrics.HR_20, tolerance), clock);
    }

    private ModelVersion trained(String version, double hr20) {
        clock.advance(Duration.ofHours(1));
        ModelVersion v = new ModelVersion(version, clock.instant(),
                new ModelMetrics(Map.of(ModelMetrics.HR_20, hr20, ModelMetrics.MRR_20, hr20 / 2), 1000), "");
        registry.add(v);
        return v;
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
    void the_first_candidate_is_published_and_served() {
        trained("m-0001", 0.30);

        StepOutcome outcome = publish(service(0));

        assertThat(outcome.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(outcome.message()).isEqualTo("published m-0001");
        assertThat(registry.currentVersion()).hasValue("m-0001");
        assertThat(serving.servedVersion()).hasValue("m-0001");
        assertThat(registry.history()).singleElement().satisfies(p -> {
            assertThat(p.reason()).isEqualTo("quality gate: HR@20=0.3");
            assertThat(p.at()).isEqualTo(clock.instant());
        });
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
        assertThat(outcome.message()).isEqualTo("candidate m-0002 HR@20=0.25 is worse than published m-0001 HR@20=0.3");
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
        PublishService service = new PublishService(registry, servingPicky, new PublishSettings(ModelMetrics.HR_20, 0), clock);
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
        PublishService service = new PublishService(registry, flakyServing, new PublishSettings(ModelMetrics.HR_20, 0), clock);
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
