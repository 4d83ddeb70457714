package io.clickstream.domain;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A model's holdout scores by metric name ({@code HR@20}, {@code MRR@20}, {@code NDCG@10}), with the number of
 * predictions they average over.
 */
public record ModelMetrics(Map<String, Double> values, long evaluatedPredictions) {
    public static final String HR_20 = "HR@20";
    public static final String MRR_20 = "MRR@20";
    public static final String NDCG_10 = "NDCG@10";

    public ModelMetrics {
        values = Collections.unmodifiableMap(new TreeMap<>(values));
        if (evaluatedPredictions < 0) {
            throw new IllegalArgumentException("evaluatedPredictions must be >= 0");
        }
    }

    public static ModelMetrics none() {
        return new ModelMetrics(Map.of(), 0);
    }

    public Optional<Double> get(String metric) {
        return Optional.ofNullable(values.get(metric));
    }
}
