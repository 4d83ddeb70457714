package io.clickstream.adapter.dl4j;

import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.ZonePath;

/** Names of the files in a model's folder {@code analytics/models/<version>/}. */
final class ModelFiles {
    /** The Deeplearning4j graph (ModelSerializer, no updater state): warm starts and checks load it. */
    static final String NETWORK = "model.zip";
    /** Plain-array weights for serving without ND4J. */
    static final String WEIGHTS = "weights.bin";
    /** {@code itemId TAB count} in index order (index = line + 2), counts of the served window. */
    static final String VOCABULARY = "vocabulary.tsv";
    /** The session-kNN index of a served blend. */
    static final String SESSIONS = "sessions.bin";
    /** Written last: a version exists for the registry once this file does. */
    static final String METADATA = "metadata.json";

    private ModelFiles() {
    }

    static ZonePath of(String version, String file) {
        return LakeLayout.model(version).resolve(file);
    }
}
