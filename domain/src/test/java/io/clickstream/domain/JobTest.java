package io.clickstream.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void a_job_moves_queued_running_then_terminal() {
        Job job = Job.queued("j1", JobType.INGEST, "r1", T0).started(T0.plusSeconds(1))
                .withProgress(0.5, Map.of("read", 10L))
                .finished(JobState.SUCCEEDED, T0.plusSeconds(2), Map.of("read", 20L), null);
        assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.progress()).isEqualTo(1.0);
        assertThat(job.startedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(job.finishedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(job.counts()).containsEntry("read", 20L);
    }

    @Test
    void a_terminal_job_cannot_be_restarted() {
        Job failed = Job.queued("j1", JobType.STAGE, "r1", T0).started(T0).finished(JobState.FAILED, T0, Map.of(), "boom");
        assertThat(failed.error()).contains("boom");
        assertThatThrownBy(() -> failed.started(T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_measure_json_cannot_write_as_a_number_is_rejected() {
        Job running = Job.queued("j", JobType.TRAIN, "r", T0).started(T0);

        assertThat(running.withMeasures(Map.of("loss", 0.5)).measures()).containsEntry("loss", 0.5);
        assertThatThrownBy(() -> running.withMeasures(Map.of("loss", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loss");
        assertThatThrownBy(() -> running.withMeasures(Map.of("loss", Double.POSITIVE_INFINITY)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void progress_outside_zero_to_one_is_rejected() {
        assertThatThrownBy(() -> new Job("j", JobType.TRAIN, "r", JobState.RUNNING, 1.5, T0, T0, null, Map.of(), Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
