package io.clickstream.domain;

/** Thrown at a safe point when the process is shutting down; the job ends FAILED and a re-run finishes it. */
public class JobStoppedException extends RuntimeException {
    public JobStoppedException() {
        super("stopped because the server is shutting down; re-run the job to finish it");
    }
}
