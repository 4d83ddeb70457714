package io.clickstream.domain;

import java.util.Set;

/**
 * Which items an answer must leave out, asked per candidate while the top k is selected, so that k items still come
 * back when enough qualify. Implementations are cheap to ask and safe from the request's thread.
 */
@FunctionalInterface
public interface ItemFilter {
    /** Leaves nothing out; scorers recognise it (by identity) and take their unfiltered path. */
    ItemFilter NONE = itemId -> false;

    boolean rejects(String itemId);

    /** Leaves out exactly the given ids. */
    static ItemFilter excluding(Set<String> ids) {
        if (ids.isEmpty()) {
            return NONE;
        }
        Set<String> copy = Set.copyOf(ids);
        return copy::contains;
    }
}
