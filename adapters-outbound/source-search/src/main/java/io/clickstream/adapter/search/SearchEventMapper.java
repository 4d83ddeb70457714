package io.clickstream.adapter.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.domain.ClickstreamRecord;
import io.clickstream.domain.EventId;
import io.clickstream.domain.EventType;
import io.clickstream.domain.Interaction;
import io.clickstream.domain.RejectedRecord;
import io.clickstream.domain.Source;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns an event document into a clickstream record (a search, or a click on a search result), or into a rejected
 * record that says why it could not. The raw text is the document's source as canonical JSON (compact, keys
 * sorted), so the same document always gets the same event id.
 */
final class SearchEventMapper {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SearchEventFields fields;

    SearchEventMapper(SearchEventFields fields) {
        this.fields = fields;
    }

    /** Exactly one of the two is set. */
    record Mapped(ClickstreamRecord record, RejectedRecord rejected) {
    }

    Mapped map(EngineDocument doc) {
        String raw = canonicalJson(doc.source());
        try {
            return new Mapped(new ClickstreamRecord(interaction(doc, raw), raw), null);
        } catch (Unmappable e) {
            return new Mapped(null, new RejectedRecord(Source.SEARCH, doc.origin(), e.getMessage(), raw));
        }
    }

    private Interaction interaction(EngineDocument doc, String raw) {
        ObjectNode source = doc.source();
        if (doc.timestamp() == null) {
            throw new Unmappable("no timestamp: field '" + fields.timestamp() + "' is "
                    + describe(source.get(fields.timestamp())) + ", so the event cannot be placed in time");
        }
        String event = text(source, fields.event());
        if (event == null) {
            throw new Unmappable("no event type: field '" + fields.event() + "' is missing or empty");
        }
        EventType type;
        if (event.equals(fields.searchValue())) {
            type = EventType.SEARCH;
        } else if (event.equals(fields.clickValue())) {
            type = EventType.SEARCH_CLICK;
        } else {
            throw new Unmappable("unknown event '" + event + "' in field '" + fields.event() + "': expected '"
                    + fields.searchValue() + "' or '" + fields.clickValue() + "'");
        }
        String item = type == EventType.SEARCH_CLICK ? text(source, fields.itemId()) : null;
        if (type == EventType.SEARCH_CLICK && item == null) {
            throw new Unmappable("click without an item: field '" + fields.itemId() + "' is missing or empty");
        }
        return new Interaction(EventId.of(Source.SEARCH, raw), doc.timestamp(), Source.SEARCH, type,
                text(source, fields.userId()), text(source, fields.sessionId()), item, text(source, fields.query()));
    }

    /** A scalar field as text; null when absent, null or blank. */
    private static String text(ObjectNode source, String field) {
        JsonNode v = source.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isContainerNode()) {
            throw new Unmappable("field '" + field + "' must hold a single value, not " + v);
        }
        String s = v.asText();
        return s.isBlank() ? null : s;
    }

    private static String describe(JsonNode v) {
        return v == null || v.isNull() ? "missing" : "not a date the engine indexed (" + v + ")";
    }

    /** Compact JSON with object keys sorted at every level: the same document always gives the same text. */
    static String canonicalJson(JsonNode node) {
        try {
            return JSON.writeValueAsString(sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode copy = JSON.createObjectNode();
            for (String name : names) {
                copy.set(name, sorted(object.get(name)));
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JSON.createArrayNode();
            array.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }

    /** Why a document is not an event; becomes the rejected record's reason. */
    private static final class Unmappable extends RuntimeException {
        Unmappable(String reason) {
            super(reason, null, false, false);
        }
    }
}
