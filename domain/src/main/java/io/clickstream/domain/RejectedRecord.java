package io.clickstream.domain;

import java.util.Objects;

/** A collected line that could not be understood, kept with the reason and where it came from. */
public record RejectedRecord(Source source, String origin, String reason, String raw) {
    public RejectedRecord {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(raw, "raw");
    }
}
