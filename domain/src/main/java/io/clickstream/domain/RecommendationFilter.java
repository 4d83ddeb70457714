package io.clickstream.domain;

import java.util.Set;

/**
 * What a recommendation request asks to leave out or keep: explicit item ids, the items of the request itself (the
 * session's items, the user's history, the item a similar-items request is about), and a set of categories of which
 * an answer's item must be in at least one (empty: any category). Unavailable and hidden items are left out always,
 * without being asked for.
 */
public record RecommendationFilter(Set<String> exclude, boolean excludeSeen, Set<String> categories) {
    public static final RecommendationFilter NONE = new RecommendationFilter(Set.of(), false, Set.of());

    public RecommendationFilter {
        exclude = Set.copyOf(exclude);
        categories = Set.copyOf(categories);
    }

    public static RecommendationFilter excluding(Set<String> exclude) {
        return new RecommendationFilter(exclude, false, Set.of());
    }
}
