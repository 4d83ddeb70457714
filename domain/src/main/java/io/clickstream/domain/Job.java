package io.clickstream.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable snapshot of a long job: what it is, where it stands, and what it counted.
 *
 * @param runId    the caller's idempotency key: the same type and runId name the same job
 * @param progress 0..1
 * @param counts   named counters ({@code read}, {@code landed}, {@code weblog.rejected}, ...)
 * @param measures named decimal figures ({@code train.loss}, {@code candidate.MRR@20}, ...)
 * @param message  the error of a FAILED job, the reason of a SKIPPED one, or a summary; null while running
 */
public record Job(String jobId, JobType type, String runId, JobState state, double progress,
                  Instant createdAt, Instant startedAt, Instant finishedAt, Map<String, Long> counts,
                  Map<String, Double> measures, String message) {

    public Job {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        if (progress < 0 || progress > 1 || Double.isNaN(progress)) {
            throw new IllegalArgumentException("progress must be within 0..1, got " + progress);
        }
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        measures = Collections.unmodifiableMap(new LinkedHashMap<>(measures == null ? Map.of() : measures));
        measures.forEach((name, value) -> {
            // JSON has no NaN or infinity: a job record and the API must be able to write every measure as a number.
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("measure " + name + " must be a finite number, got " + value);
            }
        });
    }

    public static Job queued(String jobId, JobType type, String runId, Instant now) {
        return new Job(jobId, type, runId, JobState.QUEUED, 0, now, null, null, Map.of(), Map.of(), null);
    }

    public Job started(Instant now) {
        return moveTo(JobState.RUNNING, progress, now, null, counts, null);
    }

    public Job withProgress(double newProgress, Map<String, Long> newCounts) {
        if (state.isTerminal()) {
            return this;
        }
        return new Job(jobId, type, runId, state, Math.max(0, Math.min(1, newProgress)), createdAt, startedAt,
                finishedAt, newCounts, measures, message);
    }

    /** This running job with these measures; a finished job keeps its own. */
    public Job withMeasures(Map<String, Double> newMeasures) {
        if (state.isTerminal()) {
            return this;
        }
        return new Job(jobId, type, runId, state, progress, createdAt, startedAt, finishedAt, counts, newMeasures, message);
    }

    public Job finished(JobState terminal, Instant now, Map<String, Long> finalCounts, String finalMessage) {
        if (!terminal.isTerminal()) {
            throw new IllegalArgumentException(terminal + " is not a terminal state");
        }
        double done = terminal == JobState.SUCCEEDED ? 1.0 : progress;
        return moveTo(terminal, done, startedAt == null ? now : startedAt, now, finalCounts, finalMessage);
    }

    public Optional<String> error() {
        return state == JobState.FAILED ? Optional.ofNullable(message) : Optional.empty();
    }

    private Job moveTo(JobState next, double newProgress, Instant start, Instant finish, Map<String, Long> newCounts,
                       String newMessage) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("job " + jobId + " cannot move from " + state + " to " + next);
        }
        Instant started = next == JobState.RUNNING ? start : (startedAt == null ? start : startedAt);
        return new Job(jobId, type, runId, next, newProgress, createdAt, started, finish, newCounts, measures, newMessage);
    }
}
