package io.clickstream.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A trained model in the registry: its version id, when it was made, its holdout metrics, and the prepared dataset
 * it was trained on (null when unknown), which tells whether newer data exists than a model has seen.
 */
public record ModelVersion(String version, Instant createdAt, ModelMetrics metrics, String description, String datasetId) {
    public ModelVersion {
        LakeLayout.safeId(version, "model version");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(metrics, "metrics");
        description = description == null ? "" : description;
    }

    public ModelVersion(String version, Instant createdAt, ModelMetrics metrics, String description) {
        this(version, createdAt, metrics, description, null);
    }
}
