package io.clickstream.adapter.search;

import java.util.Objects;

/**
 * Where a search-event document keeps each attribute, and which event values mean a search and a result click.
 * Defaults follow the generator's JSON lines; {@code position} is kept in the raw record only (an interaction has
 * no position).
 */
record SearchEventFields(String id, String timestamp, String event, String query, String userId,
                                String sessionId, String itemId, String position,
                                String searchValue, String clickValue) {

    public SearchEventFields {
        requireName("id", id);
        requireName("timestamp", timestamp);
        requireName("event", event);
        requireName("query", query);
        requireName("userId", userId);
        requireName("sessionId", sessionId);
        requireName("itemId", itemId);
        requireName("position", position);
        requireName("searchValue", searchValue);
        requireName("clickValue", clickValue);
        if (searchValue.equals(clickValue)) {
            throw new IllegalArgumentException("searchValue and clickValue must differ, both are '" + searchValue + "'");
        }
    }

    public static SearchEventFields defaults() {
        return new SearchEventFields("id", "timestamp", "event", "query", "user_id", "session_id", "item_id",
                "position", "search", "click");
    }

    private static void requireName(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException("search event field name '" + what + "' must not be blank");
        }
    }
}
