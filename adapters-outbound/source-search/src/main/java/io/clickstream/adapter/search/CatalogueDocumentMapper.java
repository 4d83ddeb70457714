package io.clickstream.adapter.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.domain.CatalogueItem;
import io.clickstream.domain.RejectedCatalogueRow;
import java.util.LinkedHashSet;
import java.util.Set;

/** Turns a product document into a catalogue item, or a rejected row saying what is wrong with it. */
final class CatalogueDocumentMapper {
    private static final int MAX_ID_LENGTH = 256;

    private final CatalogueFields fields;

    CatalogueDocumentMapper(CatalogueFields fields) {
        this.fields = fields;
    }

    /** Exactly one of the two is set. */
    record Mapped(CatalogueItem item, RejectedCatalogueRow rejected) {
    }

    Mapped map(EngineDocument doc) {
        try {
            if (doc.timestamp() == null) {
                throw new IllegalArgumentException("no '" + fields.updatedAt() + "' date: the collector reads products "
                        + "by their last change");
            }
            String itemId = id(fields.itemId(), doc.id());
            Set<String> categories = new LinkedHashSet<>();
            JsonNode value = doc.source().get(fields.categories());
            if (value != null && value.isArray()) {
                value.forEach(c -> categories.add(id(fields.categories(), text(fields.categories(), c))));
            } else if (value != null && !value.isNull()) {
                categories.add(id(fields.categories(), text(fields.categories(), value)));
            }
            boolean available = flag(fields.available(), doc.source().get(fields.available()), null);
            boolean hidden = flag(fields.hidden(), doc.source().get(fields.hidden()), false);
            return new Mapped(new CatalogueItem(itemId, categories, available, hidden, doc.timestamp()), null);
        } catch (IllegalArgumentException e) {
            return new Mapped(null, new RejectedCatalogueRow(doc.origin(), e.getMessage(), doc.source().toString()));
        }
    }

    private static String text(String field, JsonNode value) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string or an array of strings, got " + value);
        }
        return value.asText().trim();
    }

    private static boolean flag(String field, JsonNode value, Boolean absent) {
        if (value == null || value.isNull()) {
            if (absent == null) {
                throw new IllegalArgumentException("no '" + field + "' flag");
            }
            return absent;
        }
        if (value.isArray() && value.size() == 1) {
            value = value.get(0); // Solr answers a multi-valued field as an array
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isTextual() && (value.asText().equals("true") || value.asText().equals("false"))) {
            return Boolean.parseBoolean(value.asText());
        }
        throw new IllegalArgumentException("'" + field + "' must be true or false, got " + value);
    }

    private static String id(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("'" + field + "' must not be empty");
        }
        if (value.codePointCount(0, value.length()) > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("'" + field + "' must be at most " + MAX_ID_LENGTH + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("'" + field + "' must not contain control characters");
        }
        return value;
    }
}
