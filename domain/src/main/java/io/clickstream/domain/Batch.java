package io.clickstream.domain;

import java.time.LocalDate;
import java.util.Objects;

/** A landed batch: the records of one source and one day collected in one pass, stored as one CSV file. */
public record Batch(String batchId, Source source, LocalDate date, ZonePath path, long recordCount) {
    public Batch {
        LakeLayout.safeId(batchId, "batch id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(path, "path");
        if (recordCount < 0) {
            throw new IllegalArgumentException("recordCount must be >= 0");
        }
    }
}
