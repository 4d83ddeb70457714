package io.clickstream.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.adapter.memory.InMemoryModelRegistry;
import io.clickstream.adapter.memory.InMemoryModelTrainer;
import io.clickstream.adapter.memory.InMemoryTrainingDataProvider;
import io.clickstream.application.port.in.TrainModelUseCase.TrainCommand;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.JobState;
import io.clickstream.domain.StepOutcome;
import io.clickstream.testing.MutableClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** TrainService: trains when there is enough new data, skips with the reason otherwise, warm-starts from the published model. */
class TrainServiceTest {
    private final MutableClock clock = MutableClock.at("2026-11-21T12:00:00Z");
    private final InMemoryModelRegistry registry = new InMemoryModelRegistry();
    private final InMemoryTrainingDataProvider data = new InMemoryTrainingDataProvider(clock).withData(500, 50, 80);
    private final InMemoryModelTrainer trainer = new InMemoryModelTrainer(registry, clock);
    private final TrainService service = new TrainService(data, trainer, registry,
            new TrainingSettings(Duration.ofDays(30), Duration.ofDays(1), 100));

    private StepOutcome train() {
        return service.train(new TrainCommand(JobMonitor.none()));
    }

    @Test
    void a_candidate_is_trained_and_registered() {
        StepOutcome outcome = train();

        assertThat(outcome.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(outcome.counts()).containsEntry("trainingSequences", 500L);
        assertThat(registry.list()).hasSize(1);
    }

    @Test
    void too_little_data_is_skipped_with_the_numbers() {
        data.withData(40, 5, 10);

        StepOutcome outcome = train();

        assertThat(outcome.state()).isEqualTo(JobState.SKIPPED);
        assertThat(outcome.message()).contains("40 sequences").contains("at least 100");
        assertThat(registry.list()).isEmpty();
    }

    @Test
    void without_new_staged_data_training_is_skipped_and_with_new_data_it_resumes() {
        train();

        StepOutcome again = train();
        assertThat(again.state()).isEqualTo(JobState.SKIPPED);
        assertThat(again.message()).contains("no new staged data").contains("m-0001");

        clock.advance(Duration.ofHours(1));
        assertThat(train().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(registry.list()).hasSize(2);
    }

    @Test
    void training_warm_starts_from_the_published_model() {
        train();
        registry.promote("m-0001", "test", clock.instant());
        clock.advance(Duration.ofHours(1));

        train();

        assertThat(trainer.warmStarts()).containsExactly(Optional.empty(), Optional.of("m-0001"));
    }
}
