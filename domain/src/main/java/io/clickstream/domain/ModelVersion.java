package io.clickstream.domain;

import java.time.Instant;
import java.util.Objects;

/** A trained model in the registry: its version id, when it was made, and its holdout metrics. */
public record ModelVersion(String version, Instant createdAt, ModelMetrics metrics, String description) {
    public ModelVersion {
        LakeLayout.safeId(version, "model version");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(metrics, "metrics");
        description = description == null ? "" : description;
    }
}
