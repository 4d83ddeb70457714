package io.clickstream.adapter.dl4j;

import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.ZonePath;

/** Names of the files in a model's folder {@code analytics/models/<version>/}. */
final class ModelFiles {
    /** The trained network's weights as plain arrays: what serving loads and what a warm start starts from. */
    static final String WEIGHTS = "weights.bin";
    /** {@code itemId TAB count} in index order (index = line + 2), counts of the served window. */
    static final String VOCABULARY = "vocabulary.tsv";
    /** The session-kNN index of a served blend. */
    static final String SESSIONS = "sessions.bin";
    /**
     * Folder of the evaluated fit's servable files (weights, vocabulary with the fit's counts, session index), written
     * when the served network was refit on the whole window: the network as it stood before it saw the holdout, which
     * the quality gate scores. Without it the served files are the evaluated fit.
     */
    static final String EVALUATED_FIT = "evaluated/";
    /** Written last: a version exists for the registry once this file does. */
    static final String METADATA = "metadata.json";

    private ModelFiles() {
    }

    static ZonePath of(String version, String file) {
        return LakeLayout.model(version).resolve(file);
    }
}
