package io.clickstream.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a shopper did: the event types of the landing CSV's {@code event_type} column. */
public enum EventType {
    VIEW(true), CART(true), PURCHASE(true), SEARCH(false), SEARCH_CLICK(true);

    private final boolean requiresItem;
    // computed once: the name is written for every landed record
    private final String wireName = name().toLowerCase(Locale.ROOT);

    EventType(boolean requiresItem) {
        this.requiresItem = requiresItem;
    }

    /** True for events that are about one item, and so are invalid without an item id. */
    public boolean requiresItem() {
        return requiresItem;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<EventType> parse(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(name)).findFirst();
    }

    public static EventType fromWireName(String name) {
        return parse(name).orElseThrow(() -> new IllegalArgumentException("unknown event type '" + name
                + "', valid: " + Arrays.stream(values()).map(EventType::wireName).collect(Collectors.joining(", "))));
    }
}
