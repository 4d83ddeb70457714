package io.clickstream.application.port.out;

import io.clickstream.domain.ModelVersion;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The trained models kept in the analytics zone and which one is published ({@code analytics/models/CURRENT}). */
public interface ModelRegistry {

    /** Every stored version, newest first. */
    List<ModelVersion> list();

    Optional<ModelVersion> find(String version);

    /** The published version, if any. */
    Optional<String> currentVersion();

    /** Makes {@code version} the published one, atomically, and records the promotion. */
    void promote(String version, String reason, Instant at);

    /** Promotions, newest first. */
    List<Promotion> history();

    record Promotion(String version, String reason, Instant at) {
    }
}
