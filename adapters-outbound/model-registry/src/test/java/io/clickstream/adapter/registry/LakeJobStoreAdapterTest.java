package io.clickstream.adapter.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.adapter.memory.InMemoryDataLake;
import io.clickstream.application.port.in.JobsUseCase.SubmitJobCommand;
import io.clickstream.application.service.JobService;
import io.clickstream.application.service.JobService.JobStep;
import io.clickstream.domain.Job;
import io.clickstream.domain.JobState;
import io.clickstream.domain.JobType;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.StepOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 14 finding 6: job records kept in the lake outlive the job service that ran them. */
class LakeJobStoreAdapterTest {
    private final InMemoryDataLake lake = new InMemoryDataLake();
    private final List<JobService> services = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        services.forEach(s -> s.shutdown(Duration.ofSeconds(5)));
    }

    private JobService service(JobStep ingest) {
        JobService service = new JobService(Map.of(JobType.INGEST, ingest), Clock.systemUTC(), 100, job -> { },
                new LakeJobStoreAdapter(lake));
        services.add(service);
        return service;
    }

    @Test
    void a_finished_job_keeps_its_state_counts_and_message_across_a_restart() throws Exception {
        JobService before = service(m -> StepOutcome.succeeded("landed 7", Map.of("weblog.landed", 7L))
                .withMeasures(Map.of("candidate.MRR@20", 0.3125)));
        Job submitted = before.submit(new SubmitJobCommand(JobType.INGEST, "run-1"));
        Job finished = awaitTerminal(before, submitted.jobId());

        JobService after = service(m -> StepOutcome.succeeded("again", Map.of()));

        Job found = after.find(submitted.jobId()).orElseThrow();
        assertThat(found).isEqualTo(finished);
        assertThat(found.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(found.counts()).containsEntry("weblog.landed", 7L);
        assertThat(found.measures()).containsEntry("candidate.MRR@20", 0.3125);
        assertThat(after.submit(new SubmitJobCommand(JobType.INGEST, "run-1")).jobId())
                .as("the same runId still names the same job").isEqualTo(submitted.jobId());
    }

    @Test
    void a_record_written_before_measures_existed_reads_with_none() {
        lake.write(LakeLayout.jobRecord("old-1"), ("{\"jobId\":\"old-1\",\"type\":\"ingest\",\"runId\":\"r\","
                + "\"state\":\"SUCCEEDED\",\"progress\":1.0,\"createdAt\":\"2026-11-21T10:00:00Z\","
                + "\"startedAt\":\"2026-11-21T10:00:00Z\",\"finishedAt\":\"2026-11-21T10:00:01Z\","
                + "\"message\":\"landed 1\",\"counts\":{\"landed\":1}}").getBytes(StandardCharsets.UTF_8));

        Job found = service(m -> StepOutcome.succeeded("x", Map.of())).find("old-1").orElseThrow();

        assertThat(found.counts()).containsEntry("landed", 1L);
        assertThat(found.measures()).isEmpty();
    }

    @Test
    void a_job_running_when_its_process_died_is_failed_as_interrupted_and_its_run_id_may_be_resubmitted() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        JobService dying = service(m -> {
            m.count("weblog.read", 3);
            started.countDown();
            await(release);
            return StepOutcome.succeeded("never seen", Map.of());
        });
        Job running = dying.submit(new SubmitJobCommand(JobType.INGEST, "run-2"));
        started.await();
        // The records now say RUNNING, as a process killed at this point leaves them.

        JobService restarted = service(m -> StepOutcome.succeeded("done on the second try", Map.of()));

        Job interrupted = restarted.find(running.jobId()).orElseThrow();
        assertThat(interrupted.state()).isEqualTo(JobState.FAILED);
        assertThat(interrupted.message()).contains("interrupted by a restart");
        Job again = restarted.submit(new SubmitJobCommand(JobType.INGEST, "run-2"));
        assertThat(again.jobId()).isNotEqualTo(running.jobId());
        assertThat(awaitTerminal(restarted, again.jobId()).state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(restarted.submit(new SubmitJobCommand(JobType.INGEST, "run-2")).jobId()).isEqualTo(again.jobId());
    }

    @Test
    void a_running_job_of_a_live_process_is_left_alone() {
        long live = ProcessHandle.current().parent().orElseThrow().pid();
        String host = LakeJobStoreAdapter.hostName();
        lake.write(LakeLayout.jobRecord("j-live"), ("{\"jobId\":\"j-live\",\"type\":\"ingest\",\"runId\":\"r\","
                + "\"state\":\"RUNNING\",\"progress\":0.5,\"createdAt\":\"2026-01-01T00:00:00Z\","
                + "\"startedAt\":\"2026-01-01T00:00:01Z\",\"counts\":{},\"host\":\"" + host + "\",\"pid\":" + live + "}")
                .getBytes(StandardCharsets.UTF_8));

        JobService other = service(m -> StepOutcome.succeeded("x", Map.of()));

        assertThat(other.find("j-live")).isEmpty();
        assertThat(new String(lake.read(LakeLayout.jobRecord("j-live")).orElseThrow(), StandardCharsets.UTF_8))
                .contains("RUNNING");
    }

    private static Job awaitTerminal(JobService service, String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Job job = service.find(jobId).orElseThrow();
            if (job.state().isTerminal()) {
                return job;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("job " + jobId + " did not finish");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
