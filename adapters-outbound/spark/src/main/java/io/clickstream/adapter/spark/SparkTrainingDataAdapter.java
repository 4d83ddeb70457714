package io.clickstream.adapter.spark;

import io.clickstream.domain.DatasetFile;
import static org.apache.spark.sql.functions.asc;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.TrainingDataProvider;
import io.clickstream.domain.DependencyUnavailableException;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.ZonePath;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares training data with Spark SQL over the Hive table {@code <db>.interactions}: a window ending at the newest
 * staged item event, its sessions as time-ordered item sequences split by time into train and holdout, known users'
 * histories and the item vocabulary, written by Spark into {@code analytics/datasets/<id>/} (layout in
 * {@link LakeLayout#dataset(String)}). The examples stay in Spark and the lake; only counts reach this JVM's heap.
 */
public final class SparkTrainingDataAdapter implements TrainingDataProvider, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SparkTrainingDataAdapter.class);
    /** Where {@link #prepare} points when nothing is staged; nothing is written there. */
    static final ZonePath NO_DATASET = LakeLayout.dataset("empty");
    /** How Spark's Hive client reports a metastore it could not reach (after its own connection retries). */
    private static final String NO_METASTORE_CLIENT =
            "Unable to instantiate org.apache.hadoop.hive.ql.metadata.SessionHiveMetaStoreClient";

    private final SparkTrainingDataSettings settings;
    private final DataLake lake;
    private final OwnedSparkSession spark;

    public SparkTrainingDataAdapter(SparkTrainingDataSettings settings, DataLake lake) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.lake = Objects.requireNonNull(lake, "lake");
        this.spark = new OwnedSparkSession(settings.spark());
    }

    @Override
    public synchronized TrainingDataset prepare(Duration window, Duration holdout, JobMonitor monitor) {
        TrainingWindow.validate(window, holdout);
        monitor.progress(0.0);
        try {
            return prepareIn(session(), window, holdout, monitor);
        } catch (RuntimeException e) {
            throw unavailableMetastore(e).orElseThrow(() -> e);
        }
    }

    private TrainingDataset prepareIn(SparkSession session, Duration window, Duration holdout, JobMonitor monitor) {
        SparkSessions.useLake(session, settings.spark(), lake.location(LakeLayout.stagingInteractions()));
        String table = settings.database() + "." + StagingTables.INTERACTIONS;
        if (!session.catalog().tableExists(table)) {
            LOG.info("no table {}: nothing is staged yet, no training data", table);
            return empty(monitor);
        }
        // partitions another session (or a staging run in this one) added since the catalog last looked
        session.catalog().refreshTable(table);
        Optional<Instant> newest = newestItemEvent(session, table);
        if (newest.isEmpty()) {
            LOG.info("{} holds no item events: no training data", table);
            return empty(monitor);
        }
        TrainingWindow w = TrainingWindow.endingAt(newest.get(), window, holdout);
        Dataset<Row> rows = SequenceQueries.windowRows(session.table(table), w);
        Map<String, Long> counts = new LinkedHashMap<>();
        List<Row> input = SequenceQueries.inputByPartition(rows);
        List<String> partitions = inspect(input, counts, table);
        // Events staged late into the window (a backfill) change the content, so they name a new dataset to train on.
        String datasetId = w.datasetId(settings, contentOf(input));
        ZonePath dir = LakeLayout.dataset(datasetId);
        LOG.info("preparing dataset {} from {}: window {} .. {}, holdout from {}", datasetId, table, w.start(), w.end(),
                w.holdoutStart());
        monitor.progress(0.15);
        monitor.checkNotStopped();
        clear(dir);

        Map<String, String> files = new LinkedHashMap<>();
        Dataset<Row> sessions = SequenceQueries.sessions(rows, w.holdoutStart(), settings.maxSequenceLength())
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            splitCounts(sessions, counts);
            monitor.progress(0.35);
            monitor.checkNotStopped();
            writeLines(sessions.where(col("split").equalTo(SequenceQueries.TRAIN)), DatasetFile.TRAIN.in(dir));
            files.put("train", DatasetFile.TRAIN.fileName());
            monitor.progress(0.5);
            monitor.checkNotStopped();
            // a one-step session has no next item to predict: useless for evaluation, kept in train for popularity
            writeLines(sessions.where(col("split").equalTo(SequenceQueries.HOLDOUT).and(col("steps").geq(2))),
                    DatasetFile.HOLDOUT.in(dir));
            files.put("holdout", DatasetFile.HOLDOUT.fileName());
            monitor.progress(0.6);
            monitor.checkNotStopped();
            if (settings.userHistories()) {
                writeUsers(rows, DatasetFile.USERS.in(dir), counts);
                files.put("users", DatasetFile.USERS.fileName());
            }
            monitor.progress(0.75);
            monitor.checkNotStopped();
            counts.put("vocabularySize", writeVocabulary(sessions, DatasetFile.VOCABULARY.in(dir), counts));
            files.put("vocabulary", DatasetFile.VOCABULARY.fileName());
        } finally {
            sessions.unpersist();
        }
        monitor.progress(0.9);
        monitor.checkNotStopped();
        // last: its presence is what makes the folder a complete dataset
        lake.write(DatasetFile.MANIFEST.in(dir),
                new DatasetManifest(datasetId, table, w, settings, counts, files, partitions).toJson());
        counts.forEach((name, n) -> monitor.set("dataset." + name, n));
        monitor.progress(1.0);
        LOG.info("prepared dataset {}: {}", datasetId, counts);
        return new TrainingDataset(datasetId, dir, w.start(), w.end(), counts.get("trainSequences"),
                counts.get("holdoutSequences"), counts.get("vocabularySize"), partitions);
    }

    /** Counts the window's rows and those skipped, and returns the staging partitions they came from (lineage). */
    /** The window's events per partition, as text: staging only appends, so new events always change it. */
    private static String contentOf(List<Row> input) {
        return input.stream().map(r -> new StagingPartition(r.getString(0), r.getString(1), r.getString(2)) + "="
                + r.getLong(3)).sorted().collect(java.util.stream.Collectors.joining(","));
    }

    private static List<String> inspect(List<Row> input, Map<String, Long> counts, String table) {
        counts.put("events", total(input, 3));
        counts.put("skippedInvalidItemIds", total(input, 4));
        counts.put("skippedWithoutSession", total(input, 5));
        counts.put("anonymisedInvalidUserIds", total(input, 6));
        for (String key : List.of("skippedInvalidItemIds", "skippedWithoutSession", "anonymisedInvalidUserIds")) {
            if (counts.get(key) > 0) {
                LOG.warn("training window of {}: {} = {} (ids with white space or control characters cannot be written, "
                        + "events without a session belong to no sequence)", table, key, counts.get(key));
            }
        }
        return input.stream()
                .map(r -> new StagingPartition(r.getString(0), r.getString(1), r.getString(2)).toString())
                .sorted()
                .toList();
    }

    /** The newest item event; looks in the newest day first, so a long history is not scanned for it. */
    private static Optional<Instant> newestItemEvent(SparkSession session, String table) {
        Dataset<Row> items = session.table(table).where(col("event_type").isin(SequenceQueries.STEP_TYPES.toArray())
                .and(col("item_id").isNotNull()));
        Optional<String> lastDay = session.sql("SHOW PARTITIONS " + table).collectAsList().stream()
                .map(r -> StagingPartition.parse(r.getString(0)))
                .filter(p -> SequenceQueries.STEP_TYPES.contains(p.eventType()))
                .map(StagingPartition::dt)
                .max(String::compareTo);
        if (lastDay.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> newest = maxTime(items.where(col("dt").equalTo(lastDay.get())));
        // a registered partition may be empty (files written, rows filtered): then ask the whole table
        return newest.isPresent() ? newest : maxTime(items);
    }

    private static Optional<Instant> maxTime(Dataset<Row> rows) {
        Object value = rows.agg(max("event_time")).first().get(0);
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(value instanceof Instant i ? i : ((Timestamp) value).toInstant());
    }

    private static long total(List<Row> rows, int column) {
        return rows.stream().mapToLong(r -> r.getLong(column)).sum();
    }

    private static void splitCounts(Dataset<Row> sessions, Map<String, Long> counts) {
        Row c = sessions.agg(
                count(when(col("split").equalTo(SequenceQueries.TRAIN), lit(1))),
                sum(when(col("split").equalTo(SequenceQueries.TRAIN), col("steps")).otherwise(lit(0L))),
                count(when(col("split").equalTo(SequenceQueries.HOLDOUT).and(col("steps").geq(2)), lit(1))),
                sum(when(col("split").equalTo(SequenceQueries.HOLDOUT).and(col("steps").geq(2)), col("steps"))
                        .otherwise(lit(0L))),
                count(when(col("split").equalTo(SequenceQueries.HOLDOUT).and(col("steps").lt(2)), lit(1))))
                .first();
        counts.put("trainSequences", c.getLong(0));
        counts.put("trainSteps", c.isNullAt(1) ? 0 : c.getLong(1));
        counts.put("holdoutSequences", c.getLong(2));
        counts.put("holdoutSteps", c.isNullAt(3) ? 0 : c.getLong(3));
        counts.put("holdoutSingleStepLeftOut", c.getLong(4));
    }

    /** Sorted by start, so the last lines of train are its newest sessions (a time-based validation slice). */
    private void writeLines(Dataset<Row> sequences, ZonePath folder) {
        sequences.orderBy(asc("start"), asc("sequence_id")).select("line").write().mode(SaveMode.Overwrite)
                .text(location(folder));
    }

    /** Each known user's latest steps across sessions, sorted by user id. */
    private void writeUsers(Dataset<Row> rows, ZonePath folder, Map<String, Long> counts) {
        Dataset<Row> users = SequenceQueries.userHistories(rows, settings.maxUserHistoryLength())
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Row u = users.agg(count(lit(1)), sum("steps")).first();
            counts.put("users", u.getLong(0));
            counts.put("userSteps", u.isNullAt(1) ? 0 : u.getLong(1));
            users.orderBy(asc("user_id")).select("line").write().mode(SaveMode.Overwrite).text(location(folder));
        } finally {
            users.unpersist();
        }
    }

    /**
     * Items of the training part with at least the minimum support, most frequent first (ties by id). The file is
     * one stream from Spark's partitions, one partition at a time on the driver; the rarer items only pass by to be
     * counted.
     */
    private long writeVocabulary(Dataset<Row> sessions, ZonePath file, Map<String, Long> counts) {
        Dataset<Row> itemCounts = sessions.where(col("split").equalTo(SequenceQueries.TRAIN))
                .select(explode(col("items")).as("item")).groupBy("item").agg(count(lit(1)).as("n"))
                .orderBy(desc("n"), asc("item"));
        AtomicLong items = new AtomicLong();
        AtomicLong written = new AtomicLong();
        lake.write(file, out -> {
            Iterator<Row> it = itemCounts.toLocalIterator();
            while (it.hasNext()) {
                Row r = it.next();
                items.incrementAndGet();
                if (r.getLong(1) >= settings.minSupport()) {
                    out.write((r.getString(0) + "\t" + r.getLong(1) + "\n").getBytes(StandardCharsets.UTF_8));
                    written.incrementAndGet();
                }
            }
        });
        counts.put("trainItems", items.get());
        return written.get();
    }

    /** Removes a previous run's files, the manifest first, so a half-rewritten dataset never looks complete. */
    private void clear(ZonePath dir) {
        lake.delete(DatasetFile.MANIFEST.in(dir));
        for (DataLake.LakeObject o : lake.list(dir)) {
            lake.delete(o.path());
        }
    }

    private String location(ZonePath path) {
        return lake.location(path).toString();
    }

    private static TrainingDataset empty(JobMonitor monitor) {
        monitor.set("dataset.trainSequences", 0);
        monitor.progress(1.0);
        return new TrainingDataset(NO_DATASET.name(), NO_DATASET, Instant.EPOCH, Instant.EPOCH, 0, 0, 0, List.of());
    }

    /** A metastore that cannot be reached is a dependency that is down, named as such; anything else stays as it is. */
    private Optional<DependencyUnavailableException> unavailableMetastore(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String type = t.getClass().getName();
            String message = String.valueOf(t.getMessage());
            if (type.startsWith("org.apache.thrift.transport.")
                    || type.equals("org.apache.hadoop.hive.metastore.api.MetaException")
                    || message.contains(NO_METASTORE_CLIENT)) {
                SparkStagingSettings spark = settings.spark();
                String metastore = spark.embeddedMetastore()
                        ? "Hive metastore (embedded Derby in " + spark.metastoreDir() + ")"
                        : "Hive metastore (" + spark.metastoreUris() + ")";
                return Optional.of(new DependencyUnavailableException(metastore,
                        "reading " + settings.database() + "." + StagingTables.INTERACTIONS + " failed: " + message,
                        e));
            }
        }
        return Optional.empty();
    }

    private SparkSession session() {
        return spark.get();
    }

    /** Stops Spark if this adapter started it. */
    @Override
    public void close() {
        spark.close();
    }

    /** One partition of the staging table. */
    record StagingPartition(String source, String eventType, String dt) {
        static StagingPartition parse(String spec) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String part : spec.split("/")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    values.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
            return new StagingPartition(values.get("source"), values.get("event_type"), values.get("dt"));
        }

        @Override
        public String toString() {
            return "source=" + source + "/event_type=" + eventType + "/dt=" + dt;
        }
    }
}
