package io.clickstream.domain;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable snapshot of the shop's catalogue, the newest version of each item. An item the catalogue does not
 * list is recommendable (a shop without a catalogue loses nothing) but belongs to no category.
 */
public final class Catalogue {
    public static final Catalogue EMPTY = new Catalogue(Map.of());

    private final Map<String, CatalogueItem> items;
    private final int unrecommendable;

    private Catalogue(Map<String, CatalogueItem> items) {
        this.items = items;
        this.unrecommendable = (int) items.values().stream().filter(i -> !i.recommendable()).count();
    }

    /** Whether every listed item may be recommended, so that a request without filters needs no test per item. */
    public boolean allRecommendable() {
        return unrecommendable == 0;
    }

    public int size() {
        return items.size();
    }

    public Optional<CatalogueItem> item(String itemId) {
        return Optional.ofNullable(items.get(itemId));
    }

    public boolean recommendable(String itemId) {
        CatalogueItem item = items.get(itemId);
        return item == null || item.recommendable();
    }

    public boolean inAnyCategory(String itemId, Set<String> categories) {
        CatalogueItem item = items.get(itemId);
        if (item == null) {
            return false;
        }
        for (String category : item.categories()) {
            if (categories.contains(category)) {
                return true;
            }
        }
        return false;
    }

    /**
     * This catalogue with the given versions applied, in order: a version replaces the item's unless it is older
     * (an equal time replaces it, so a later row of the same instant wins). Returns this when nothing changes.
     */
    public Catalogue with(Collection<CatalogueItem> versions) {
        Map<String, CatalogueItem> next = null;
        for (CatalogueItem version : versions) {
            Map<String, CatalogueItem> current = next == null ? items : next;
            CatalogueItem known = current.get(version.itemId());
            if (known != null && (known.updatedAt().isAfter(version.updatedAt()) || known.equals(version))) {
                continue;
            }
            if (next == null) {
                next = new HashMap<>(items);
            }
            next.put(version.itemId(), version);
        }
        return next == null ? this : new Catalogue(Map.copyOf(next));
    }
}
