package io.clickstream.application.service;

import io.clickstream.domain.Job;
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

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
