package io.clickstream.domain;

/**
 * The files of a model version, {@link LakeLayout#model analytics/models/<version>/}: written by the trainer, read by
 * the registry, the model loader, the quality gate and the user history. The one place their names are spelled.
 */
public enum ModelFile {
    /** The trained network's weights as plain arrays: what serving loads and what a warm start starts from. */
    WEIGHTS("weights.bin"),
    /** {@code itemId TAB count} in index order (index = line + 2), counts of the served window. */
    VOCABULARY("vocabulary.tsv"),
    /** The session-kNN index of a served blend. */
    SESSIONS("sessions.bin"),
    /** Written last: a version exists for the registry once this file does. */
    METADATA("metadata.json");

    /**
     * Folder of the evaluated fit's servable files (weights, vocabulary with the fit's counts, session index), written
     * when the served network was refit on the whole window: the network as it stood before it saw the holdout, which
     * the quality gate scores. Without it the served files are the evaluated fit.
     */
    public static final String EVALUATED_FIT = "evaluated/";

    private final String fileName;

    ModelFile(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    /** This file of {@code version}. */
    public ZonePath of(String version) {
        return LakeLayout.model(version).resolve(fileName);
    }

    /** This file of the evaluated fit of {@code version} (see {@link #EVALUATED_FIT}). */
    public ZonePath ofEvaluatedFit(String version) {
        return LakeLayout.model(version).resolve(EVALUATED_FIT + fileName);
    }
}
