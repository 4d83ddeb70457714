package io.clickstream.domain;

import java.util.List;
import java.util.Objects;

/** A ranked answer, naming the model version that produced it and whether the fallback answered instead. */
public record Recommendations(List<Recommendation> items, String modelVersion, RecommendationStrategy strategy) {
    public Recommendations {
        items = List.copyOf(items);
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(strategy, "strategy");
    }
}
