package io.clickstream.application.service;

import io.clickstream.application.port.in.JobsUseCase.SubmitJobCommand;
import io.clickstream.domain.Job;
import io.clickstream.domain.JobConflictException;
import java.time.Duration;

/** Bounded waits for asynchronous jobs in specs: poll for a terminal state, never a fixed sleep for the outcome. */
final class JobWaits {
    static final Duration WAIT = Duration.ofSeconds(10);

    private JobWaits() {
    }

    static Job awaitTerminal(JobService jobs, String jobId) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Job job = jobs.find(jobId).orElseThrow(() -> new AssertionError("job " + jobId + " vanished"));
            if (job.state().isTerminal()) {
                return job;
            }
            pause();
        }
        throw new AssertionError("job " + jobId + " did not finish within " + WAIT + ": " + jobs.find(jobId));
    }

    /**
     * Submits a job of a type whose previous job was just seen terminal. JobService publishes the terminal
     * snapshot a moment before it frees the type, so a submit in that window meets a JobConflictException naming
     * a finished job (reported as a bug); this waits that window out and nothing else.
     */
    static Job submitAfterPrevious(JobService jobs, SubmitJobCommand command) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                return jobs.submit(command);
            } catch (JobConflictException e) {
                if (!e.running().state().isTerminal() || System.nanoTime() > deadline) {
                    throw e;
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
