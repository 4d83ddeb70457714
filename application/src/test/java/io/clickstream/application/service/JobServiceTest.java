package io.clickstream.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.application.port.in.JobsUseCase.ListJobsQuery;
import io.clickstream.application.port.in.JobsUseCase.SubmitJobCommand;
import io.clickstream.application.service.JobService.JobStep;
import io.clickstream.domain.DependencyUnavailableException;
import io.clickstream.domain.Job;
import io.clickstream.domain.JobConflictException;
import io.clickstream.domain.JobState;
import io.clickstream.domain.JobType;
import io.clickstream.domain.NotConfiguredException;
import io.clickstream.domain.StepOutcome;
import io.clickstream.testing.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** JobService: asynchronous jobs, their states and counts, idempotent submission and mutual exclusion. */
class JobServiceTest {
    private static final Duration WAIT = JobWaits.WAIT;

    private final MutableClock clock = MutableClock.at("2026-11-21T10:00:00Z");
    private final Map<JobType, JobStep> steps = new EnumMap<>(JobType.class);
    private final List<CountDownLatch> toRelease = new ArrayList<>();
    private JobService jobs;

    @AfterEach
    void stopJobs() {
        toRelease.forEach(CountDownLatch::countDown);
        if (jobs != null) {
            jobs.shutdown(Duration.ofSeconds(5));
        }
    }

    private JobService service() {
        jobs = new JobService(steps, clock, 100);
        return jobs;
    }

    private CountDownLatch latch() {
        CountDownLatch latch = new CountDownLatch(1);
        toRelease.add(latch);
        return latch;
    }

    /** A step that reports, then waits for {@code release} before it succeeds. */
    private JobStep blockingStep(CountDownLatch started, CountDownLatch release) {
        return monitor -> {
            monitor.count("read", 5);
            monitor.progress(0.5);
            started.countDown();
            await(release);
            return StepOutcome.succeeded("done", Map.of("landed", 4L));
        };
    }

