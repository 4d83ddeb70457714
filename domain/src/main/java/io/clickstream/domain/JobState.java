package io.clickstream.domain;

/** A job's life: QUEUED, then RUNNING, then one of the terminal states. */
public enum JobState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, SKIPPED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == SKIPPED;
    }

    /** The transitions a job may take; anything else is a bug in the job service. */
    public boolean canMoveTo(JobState next) {
        return switch (this) {
            case QUEUED -> next == RUNNING || next == FAILED;
            case RUNNING -> next.isTerminal();
            case SUCCEEDED, FAILED, SKIPPED -> false;
        };
    }
}
