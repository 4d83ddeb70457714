package io.clickstream.domain;

import java.util.List;

/**
 * A filtered top k: the items, best first, and how many items of the unfiltered top k the filter left out (0 when
 * nothing it rejected would have been in the answer).
 */
public record RankedItems(List<Recommendation> items, int filtered) {
    public RankedItems {
        items = List.copyOf(items);
        if (filtered < 0) {
            throw new IllegalArgumentException("filtered must not be negative, got " + filtered);
        }
    }

    public static RankedItems unfiltered(List<Recommendation> items) {
        return new RankedItems(items, 0);
    }
}
