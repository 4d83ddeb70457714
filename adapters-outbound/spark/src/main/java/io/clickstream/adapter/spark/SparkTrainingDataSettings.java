package io.clickstream.adapter.spark;

import java.util.Objects;

/**
 * Configuration of the training-data preparation: the Spark session and Hive database it shares with staging, and
 * how sequences and the vocabulary are cut.
 *
 * @param spark                 the staging settings: master, metastore, scratch folders, s3a and
 *                              {@code staging.hive.database} (the table read is {@code <database>.interactions})
 * @param minSupport            {@code train.vocabulary.min.support}: occurrences in the training part an item needs
 *                              to be in {@code vocabulary.tsv} (default 2); rarer items are unknown to the model
 * @param maxSequenceLength     {@code train.sequence.max.length}: the most recent steps kept of a session (default 50)
 * @param userHistories         {@code train.user.histories}: write {@code users.tsv}, each known user's cross-session
 *                              history in the window (default true)
 * @param maxUserHistoryLength  {@code train.user.history.max.length}: the most recent steps kept of a user's
 *                              history (default 50)
 */
public record SparkTrainingDataSettings(SparkStagingSettings spark, int minSupport, int maxSequenceLength,
                                        boolean userHistories, int maxUserHistoryLength) {

    public static final int DEFAULT_MIN_SUPPORT = 2;
    public static final int DEFAULT_MAX_SEQUENCE_LENGTH = 50;
    public static final int DEFAULT_MAX_USER_HISTORY_LENGTH = 50;

    public SparkTrainingDataSettings {
        Objects.requireNonNull(spark, "spark settings");
        if (minSupport < 1) {
            throw new IllegalArgumentException("train.vocabulary.min.support must be at least 1, got " + minSupport);
        }
        if (maxSequenceLength < 2) {
            // one step cannot predict a next one
            throw new IllegalArgumentException("train.sequence.max.length must be at least 2, got "
                    + maxSequenceLength);
        }
        if (maxUserHistoryLength < 1) {
            throw new IllegalArgumentException("train.user.history.max.length must be at least 1, got "
                    + maxUserHistoryLength);
        }
    }

    /** Every option at its default, on the given Spark settings. */
    public static SparkTrainingDataSettings defaults(SparkStagingSettings spark) {
        return new SparkTrainingDataSettings(spark, DEFAULT_MIN_SUPPORT, DEFAULT_MAX_SEQUENCE_LENGTH, true,
                DEFAULT_MAX_USER_HISTORY_LENGTH);
    }

    public SparkTrainingDataSettings withMinSupport(int support) {
        return new SparkTrainingDataSettings(spark, support, maxSequenceLength, userHistories, maxUserHistoryLength);
    }

    public SparkTrainingDataSettings withMaxLengths(int sequence, int userHistory) {
        return new SparkTrainingDataSettings(spark, minSupport, sequence, userHistories, userHistory);
    }

    public SparkTrainingDataSettings withUserHistories(boolean write) {
        return new SparkTrainingDataSettings(spark, minSupport, maxSequenceLength, write, maxUserHistoryLength);
    }

    String database() {
        return spark.hiveDatabase();
    }
}
