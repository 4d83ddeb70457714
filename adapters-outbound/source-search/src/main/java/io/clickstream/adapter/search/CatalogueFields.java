package io.clickstream.adapter.search;

import java.util.Objects;

/**
 * Where a product document keeps what the catalogue needs: the item id (the index's sortable id, Solr's unique key),
 * its categories (a string or an array of strings), availability and the hidden flag (booleans, or the strings
 * {@code true}/{@code false}), and the time of its last change (a date field: the collector reads forward by it, so
 * the shop's indexer must move it on every change).
 */
public record CatalogueFields(String itemId, String categories, String available, String hidden, String updatedAt) {

    public CatalogueFields {
        requireName("itemId", itemId);
        requireName("categories", categories);
        requireName("available", available);
        requireName("hidden", hidden);
        requireName("updatedAt", updatedAt);
    }

    public static CatalogueFields defaults() {
        return new CatalogueFields("item_id", "categories", "available", "hidden", "updated_at");
    }

    private static void requireName(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException("catalogue field name '" + what + "' must not be blank");
        }
    }
}
