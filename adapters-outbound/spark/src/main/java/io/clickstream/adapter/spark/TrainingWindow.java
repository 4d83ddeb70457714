package io.clickstream.adapter.spark;

import io.clickstream.domain.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The time span a dataset covers: {@code [start, end]} with {@code end} the newest staged item event, and the
 * holdout from {@code holdoutStart} on. Names its dataset so that the same data and parameters give the same id.
 */
record TrainingWindow(Instant start, Instant end, Instant holdoutStart, Duration length, Duration holdout) {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    static void validate(Duration window, Duration holdout) {
        if (window == null || window.isZero() || window.isNegative()) {
            throw new InvalidParameterException("window", "must be a positive duration, got " + window);
        }
        if (holdout == null || holdout.isNegative() || holdout.compareTo(window) > 0) {
            throw new InvalidParameterException("holdout", "must be between zero and the window (" + window
                    + "), got " + holdout);
        }
    }

    static TrainingWindow endingAt(Instant end, Duration window, Duration holdout) {
        validate(window, holdout);
        return new TrainingWindow(end.minus(window), end, end.minus(holdout), window, holdout);
    }

    /** The first and last {@code dt} partition the window touches, for partition pruning. */
    String firstDay() {
        return DAY.format(start);
    }

    String lastDay() {
        return DAY.format(end);
    }

    /**
     * {@code d-<end yyyyMMddHHmmss>-<hash>}: the hash covers the exact end, the window's content (events per
     * partition) and every parameter that shapes the files, so a re-run on the same staged data overwrites its own
     * folder and nothing else, and data staged into the window since gives a new dataset.
     */
    String datasetId(SparkTrainingDataSettings settings, String content) {
        String params = "end=" + end.toEpochMilli() + "|window=" + length + "|holdout=" + holdout + "|content=" + content
                + "|db=" + settings.database() + "|minSupport=" + settings.minSupport()
                + "|maxLength=" + settings.maxSequenceLength() + "|users=" + settings.userHistories()
                + "|maxUserLength=" + settings.maxUserHistoryLength();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(params.getBytes(StandardCharsets.UTF_8));
            return "d-" + ID_TIME.format(end) + "-" + HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
