package io.clickstream.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One shopper action, as the pipeline understands it after collection.
 *
 * @param eventId   deterministic id of the collected record (see {@link EventId}), so re-collection is removable
 * @param eventTime when it happened, UTC
 * @param userId    the logged-in user, or null for anonymous traffic
 * @param sessionId the session, or null when the source had none (staging assigns one by inactivity)
 * @param itemId    the item, or null for events not about an item (a search)
 * @param query     the search query, or null
 */
public record Interaction(String eventId, Instant eventTime, Source source, EventType eventType,
                          String userId, String sessionId, String itemId, String query) {

    public Interaction {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(eventType, "eventType");
        userId = blankToNull(userId);
        sessionId = blankToNull(sessionId);
        itemId = blankToNull(itemId);
        query = blankToNull(query);
        if (eventType.requiresItem() && itemId == null) {
            throw new IllegalArgumentException("a " + eventType.wireName() + " event needs an item id");
        }
    }

    public Optional<String> user() {
        return Optional.ofNullable(userId);
    }

    public Optional<String> session() {
        return Optional.ofNullable(sessionId);
    }

    public Optional<String> item() {
        return Optional.ofNullable(itemId);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
