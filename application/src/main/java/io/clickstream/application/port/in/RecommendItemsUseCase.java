package io.clickstream.application.port.in;

import io.clickstream.domain.InvalidParameterException;
import io.clickstream.domain.RecommendationFilter;
import io.clickstream.domain.Recommendations;
import java.util.List;
import java.util.Set;

/** Recommendations for a known user, for an anonymous session's recent items, and items similar to one item. */
public interface RecommendItemsUseCase {
    int MAX_K = 100;
    int MAX_ID_LENGTH = 256;
    int MAX_SESSION_ITEMS = 200;
    /** Bounds a request's filter lists as the session's items are bounded: every id costs a look-up per candidate. */
    int MAX_FILTER_IDS = 1000;

    Recommendations forUser(UserQuery query);

    Recommendations forSession(SessionQuery query);

    Recommendations similarTo(SimilarItemsQuery query);

    /** @param filter what to leave out or keep; {@code excludeSeen} leaves out the user's recent items */
    record UserQuery(String userId, int k, RecommendationFilter filter) {
        public UserQuery {
            requireId("userId", userId);
            requireK(k);
            requireFilter(filter);
        }

        public UserQuery(String userId, int k, Set<String> exclude) {
            this(userId, k, RecommendationFilter.excluding(exclude));
        }

        public Set<String> exclude() {
            return filter.exclude();
        }
    }

    /**
     * @param items  recent item ids of the session, oldest first
     * @param filter what to leave out or keep; {@code excludeSeen} leaves out the session's items
     */
    record SessionQuery(List<String> items, int k, RecommendationFilter filter) {
        public SessionQuery(List<String> items, int k) {
            this(items, k, RecommendationFilter.NONE);
        }

        public SessionQuery {
            if (items == null) {
                throw new InvalidParameterException("items", "is required (an array of item ids, may be empty)");
            }
            if (items.size() > MAX_SESSION_ITEMS) {
                throw new InvalidParameterException("items", "at most " + MAX_SESSION_ITEMS + " items, got " + items.size());
            }
            items = List.copyOf(items);
            items.forEach(id -> requireId("items", id));
            requireK(k);
            requireFilter(filter);
        }
    }

    /** @param filter what to leave out or keep; the item itself is never in its own answer, seen or not */
    record SimilarItemsQuery(String itemId, int k, RecommendationFilter filter) {
        public SimilarItemsQuery(String itemId, int k) {
            this(itemId, k, RecommendationFilter.NONE);
        }

        public SimilarItemsQuery {
            requireId("itemId", itemId);
            requireK(k);
            requireFilter(filter);
        }
    }

    private static void requireFilter(RecommendationFilter filter) {
        if (filter == null) {
            throw new InvalidParameterException("filter", "is required (RecommendationFilter.NONE for none)");
        }
        requireIds("exclude", filter.exclude());
        requireIds("categories", filter.categories());
    }

    private static void requireIds(String parameter, Set<String> ids) {
        if (ids.size() > MAX_FILTER_IDS) {
            throw new InvalidParameterException(parameter, "at most " + MAX_FILTER_IDS + " values, got " + ids.size());
        }
        ids.forEach(id -> requireId(parameter, id));
    }

    private static void requireId(String parameter, String id) {
        if (id == null || id.isEmpty()) {
            throw new InvalidParameterException(parameter, "must not be empty");
        }
        // Characters as the OpenAPI document counts them: code points, not UTF-16 units.
        if (id.codePointCount(0, id.length()) > MAX_ID_LENGTH) {
            throw new InvalidParameterException(parameter, "at most " + MAX_ID_LENGTH + " characters");
        }
        for (int i = 0; i < id.length(); i++) {
            if (Character.isISOControl(id.charAt(i))) {
                throw new InvalidParameterException(parameter, "must not contain control characters");
            }
        }
    }

    private static void requireK(int k) {
        if (k < 1 || k > MAX_K) {
            throw new InvalidParameterException("k", "must be between 1 and " + MAX_K + ", got " + k);
        }
    }
}
