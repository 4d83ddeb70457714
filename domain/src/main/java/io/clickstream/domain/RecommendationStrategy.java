package io.clickstream.domain;

import java.util.Locale;

/** How an answer was produced: by the published model, or by the popular-items fallback (cold start). */
public enum RecommendationStrategy {
    MODEL, POPULAR_FALLBACK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
