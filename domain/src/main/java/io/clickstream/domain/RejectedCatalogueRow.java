package io.clickstream.domain;

import java.util.Objects;

/** A collected catalogue row that could not be understood, kept with the reason and where it came from. */
public record RejectedCatalogueRow(String origin, String reason, String raw) {
    public RejectedCatalogueRow {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(raw, "raw");
    }
}
