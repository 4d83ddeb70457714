package io.clickstream.domain;

import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * The lake's zone layout, a contract that people browse and other tools read (README, "Data lake"). Every
 * path the pipeline writes is built here, so the layout is stated once.
 */
public final class LakeLayout {
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private LakeLayout() {
    }

    /** {@code landing/clickstream/source=<source>/dt=<date>/<batchId>.csv} */
    public static ZonePath landingBatch(Source source, LocalDate date, String batchId) {
        return landingPartition(source, date).resolve(safeId(batchId, "batch id") + ".csv");
    }

    /**
     * The source and batch id of a {@link #landingBatch landed batch}'s path, the inverse of {@link #landingBatch}:
     * empty for any other path.
     */
    public static java.util.Optional<LandedBatchName> landedBatch(ZonePath path) {
        String[] parts = path.relative().split("/");
        if (path.zone() != DataZone.LANDING || parts.length != 4 || !parts[0].equals("clickstream")
                || !parts[1].startsWith("source=") || !parts[3].endsWith(".csv")) {
            return java.util.Optional.empty();
        }
        Source source;
        try {
            source = Source.fromWireName(parts[1].substring("source=".length()));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new LandedBatchName(source, parts[3].substring(0, parts[3].length() - ".csv".length())));
    }

    /** Where a landed batch came from and its id. */
    public record LandedBatchName(Source source, String batchId) {
    }

    public static ZonePath landingPartition(Source source, LocalDate date) {
        return landingClickstream().resolve("source=" + source.wireName()).resolve("dt=" + date);
    }

    public static ZonePath landingClickstream() {
        return ZonePath.of(DataZone.LANDING, "clickstream");
    }

    /**
     * {@code landing/_rejected/source=<source>/<chunkId>.csv}: lines that could not be parsed, with the reason.
     * Keyed by the collection chunk (not the day) because a line that cannot be parsed may have no readable time.
     */
    public static ZonePath rejectedChunk(Source source, String chunkId) {
        return ZonePath.of(DataZone.LANDING, "_rejected/source=" + source.wireName())
                .resolve(safeId(chunkId, "chunk id") + ".csv");
    }

    /** {@code landing/catalogue/}: collected catalogue batches, one folder per catalogue source. */
    public static ZonePath landingCatalogue() {
        return ZonePath.of(DataZone.LANDING, "catalogue");
    }

    /** {@code landing/catalogue/source=<sourceId>/<batchId>.csv}: catalogue rows as collected, newest row per item wins. */
    public static ZonePath landingCatalogueBatch(String sourceId, String batchId) {
        return landingCatalogue().resolve("source=" + safeId(sourceId, "source id"))
                .resolve(safeId(batchId, "batch id") + ".csv");
    }

    /** {@code landing/_incoming/catalogue/}: where a shop drops catalogue CSV files for the next collection. */
    public static ZonePath catalogueDrops() {
        return ZonePath.of(DataZone.LANDING, "_incoming/catalogue");
    }

    /** {@code landing/_rejected/catalogue/source=<sourceId>/<batchId>.csv}: catalogue rows refused, with the reason. */
    public static ZonePath rejectedCatalogueBatch(String sourceId, String batchId) {
        return ZonePath.of(DataZone.LANDING, "_rejected/catalogue/source=" + safeId(sourceId, "source id"))
                .resolve(safeId(batchId, "batch id") + ".csv");
    }

    public static ZonePath publishedManifests() {
        return ZonePath.of(DataZone.LANDING, "_published");
    }

    /** {@code landing/_checkpoints/<sourceId>.json}: a collector's cursor. */
    public static ZonePath sourceCheckpoint(String sourceId) {
        return ZonePath.of(DataZone.LANDING, "_checkpoints/" + safeId(sourceId, "source id") + ".json");
    }

    /** {@code landing/_published/<batchId>.json}: batch to topic offsets, written once a batch is published. */
    public static ZonePath publishedManifest(String batchId) {
        return ZonePath.of(DataZone.LANDING, "_published/" + safeId(batchId, "batch id") + ".json");
    }

    /** The batch id a {@link #publishedManifest published manifest} is named after. */
    public static String publishedBatchId(ZonePath manifest) {
        return manifest.name().endsWith(".json") ? manifest.name().substring(0, manifest.name().length() - ".json".length())
                : manifest.name();
    }

    public static ZonePath stagingInteractions() {
        return ZonePath.of(DataZone.STAGING, "interactions");
    }

    /** {@code staging/catalogue/snapshot=<n>/}: the newest row per item, as the Hive table {@code catalogue}. */
    public static ZonePath stagingCatalogue() {
        return ZonePath.of(DataZone.STAGING, "catalogue");
    }

    public static ZonePath stagingQuarantine() {
        return ZonePath.of(DataZone.STAGING, "_quarantine");
    }

    public static ZonePath stagingCheckpoints() {
        return ZonePath.of(DataZone.STAGING, "_checkpoints");
    }

    /** {@code analytics/datasets/<datasetId>/}: prepared training data, read by the trainer; its files are {@link DatasetFile}s. */
    public static ZonePath dataset(String datasetId) {
        return ZonePath.of(DataZone.ANALYTICS, "datasets/" + safeId(datasetId, "dataset id"));
    }

    /** {@code analytics/models/<version>/}: a trained version; its files are {@link ModelFile}s. */
    public static ZonePath model(String version) {
        return ZonePath.of(DataZone.ANALYTICS, "models/" + safeId(version, "model version"));
    }

    /** {@code analytics/models/CURRENT}: the published version. */
    public static ZonePath currentModelPointer() {
        return ZonePath.of(DataZone.ANALYTICS, "models/CURRENT");
    }

    /** {@code analytics/reports/<jobId>.json} */
    public static ZonePath report(String jobId) {
        return ZonePath.of(DataZone.ANALYTICS, "reports/" + safeId(jobId, "job id") + ".json");
    }

    /** {@code analytics/_jobs/}: one record per job, so jobs survive a restart of the server. */
    public static ZonePath jobRecords() {
        return ZonePath.of(DataZone.ANALYTICS, "_jobs");
    }

    /** {@code analytics/_jobs/<jobId>.json} */
    public static ZonePath jobRecord(String jobId) {
        return jobRecords().resolve(safeId(jobId, "job id") + ".json");
    }

    /** Ids become file names: only letters, digits, '.', '_' and '-', so no id can smuggle a path in. */
    public static String safeId(String id, String what) {
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(what + " must be 1-128 of [A-Za-z0-9._-] starting with a letter or digit, got '"
                    + id + "'");
        }
        return id;
    }
}
