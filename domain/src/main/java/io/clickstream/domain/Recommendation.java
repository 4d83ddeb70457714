package io.clickstream.domain;

import java.util.Objects;

/** One recommended item with the score that ranked it (higher is better; comparable only within one answer). */
public record Recommendation(String itemId, double score) {
    public Recommendation {
        Objects.requireNonNull(itemId, "itemId");
    }
}
