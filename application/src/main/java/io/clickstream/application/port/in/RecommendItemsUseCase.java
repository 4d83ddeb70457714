package io.clickstream.application.port.in;

import io.clickstream.domain.InvalidParameterException;
import io.clickstream.domain.Recommendations;
import java.util.List;
import java.util.Set;

/** Recommendations for a known user, for an anonymous session's recent items, and items similar to one item. */
public interface RecommendItemsUseCase {
    int MAX_K = 100;
    int MAX_ID_LENGTH = 256;
    int MAX_SESSION_ITEMS = 200;

    Recommendations forUser(UserQuery query);

    Recommendations forSession(SessionQuery query);

    Recommendations similarTo(SimilarItemsQuery query);

    record UserQuery(String userId, int k, Set<String> exclude) {
        public UserQuery {
            requireId("userId", userId);
            requireK(k);
            exclude = Set.copyOf(exclude);
            exclude.forEach(id -> requireId("exclude", id));
        }
    }

    /** @param items recent item ids of the session, oldest first */
    record SessionQuery(List<String> items, int k) {
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
        }
    }

    record SimilarItemsQuery(String itemId, int k) {
        public SimilarItemsQuery {
            requireId("itemId", itemId);
            requireK(k);
        }
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