    @Test
    void a_job_goes_from_queued_through_running_to_succeeded_with_counts_and_progress() {
        CountDownLatch started = latch();
        CountDownLatch release = latch();
        steps.put(JobType.INGEST, blockingStep(started, release));

        Job submitted = service().submit(new SubmitJobCommand(JobType.INGEST, null));

        // The worker may already have picked the job up when submit returns.
        assertThat(submitted.state()).isIn(JobState.QUEUED, JobState.RUNNING);
        assertThat(submitted.runId()).startsWith("manual-");
        await(started);
        Job running = jobs.find(submitted.jobId()).orElseThrow();
        assertThat(running.state()).isEqualTo(JobState.RUNNING);
        assertThat(running.progress()).isEqualTo(0.5);
        assertThat(running.counts()).containsEntry("read", 5L);
        assertThat(running.startedAt()).isNotNull();
        assertThat(running.finishedAt()).isNull();

        release.countDown();
        Job done = awaitTerminal(submitted.jobId());

        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.progress()).isEqualTo(1.0);
        assertThat(done.counts()).containsEntry("read", 5L).containsEntry("landed", 4L);
        assertThat(done.message()).isEqualTo("done");
        assertThat(done.error()).isEmpty();
        assertThat(done.finishedAt()).isNotNull();
    }

    @Test
    void a_skipped_step_ends_the_job_skipped_with_its_reason() {
        steps.put(JobType.STAGE, monitor -> StepOutcome.skipped("no new events on the raw topic", Map.of()));

        Job job = awaitTerminal(service().submit(new SubmitJobCommand(JobType.STAGE, null)).jobId());

        assertThat(job.state()).isEqualTo(JobState.SKIPPED);
        assertThat(job.message()).isEqualTo("no new events on the raw topic");
    }

    @Test
    void measures_reach_the_job_and_a_cycle_gives_them_its_step_prefix_while_a_number_json_cannot_write_is_dropped() {
        steps.put(JobType.TRAIN, monitor -> {
            monitor.measure("loss", 0.25);
            monitor.measure("validation.MRR@20", Double.NaN);
            return StepOutcome.succeeded("trained", Map.of());
        });
        steps.put(JobType.PUBLISH, monitor -> StepOutcome.succeeded("published", Map.of())
                .withMeasures(Map.of("candidate.MRR@20", 0.31, "mostPopular.MRR@20", 0.05)));
        steps.put(JobType.INGEST, monitor -> StepOutcome.succeeded("ingested", Map.of()));
        steps.put(JobType.STAGE, monitor -> StepOutcome.succeeded("staged", Map.of()));

        Job train = awaitTerminal(service().submit(new SubmitJobCommand(JobType.TRAIN, null)).jobId());
        Job publish = awaitTerminal(jobs.submit(new SubmitJobCommand(JobType.PUBLISH, null)).jobId());

        assertThat(train.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(train.measures()).containsExactly(Map.entry("loss", 0.25));
        assertThat(publish.measures()).containsEntry("candidate.MRR@20", 0.31).containsEntry("mostPopular.MRR@20", 0.05);
        assertThat(publish.counts()).doesNotContainKey("candidate.MRR@20");

        Job cycle = awaitTerminal(jobs.submit(new SubmitJobCommand(JobType.CYCLE, null)).jobId());
        assertThat(cycle.state()).as(cycle.message()).isEqualTo(JobState.SUCCEEDED);
        assertThat(cycle.measures()).containsEntry("train.loss", 0.25).containsEntry("publish.candidate.MRR@20", 0.31)
                .doesNotContainKey("train.validation.MRR@20");
    }

    @Test
    void a_step_that_throws_ends_failed_with_its_message_and_causes() {
        steps.put(JobType.TRAIN, monitor -> {
            monitor.count("epochs", 1);
            throw new UncheckedIOException("cannot write analytics/models/m1/model.zip", new IOException("No space left on device"));
        });

        Job job = awaitTerminal(service().submit(new SubmitJobCommand(JobType.TRAIN, null)).jobId());

        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.error()).hasValue("cannot write analytics/models/m1/model.zip (caused by: No space left on device)");
    }

    @Test
    void a_step_without_a_message_still_fails_with_a_readable_error() {
        steps.put(JobType.TRAIN, monitor -> {
            throw new NullPointerException();
        });

        Job job = awaitTerminal(service().submit(new SubmitJobCommand(JobType.TRAIN, null)).jobId());

        assertThat(job.error()).hasValue("NullPointerException");
    }

    @Test
    void a_step_that_is_not_configured_fails_saying_so() {
        steps.put(JobType.INGEST, monitor -> {
            throw new NotConfiguredException("no clickstream source is configured");
        });

        Job job = awaitTerminal(service().submit(new SubmitJobCommand(JobType.INGEST, null)).jobId());

        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.error()).hasValue("not configured: no clickstream source is configured");
    }

    @Test
    void a_step_that_is_not_wired_fails_as_not_configured() {
        Job job = awaitTerminal(service().submit(new SubmitJobCommand(JobType.STAGE, null)).jobId());

        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.error()).hasValueSatisfying(e -> assertThat(e).startsWith("not configured: ").contains("stage"));
    }

    @Test
    void an_unconfigured_port_fails_the_job_saying_what_to_configure() {
        StageService stage = new StageService(Unconfigured.port(io.clickstream.application.port.out.StagingProcessor.class,
                "set kafka.bootstrap.servers"));
        steps.put(JobType.STAGE, monitor -> stage.stage(new io.clickstream.application.port.in.StageInteractionsUseCase.StageCommand(monitor)));

        Job job = awaitTerminal(service().submit(new SubmitJobCommand(JobType.STAGE, null)).jobId());

        assertThat(job.error()).hasValueSatisfying(e -> assertThat(e).startsWith("not configured: ")
                .contains("StagingProcessor").contains("kafka.bootstrap.servers"));
    }

    @Test
    void the_same_type_and_run_id_return_the_same_job_while_it_runs_and_after_it_finished() {
        CountDownLatch started = latch();
        CountDownLatch release = latch();
        steps.put(JobType.INGEST, blockingStep(started, release));
        service();

        Job first = jobs.submit(new SubmitJobCommand(JobType.INGEST, "scheduled__2026-11-21T10:00:00+00:00"));
        await(started);
        Job again = jobs.submit(new SubmitJobCommand(JobType.INGEST, "scheduled__2026-11-21T10:00:00+00:00"));
        assertThat(again.jobId()).isEqualTo(first.jobId());
        assertThat(again.state()).isEqualTo(JobState.RUNNING);

        release.countDown();
        awaitTerminal(first.jobId());
        Job afterwards = jobs.submit(new SubmitJobCommand(JobType.INGEST, "scheduled__2026-11-21T10:00:00+00:00"));

        assertThat(afterwards.jobId()).isEqualTo(first.jobId());
        assertThat(afterwards.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(jobs.list(new ListJobsQuery(null, 10))).hasSize(1);
    }

    @Test
    void the_same_run_id_for_another_type_is_another_job() {
        steps.put(JobType.INGEST, monitor -> StepOutcome.succeeded("ok", Map.of()));
        steps.put(JobType.STAGE, monitor -> StepOutcome.succeeded("ok", Map.of()));
        service();

        Job ingest = jobs.submit(new SubmitJobCommand(JobType.INGEST, "run-1"));
        Job stage = jobs.submit(new SubmitJobCommand(JobType.STAGE, "run-1"));

        assertThat(stage.jobId()).isNotEqualTo(ingest.jobId());
        assertThat(awaitTerminal(stage.jobId()).type()).isEqualTo(JobType.STAGE);
    }

    @Test
    void a_second_job_of_a_type_that_is_running_is_refused_naming_the_running_one() {
        CountDownLatch started = latch();
        CountDownLatch release = latch();
        steps.put(JobType.TRAIN, blockingStep(started, release));
        Job running = service().submit(new SubmitJobCommand(JobType.TRAIN, "a"));
        await(started);

        assertThatThrownBy(() -> jobs.submit(new SubmitJobCommand(JobType.TRAIN, "b")))
                .isInstanceOfSatisfying(JobConflictException.class,
                        e -> assertThat(e.running().jobId()).isEqualTo(running.jobId()))
                .hasMessageContaining("train job is already running").hasMessageContaining(running.jobId());
    }

    @Test
    void jobs_of_different_step_types_run_side_by_side() {
        CountDownLatch ingestStarted = latch();
        CountDownLatch stageStarted = latch();
        CountDownLatch release = latch();
        steps.put(JobType.INGEST, blockingStep(ingestStarted, release));
        steps.put(JobType.STAGE, blockingStep(stageStarted, release));
        service();

        Job ingest = jobs.submit(new SubmitJobCommand(JobType.INGEST, null));
        Job stage = jobs.submit(new SubmitJobCommand(JobType.STAGE, null));
        await(ingestStarted);
        await(stageStarted);
        release.countDown();

        assertThat(awaitTerminal(ingest.jobId()).state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(awaitTerminal(stage.jobId()).state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void a_running_cycle_blocks_every_step_job() {
        CountDownLatch started = latch();
        CountDownLatch release = latch();
        steps.put(JobType.INGEST, blockingStep(started, release));
        service().submit(new SubmitJobCommand(JobType.CYCLE, null));
        await(started);

        for (JobType step : List.of(JobType.INGEST, JobType.STAGE, JobType.TRAIN, JobType.PUBLISH)) {
            assertThatThrownBy(() -> jobs.submit(new SubmitJobCommand(step, null)))
                    .as(step.wireName()).isInstanceOf(JobConflictException.class).hasMessageContaining("cycle job");
        }
    }

    @Test
    void a_running_step_job_blocks_a_cycle() {
        CountDownLatch started = latch();
        CountDownLatch release = latch();
        steps.put(JobType.PUBLISH, blockingStep(started, release));
        service().submit(new SubmitJobCommand(JobType.PUBLISH, null));
        await(started);

        assertThatThrownBy(() -> jobs.submit(new SubmitJobCommand(JobType.CYCLE, null)))
                .isInstanceOf(JobConflictException.class).hasMessageContaining("publish job");
    }

    @Test
    void a_cycle_runs_the_four_steps_in_order_and_prefixes_their_counts() {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        for (JobType type : List.of(JobType.INGEST, JobType.STAGE, JobType.TRAIN, JobType.PUBLISH)) {
            steps.put(type, monitor -> {
                order.add(type.wireName());
                monitor.count("read", 2);
                monitor.progress(1.0);
                return type == JobType.TRAIN ? StepOutcome.skipped("too little data", Map.of("trainingSequences", 3L))
                        : StepOutcome.succeeded("ok", Map.of("read", 2L));
            });
        }

        Job cycle = awaitTerminal(service().submit(new SubmitJobCommand(JobType.CYCLE, null)).jobId());

        assertThat(order).containsExactly("ingest", "stage", "train", "publish");
        assertThat(cycle.state()).as(cycle.message()).isEqualTo(JobState.SUCCEEDED);
        assertThat(cycle.counts()).containsEntry("ingest.read", 2L).containsEntry("stage.read", 2L)
                .containsEntry("train.trainingSequences", 3L).containsEntry("publish.read", 2L)
                .doesNotContainKey("read");
        assertThat(cycle.message()).isEqualTo("ingest succeeded: ok; stage succeeded: ok; train skipped: too little data; "
                + "publish succeeded: ok");
    }

    @Test
    void a_cycle_reports_progress_within_the_running_steps_slice() {
        CountDownLatch started = latch();
        CountDownLatch release = latch();
        steps.put(JobType.INGEST, monitor -> StepOutcome.succeeded("ok", Map.of()));
        steps.put(JobType.STAGE, blockingStep(started, release));

        Job cycle = service().submit(new SubmitJobCommand(JobType.CYCLE, null));
        await(started);

        // stage is step 2 of 4 and reported 0.5 of itself: (1 + 0.5) / 4
        assertThat(jobs.find(cycle.jobId()).orElseThrow().progress()).isEqualTo(0.375);
    }

    @Test
    void a_failing_step_fails_the_cycle_and_the_later_steps_do_not_run() {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        steps.put(JobType.INGEST, monitor -> {
            order.add("ingest");
            return StepOutcome.succeeded("ok", Map.of());
        });
        steps.put(JobType.STAGE, monitor -> {
            order.add("stage");
            throw new IllegalStateException("spark died");
        });
        steps.put(JobType.TRAIN, monitor -> {
            order.add("train");
            return StepOutcome.succeeded("ok", Map.of());
        });

        Job cycle = awaitTerminal(service().submit(new SubmitJobCommand(JobType.CYCLE, null)).jobId());

        assertThat(cycle.state()).isEqualTo(JobState.FAILED);
        assertThat(cycle.error()).hasValue("spark died");
        assertThat(order).containsExactly("ingest", "stage");
    }

    @Test
    void list_shows_newest_first_filters_by_type_and_honours_the_limit() {
        steps.put(JobType.INGEST, monitor -> StepOutcome.succeeded("ok", Map.of()));
        steps.put(JobType.STAGE, monitor -> StepOutcome.succeeded("ok", Map.of()));
        service();
        List<String> submitted = new ArrayList<>();
        for (JobType type : List.of(JobType.INGEST, JobType.STAGE, JobType.INGEST)) {
            Job job = jobs.submit(new SubmitJobCommand(type, null));
            awaitTerminal(job.jobId());
            submitted.add(job.jobId());
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(jobs.list(new ListJobsQuery(null, 10))).extracting(Job::jobId)
                .containsExactly(submitted.get(2), submitted.get(1), submitted.get(0));
        assertThat(jobs.list(new ListJobsQuery(JobType.INGEST, 10))).extracting(Job::jobId)
                .containsExactly(submitted.get(2), submitted.get(0));
        assertThat(jobs.list(new ListJobsQuery(null, 2))).extracting(Job::jobId)
                .containsExactly(submitted.get(2), submitted.get(1));
        assertThat(jobs.list(new ListJobsQuery(JobType.TRAIN, 10))).isEmpty();
    }

    @Test
    void an_unknown_job_id_is_not_found() {
        assertThat(service().find("no-such-job")).isEmpty();
    }

    @Test
    void shutdown_asks_a_running_step_to_stop_and_the_job_ends_failed() {
        CountDownLatch started = latch();
        steps.put(JobType.TRAIN, monitor -> {
            monitor.count("epochs", 1);
            started.countDown();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!monitor.stopRequested() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            monitor.checkNotStopped();
            return StepOutcome.succeeded("was never asked to stop", Map.of());
        });
        Job job = service().submit(new SubmitJobCommand(JobType.TRAIN, null));
        await(started);

        jobs.shutdown(Duration.ofSeconds(10));

        Job stopped = jobs.find(job.jobId()).orElseThrow();
        assertThat(stopped.state()).isEqualTo(JobState.FAILED);
        assertThat(stopped.error()).hasValueSatisfying(e -> assertThat(e).contains("shutting down").contains("re-run"));
        assertThat(stopped.counts()).containsEntry("epochs", 1L);
    }

    @Test
    void shutdown_stops_a_cycle_between_its_steps() {
        CountDownLatch started = latch();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        steps.put(JobType.INGEST, monitor -> {
            order.add("ingest");
            started.countDown();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!monitor.stopRequested() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            return StepOutcome.succeeded("finished its unit of work", Map.of());
        });
        steps.put(JobType.STAGE, monitor -> {
            order.add("stage");
            return StepOutcome.succeeded("ok", Map.of());
        });
        Job cycle = service().submit(new SubmitJobCommand(JobType.CYCLE, null));
        await(started);

        jobs.shutdown(Duration.ofSeconds(10));

        assertThat(jobs.find(cycle.jobId()).orElseThrow().state()).isEqualTo(JobState.FAILED);
        assertThat(order).containsExactly("ingest");
    }

    @Test
    void finished_jobs_beyond_the_retained_number_are_forgotten_oldest_first() {
        steps.put(JobType.INGEST, monitor -> StepOutcome.succeeded("ok", Map.of()));
        jobs = new JobService(steps, clock, 2);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Job job = jobs.submit(new SubmitJobCommand(JobType.INGEST, "run-" + i));
            ids.add(job.jobId());
            awaitTerminal(job.jobId());
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(jobs.find(ids.get(0))).isEmpty();
        assertThat(jobs.find(ids.get(2))).isPresent();
    }

    @Test
    void a_job_seen_finished_frees_its_type_at_once() {
        steps.put(JobType.INGEST, m -> StepOutcome.succeeded("ok", Map.of()));
        service();
        for (int i = 0; i < 300; i++) {
            Job job = jobs.submit(new SubmitJobCommand(JobType.INGEST, null));
            awaitTerminal(job.jobId());
        }
        assertThat(jobs.list(new ListJobsQuery(JobType.INGEST, 500))).hasSize(100);
    }

    @Test
    void a_submit_after_shutdown_is_refused_and_registers_nothing() {
        steps.put(JobType.INGEST, m -> StepOutcome.succeeded("ok", Map.of()));
        service().shutdown(Duration.ofSeconds(1));

        assertThatThrownBy(() -> jobs.submit(new SubmitJobCommand(JobType.INGEST, "late")))
                .isInstanceOf(DependencyUnavailableException.class).hasMessageContaining("shutting down");
        assertThat(jobs.list(new ListJobsQuery(null, 10))).isEmpty();
    }

    // ---- helpers

    private Job awaitTerminal(String jobId) {
        return JobWaits.awaitTerminal(jobs, jobId);
    }


    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("timed out after " + WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
