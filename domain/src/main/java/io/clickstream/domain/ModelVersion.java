package io.clickstream.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A trained model in the registry: its version id, when it was made, its holdout metrics, and the prepared dataset
 * it was trained on (null when unknown), which tells whether newer data exists than a model has seen.
 *
 * @param baselines every recommender the trainer scored on the same holdout, by name ({@code session-knn},
 *                  {@code most-popular}, ...), so that a version's metrics can be read against them; empty when unknown
 */
public record ModelVersion(String version, Instant createdAt, ModelMetrics metrics, String description, String datasetId,
                           Map<String, ModelMetrics> baselines) {
    public ModelVersion {
        LakeLayout.safeId(version, "model version");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(metrics, "metrics");
        description = description == null ? "" : description;
        baselines = baselines == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(baselines));
    }

    public ModelVersion(String version, Instant createdAt, ModelMetrics metrics, String description, String datasetId) {
        this(version, createdAt, metrics, description, datasetId, Map.of());
    }

    public ModelVersion(String version, Instant createdAt, ModelMetrics metrics, String description) {
        this(version, createdAt, metrics, description, null);
    }
}
