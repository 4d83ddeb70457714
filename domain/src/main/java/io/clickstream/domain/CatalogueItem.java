package io.clickstream.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One item of the shop's catalogue as last collected: its categories (one or several), whether it can be bought now,
 * and whether the shop hides it. {@code updatedAt} orders versions of the same item: the newest wins.
 */
public record CatalogueItem(String itemId, Set<String> categories, boolean available, boolean hidden, Instant updatedAt) {
    public CatalogueItem {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(updatedAt, "updatedAt");
        categories = Set.copyOf(categories);
    }

    /** Whether the item may be recommended at all: available and not hidden. */
    public boolean recommendable() {
        return available && !hidden;
    }
}
