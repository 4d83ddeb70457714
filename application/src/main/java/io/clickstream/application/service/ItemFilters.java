package io.clickstream.application.service;

import io.clickstream.domain.Catalogue;
import io.clickstream.domain.ItemFilter;
import io.clickstream.domain.RecommendationFilter;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Turns what a request asks to leave out, the items it has seen and the catalogue snapshot into the one
 * {@link ItemFilter} the scorer tests while it selects.
 */
final class ItemFilters {
    private ItemFilters() {
    }

    /**
     * @param seen   the request's own items, left out when the request asks {@code excludeSeen}
     * @param always items left out whatever the request asks (a user's purchases)
     */
    static ItemFilter of(RecommendationFilter request, Collection<String> seen, Set<String> always, Catalogue catalogue) {
        Set<String> exclude = new HashSet<>(request.exclude());
        exclude.addAll(always);
        if (request.excludeSeen()) {
            exclude.addAll(seen);
        }
        Set<String> categories = request.categories();
        boolean everyItemRecommendable = catalogue.allRecommendable();
        if (categories.isEmpty() && everyItemRecommendable) {
            return ItemFilter.excluding(exclude);
        }
        return itemId -> exclude.contains(itemId)
                || (!everyItemRecommendable && !catalogue.recommendable(itemId))
                || (!categories.isEmpty() && !catalogue.inAnyCategory(itemId, categories));
    }
}
