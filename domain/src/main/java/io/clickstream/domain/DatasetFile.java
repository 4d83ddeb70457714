package io.clickstream.domain;

/**
 * The files of a prepared training dataset, {@link LakeLayout#dataset analytics/datasets/<datasetId>/}: written by
 * the training-data preparation (Spark), read by the trainer and the quality gate. The one place their names are spelled.
 */
public enum DatasetFile {
    /** Training sequences, one {@link InteractionSequence} line each; a file or a folder of {@code part-*} files. */
    TRAIN("train.tsv"),
    /** The holdout window's sequences, as {@link #TRAIN}. */
    HOLDOUT("holdout.tsv"),
    /** {@code itemId TAB count}, most frequent first; items below the minimum support are absent (unknown). */
    VOCABULARY("vocabulary.tsv"),
    /** Known users' histories over the window (leave-last-out evaluation of recommendations for a user). */
    USERS("users.tsv"),
    /** The dataset's manifest: window, counts, lineage. */
    MANIFEST("dataset.json");

    private final String fileName;

    DatasetFile(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    /** This file in the dataset folder {@code dataset}. */
    public ZonePath in(ZonePath dataset) {
        return dataset.resolve(fileName);
    }
}
