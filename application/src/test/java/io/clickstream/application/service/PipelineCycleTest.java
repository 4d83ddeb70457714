package io.clickstream.application.service;

import static io.clickstream.testing.ClickstreamRecords.purchase;
import static io.clickstream.testing.ClickstreamRecords.view;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.adapter.memory.InMemoryClickstreamSource;
import io.clickstream.adapter.memory.InMemoryDataLake;
import io.clickstream.adapter.memory.InMemoryLandingFormat;
import io.clickstream.adapter.memory.InMemoryModelEvaluator;
import io.clickstream.adapter.memory.InMemoryModelLoader;
import io.clickstream.adapter.memory.InMemoryModelRegistry;
import io.clickstream.adapter.memory.InMemoryModelScorer;
import io.clickstream.adapter.memory.InMemoryModelTrainer;
import io.clickstream.adapter.memory.InMemoryRawEventPublisher;
import io.clickstream.adapter.memory.InMemoryStagingProcessor;
import io.clickstream.adapter.memory.InMemoryTrainingDataProvider;
import io.clickstream.application.port.in.IngestClickstreamUseCase.IngestCommand;
import io.clickstream.application.port.in.JobsUseCase.SubmitJobCommand;
import io.clickstream.application.port.in.PublishModelUseCase.PublishCommand;
import io.clickstream.application.port.in.StageInteractionsUseCase.StageCommand;
import io.clickstream.application.port.in.TrainModelUseCase.TrainCommand;
import io.clickstream.domain.Job;
import io.clickstream.domain.JobState;
import io.clickstream.domain.JobType;
import io.clickstream.domain.ModelMetrics;
import io.clickstream.domain.Source;
import io.clickstream.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole pipeline as one cycle job, every service wired to in-memory adapters. */
class PipelineCycleTest {
    private final MutableClock clock = MutableClock.at("2026-11-23T08:00:00Z");
    private final InMemoryDataLake lake = new InMemoryDataLake(clock);
    private final InMemoryRawEventPublisher topic = new InMemoryRawEventPublisher();
    private final InMemoryClickstreamSource weblog = new InMemoryClickstreamSource("weblog", Source.WEBLOG);
    private final InMemoryStagingProcessor staging = new InMemoryStagingProcessor(topic);
    private final InMemoryModelRegistry registry = new InMemoryModelRegistry();
    private final InMemoryModelTrainer trainer = new InMemoryModelTrainer(registry, clock);
    private final InMemoryTrainingDataProvider data = new InMemoryTrainingDataProvider(clock).withData(500, 50, 40);
    private final ServingModel serving = new ServingModel(registry,
            new InMemoryModelLoader(v -> InMemoryModelScorer.builder(v).popular("i1").build()));
    private JobService jobs;

    @AfterEach
    void stop() {
        if (jobs != null) {
            jobs.shutdown(Duration.ofSeconds(5));
        }
    }

    private JobService jobs() {
        IngestService ingest = new IngestService(List.of(weblog), lake, new InMemoryLandingFormat(), topic, clock, 100);
        StageService stage = new StageService(staging);
        TrainService train = new TrainService(data, trainer, registry, new TrainingSettings(Duration.ofDays(30), Duration.ofDays(1), 100));
        PublishService publish = new PublishService(registry, new InMemoryModelEvaluator(registry), serving,
                new PublishSettings(ModelMetrics.HR_20, 0.0), clock);
        jobs = new JobService(Map.of(
                JobType.INGEST, m -> ingest.ingest(new IngestCommand(m)),
                JobType.STAGE, m -> stage.stage(new StageCommand(m)),
                JobType.TRAIN, m -> train.train(new TrainCommand(m)),
                JobType.PUBLISH, m -> publish.publish(new PublishCommand(m))), clock, 50);
        return jobs;
    }

    @Test
    void a_cycle_lands_stages_trains_and_publishes_a_model_that_is_then_served() {
        weblog.append(view("2026-11-22T10:00:00Z", "u1", "s1", "i1"), purchase("2026-11-22T10:05:00Z", "u1", "s1", "i1"));
        trainer.willScore(new ModelMetrics(Map.of(ModelMetrics.HR_20, 0.31), 50));

        Job cycle = awaitTerminal(jobs().submit(new SubmitJobCommand(JobType.CYCLE, "first")));

        assertThat(cycle.state()).as(cycle.message()).isEqualTo(JobState.SUCCEEDED);
        assertThat(cycle.counts()).containsEntry("ingest.landed", 2L).containsEntry("ingest.published", 2L)
                .containsEntry("stage.staged", 2L).containsEntry("train.trainingSequences", 500L);
        assertThat(serving.servedVersion()).hasValue("m-0001");
        assertThat(trainer.warmStarts()).containsExactly(Optional.empty());
    }

    @Test
    void a_second_cycle_without_new_clicks_stages_nothing_and_warm_starts_from_the_published_model() {
        weblog.append(view("2026-11-22T10:00:00Z", "u1", "s1", "i1"));
        trainer.willScore(new ModelMetrics(Map.of(ModelMetrics.HR_20, 0.31), 50),
                new ModelMetrics(Map.of(ModelMetrics.HR_20, 0.20), 50));
        awaitTerminal(jobs().submit(new SubmitJobCommand(JobType.CYCLE, "first")));
        clock.advance(Duration.ofHours(1));

        Job second = awaitTerminal(jobs.submit(new SubmitJobCommand(JobType.CYCLE, "second")));

        assertThat(second.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(second.message()).contains("stage skipped: no new events on the raw topic")
                .contains("publish skipped: candidate m-0002");
        assertThat(trainer.warmStarts()).containsExactly(Optional.empty(), Optional.of("m-0001"));
        assertThat(serving.servedVersion()).hasValue("m-0001");
        assertThat(topic.messages()).hasSize(1);
    }

    private Job awaitTerminal(Job submitted) {
        return JobWaits.awaitTerminal(jobs, submitted.jobId());
    }
}
