package io.clickstream.domain;

/** Another job of the same type is running; only one runs at a time. */
public class JobConflictException extends RuntimeException {
    private final Job running;

    public JobConflictException(Job running) {
        super("a " + running.type().wireName() + " job is already " + running.state().name().toLowerCase(java.util.Locale.ROOT)
                + " (jobId " + running.jobId() + ", runId " + running.runId() + "); retry when it has finished");
        this.running = running;
    }

    public Job running() {
        return running;
    }
}
