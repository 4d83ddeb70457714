package io.clickstream.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The long-running jobs: one per pipeline step, and a cycle that runs them in order. */
public enum JobType {
    INGEST, STAGE, TRAIN, PUBLISH, CYCLE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<JobType> parse(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(name)).findFirst();
    }
}
