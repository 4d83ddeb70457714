package io.clickstream.adapter.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One event document as an engine returned it: its source fields and the sort values that place it in the
 * (timestamp, id) order. {@code timestamp} is the engine's own reading of the timestamp field, null when the
 * document has none.
 */
record EngineDocument(String origin, ObjectNode source, Instant timestamp, String id) {
    EngineDocument {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(id, "id");
    }
}
