package io.clickstream.adapter.spark;

import java.time.Instant;

/** Another stage job (in this or another process) holds the staging lease; retry when it has finished. */
final class StageLockedException extends IllegalStateException {
    private final String holder;
    private final Instant expiresAt;

    StageLockedException(String holder, Instant expiresAt) {
        super("another stage job is running (" + holder + "; its lease runs until " + expiresAt
                + " unless renewed): only one stage job may run at a time, retry when it has finished");
        this.holder = holder;
        this.expiresAt = expiresAt;
    }

    public String holder() {
        return holder;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
