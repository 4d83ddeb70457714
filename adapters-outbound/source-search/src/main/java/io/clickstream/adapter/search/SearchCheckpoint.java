package io.clickstream.adapter.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Where a search source stopped: the (timestamp, id) sort values of the last event read, and the id of the last
 * document read that had no timestamp (those are read in id order, apart). Stored as JSON such as
 * {@code {"timestamp":"2026-11-21T10:00:00.123Z","id":"e42"}}; {@code {}} is the beginning.
 */
record SearchCheckpoint(Instant timestamp, String id, String untimedId) {

    static final SearchCheckpoint START = new SearchCheckpoint(null, null, null);

    private static final ObjectMapper JSON = new ObjectMapper();

    SearchCheckpoint {
        if ((timestamp == null) != (id == null)) {
            throw new IllegalArgumentException("a checkpoint needs both timestamp and id, or neither");
        }
    }

    static SearchCheckpoint parse(Optional<String> text, String sourceId) {
        if (text.isEmpty() || text.get().isBlank()) {
            return START;
        }
        try {
            JsonNode node = JSON.readTree(text.get());
            if (!(node instanceof ObjectNode)) {
                throw new IllegalArgumentException("not a JSON object");
            }
            String ts = textOrNull(node, "timestamp");
            return new SearchCheckpoint(ts == null ? null : Instant.parse(ts), textOrNull(node, "id"),
                    textOrNull(node, "untimed_id"));
        } catch (JsonProcessingException | DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint of source '" + sourceId + "' is not a search checkpoint ("
                    + e.getMessage() + "): " + text.get(), e);
        }
    }

    SearchCheckpoint afterTimed(Instant newTimestamp, String newId) {
        return new SearchCheckpoint(newTimestamp, newId, untimedId);
    }

    SearchCheckpoint afterUntimed(String newUntimedId) {
        return new SearchCheckpoint(timestamp, id, newUntimedId);
    }

    String toJson() {
        ObjectNode node = JSON.createObjectNode();
        if (timestamp != null) {
            node.put("timestamp", timestamp.toString());
            node.put("id", id);
        }
        if (untimedId != null) {
            node.put("untimed_id", untimedId);
        }
        return node.toString();
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string");
        }
        return v.asText();
    }
}
