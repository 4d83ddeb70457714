package io.clickstream.domain;

import java.util.List;
import java.util.Objects;

/**
 * A ranked answer, naming the model version that produced it, whether the fallback answered instead, and how many
 * items of the unfiltered top k the request's filters (and the catalogue's unavailable or hidden items) left out.
 */
public record Recommendations(List<Recommendation> items, String modelVersion, RecommendationStrategy strategy,
                              int filtered) {
    public Recommendations {
        items = List.copyOf(items);
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(strategy, "strategy");
        if (filtered < 0) {
            throw new IllegalArgumentException("filtered must not be negative, got " + filtered);
        }
    }

    /** An answer nothing was filtered from. */
    public Recommendations(List<Recommendation> items, String modelVersion, RecommendationStrategy strategy) {
        this(items, modelVersion, strategy, 0);
    }
}
