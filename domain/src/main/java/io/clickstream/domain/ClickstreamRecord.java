package io.clickstream.domain;

import java.util.Objects;

/**
 * A collected record as it lands: the interaction parsed from it plus the original text, kept so that
 * nothing is lost to a parser bug. One row of the landing CSV.
 */
public record ClickstreamRecord(Interaction interaction, String raw) {
    public ClickstreamRecord {
        Objects.requireNonNull(interaction, "interaction");
        Objects.requireNonNull(raw, "raw");
    }
}
