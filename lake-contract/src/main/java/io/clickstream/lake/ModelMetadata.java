package io.clickstream.lake;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.domain.ModelMetrics;
import io.clickstream.domain.ModelVersion;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A model version's {@code metadata.json} ({@link io.clickstream.domain.ModelFile#METADATA}): what the readers of a
 * version rely on, typed, and the trainer's report of how it got there, kept as written. {@link ModelMetadataJson} is
 * its one codec.
 *
 * @param metrics  the served variant's holdout scores, as the quality gate compares them
 * @param serving  how to serve the files, absent for a version a DL4J trainer did not write
 * @param dataset  the prepared dataset the version was trained and judged on, absent for synthetic versions
 * @param holdout  every recommender's holdout scores ({@code evaluation.holdout}), the baselines of the gate
 * @param judging  how the holdout predictions were chosen, so the gate can pick the same ones; absent: all of them
 * @param details  the rest of the trainer's report (data, training history, warm start, files, ...): written as is,
 *                 its sections {@code evaluation}, {@code dataset} and {@code hyperParameters} merged with the typed
 *                 fields that live there
 */
public record ModelMetadata(String version, Instant createdAt, String description, ModelMetrics metrics,
                            Optional<Serving> serving, Optional<DatasetRef> dataset, Map<String, ModelMetrics> holdout,
                            Optional<Judging> judging, ObjectNode details) {

    public ModelMetadata {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(createdAt, "createdAt");
        description = description == null ? "" : description;
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(serving, "serving");
        Objects.requireNonNull(dataset, "dataset");
        holdout = Collections.unmodifiableMap(new LinkedHashMap<>(holdout)); // in the order the file lists them
        Objects.requireNonNull(judging, "judging");
        details = details == null ? JsonNodeFactory.instance.objectNode() : details.deepCopy();
    }

    /** What the registry lists: the version, its served metrics, its dataset and its baselines. */
    public ModelVersion toModelVersion() {
        return new ModelVersion(version, createdAt, metrics, description, dataset.map(DatasetRef::id).orElse(null),
                holdout);
    }

    /**
     * How the loader serves a version.
     *
     * @param blend          the network blended with session-kNN ({@code variant: blend}) or alone ({@code network})
     * @param networkWeight  the network's share of a blend's score
     * @param sequenceLength recent items the network reads
     * @param eventTypes     what serving knows of event types (a note for readers), or null
     */
    public record Serving(boolean blend, double networkWeight, int sequenceLength, int knnNeighbours, int knnSampleSize,
                          String eventTypes) {
        /** The share of the network in what is served: its weight in a blend, 1 alone. */
        public double servedNetworkWeight() {
            return blend ? networkWeight : 1.0;
        }
    }

    /**
     * @param id       the dataset's id (the same staged content, the same id)
     * @param location the dataset's folder in the lake, a {@link io.clickstream.domain.ZonePath} key
     */
    public record DatasetRef(String id, String location) {
    }

    /**
     * @param vocabularyMinSupport     items seen fewer times count as unknown
     * @param evaluationMaxPredictions cap on the holdout predictions scored
     */
    public record Judging(int vocabularyMinSupport, int evaluationMaxPredictions) {
    }
}
