package io.clickstream.adapter.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.domain.EventType;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.Source;
import io.clickstream.domain.ZonePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stages one micro-batch of the raw topic so that a crash at any point is finished exactly by the next run.
 *
 * <p>Spark logs a batch's offset range before running it and replays the same range after a crash. For each batch:
 * (1) clean it and write its Parquet into a work folder, replacing a partial earlier attempt; (2) save a state file
 * with its counts and partitions: from now on the batch is never recomputed, because what it deduplicates against
 * is about to change; (3) move each file into its table folder (a move repeated after a crash skips files already
 * moved); (4) register the partitions; (5) write a done-marker, which makes a replay skip the batch; Spark then
 * commits the offsets. Readers of the tables may see part of a batch while step 3 runs, never a duplicate row.
 */
final class BatchCommit {
    private static final Logger LOG = LoggerFactory.getLogger(BatchCommit.class);

    private final SparkSession spark;
    private final DataLake lake;
    private final SparkStagingSettings settings;
    private final StagingTables tables;
    private final EventCleaning cleaning;
    private final TrafficRules rules;
    private final ZonePath streamRoot;
    private final CommitObserver observer;
    private static final List<String> DECIDED_FATES = List.of(TrafficRules.STAGED, TrafficRules.DUPLICATE,
            TrafficRules.BOT_USER_AGENT, TrafficRules.BOT_RATE);

    BatchCommit(SparkSession spark, DataLake lake, SparkStagingSettings settings, StagingTables tables,
                ZonePath streamRoot, CommitObserver observer) {
        this.spark = spark;
        this.lake = lake;
        this.settings = settings;
        this.tables = tables;
        this.streamRoot = streamRoot;
        this.observer = observer;
        this.cleaning = new EventCleaning(settings.maxFieldLength(), settings.maxRawLength());
        this.rules = new TrafficRules(SparkStagingSettings.botUserAgentPattern(settings.botUserAgents()),
                settings.sessionGap(), settings.maxEventsPerMinute());
    }

    /**
     * Stages batch {@code batchId} unless an earlier run finished it.
     *
     * @return the counts of what this call staged; empty if the batch was already done
     */
    Map<String, Long> stage(Dataset<Row> kafkaBatch, long batchId, JobMonitor monitor, Progress progress) {
        ZonePath marker = streamRoot.resolve("staged/" + batchId + ".json");
        if (lake.exists(marker)) {
            LOG.info("Batch {} was staged by an earlier run; only its offsets were not committed", batchId);
            return Map.of();
        }
        observer.reached(CommitPoint.BATCH_STARTED, batchId);
        ZonePath work = streamRoot.resolve("work/" + batchId);
        ZonePath statePath = work.resolve("state.json");
        BatchState state = lake.read(statePath)
                .map(bytes -> BatchState.parse(new String(bytes, StandardCharsets.UTF_8)))
                .orElse(null);
        if (state == null) {
            monitor.checkNotStopped();
            progress.at(0.1);
            state = compute(kafkaBatch, work, batchId, progress);
            observer.reached(CommitPoint.FILES_WRITTEN, batchId);
            lake.write(statePath, state.toJson().getBytes(StandardCharsets.UTF_8));
            observer.reached(CommitPoint.STATE_SAVED, batchId);
        } else {
            LOG.info("Batch {} was written by an earlier run that stopped while publishing it; finishing it", batchId);
        }
        progress.at(0.8);
        publish(work.resolve("interactions"), LakeLayout.stagingInteractions(), batchId);
        publish(work.resolve("quarantine"), LakeLayout.stagingQuarantine(), batchId);
        tables.addPartitions(tables.interactions(), split(state.interactionPartitions()));
        tables.addPartitions(tables.quarantine(), split(state.quarantinePartitions()));
        observer.reached(CommitPoint.PARTITIONS_ADDED, batchId);
        lake.write(marker, state.toJson().getBytes(StandardCharsets.UTF_8));
        observer.reached(CommitPoint.BATCH_MARKED, batchId);
        deleteQuietly(lake.location(work));
        progress.at(1.0);
        return state.counts();
    }

    private BatchState compute(Dataset<Row> kafkaBatch, ZonePath work, long batchId, Progress progress) {
        List<Dataset<Row>> cached = new ArrayList<>();
        try {
            Dataset<Row> classified = keep(cleaning.classify(kafkaBatch), cached);
            Dataset<Row> valid = classified.where(col(EventCleaning.REASON).isNull());
            Set<String> days = new TreeSet<>();
            for (Row row : valid.select("dt").distinct().collectAsList()) {
                days.add(row.getString(0));
            }
            Set<String> contextDays = new TreeSet<>(days);
            long gapDays = Math.max(1, settings.sessionGap().toDays() + 1);
            for (String day : days) {
                for (long back = 1; back <= gapDays; back++) {
                    contextDays.add(LocalDate.parse(day).minusDays(back).toString());
                }
            }
            Dataset<Row> earlier = tables.stagedOn(contextDays);
            progress.at(0.3);
            // One shuffle decides every valid row; its counts are observed while the staged rows are written, so
            // the decided rows are neither cached nor computed twice.
            Observation outcomes = new Observation("stage-" + batchId);
            Column[] metrics = outcomeCounts();
            Dataset<Row> decided = rules.decide(valid, earlier).observe(outcomes, metrics[0],
                    Arrays.copyOfRange(metrics, 1, metrics.length));
            List<Column> columns = Stream.concat(StagingTables.INTERACTION_COLUMNS.stream(),
                    StagingTables.INTERACTION_PARTITIONS.stream()).map(c -> col(c)).toList();
            decided.where(col(TrafficRules.FATE).equalTo(TrafficRules.STAGED))
                    .select(columns.toArray(Column[]::new))
                    // within the shuffle's partitions: files sorted as before, no second shuffle for the write
                    .sortWithinPartitions("source", "event_type", "dt", "session_id", "event_time", "event_id")
                    .write().mode("overwrite")
                    .option("maxRecordsPerFile", settings.maxRecordsPerFile())
                    .partitionBy(StagingTables.INTERACTION_PARTITIONS.toArray(String[]::new))
                    .parquet(uri(work.resolve("interactions")));
            Map<String, Long> counts = count(classified, outcomes);
            progress.at(0.65);
            classified.where(col(EventCleaning.REASON).isNotNull())
                    .withColumn("dt", date_format(col("kafka_timestamp"), "yyyy-MM-dd"))
                    .select(Stream.concat(StagingTables.QUARANTINE_COLUMNS.stream(),
                            StagingTables.QUARANTINE_PARTITIONS.stream()).map(c -> col(c)).toArray(Column[]::new))
                    .repartition(col("dt"))
                    .sortWithinPartitions("kafka_partition", "kafka_offset")
                    .write().mode("overwrite")
                    .partitionBy("dt")
                    .parquet(uri(work.resolve("quarantine")));
            progress.at(0.75);
            return new BatchState(counts, partitionsIn(work.resolve("interactions")),
                    partitionsIn(work.resolve("quarantine")));
        } finally {
            cached.forEach(Dataset::unpersist);
        }
    }

    private static Dataset<Row> keep(Dataset<Row> ds, List<Dataset<Row>> cached) {
        Dataset<Row> persisted = ds.persist(StorageLevel.MEMORY_AND_DISK());
        cached.add(persisted);
        return persisted;
    }

    /** Per fate, source and event type, the number of decided rows: the metrics observed while writing them. */
    private static Column[] outcomeCounts() {
        List<Column> metrics = new ArrayList<>();
        for (String fate : DECIDED_FATES) {
            for (Source source : Source.values()) {
                for (EventType type : EventType.values()) {
                    metrics.add(sum(when(col(TrafficRules.FATE).equalTo(fate)
                            .and(col("source").equalTo(source.wireName()))
                            .and(col("event_type").equalTo(type.wireName())), 1L).otherwise(0L))
                            .as(metricName(fate, source.wireName(), type.wireName())));
                }
            }
        }
        return metrics.toArray(Column[]::new);
    }

    private static String metricName(String fate, String source, String eventType) {
        return fate + "|" + source + "|" + eventType;
    }

    /** How many were read, staged per group, quarantined per reason, duplicates and bots. */
    private static Map<String, Long> count(Dataset<Row> classified, Observation outcomes) {
        StageCounts counts = new StageCounts();
        for (Row row : classified.where(col(EventCleaning.REASON).isNotNull())
                .groupBy(EventCleaning.REASON).agg(org.apache.spark.sql.functions.count(lit(1))).collectAsList()) {
            counts.add("quarantined", row.getString(0), null, null, row.getLong(1));
        }
        Map<String, Object> observed;
        try {
            observed = outcomes.getAsJava();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the batch's counts", e);
        }
        for (Map.Entry<String, Object> metric : new TreeMap<>(observed).entrySet()) {
            long n = metric.getValue() == null ? 0 : ((Number) metric.getValue()).longValue();
            if (n > 0) {
                String[] key = metric.getKey().split("\\|");
                counts.add(key[0], null, key[1], key[2], n);
            }
        }
        return counts.asMap();
    }

    /** Moves every data file of a work folder into the table folder, skipping files a crashed run moved. */
    private void publish(ZonePath from, ZonePath tableRoot, long batchId) {
        Path source = new Path(uri(from));
        Path target = new Path(uri(tableRoot));
        try {
            FileSystem fs = source.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(source)) {
                return;
            }
            String sourcePrefix = fs.makeQualified(source).toUri().getPath();
            for (LocatedFileStatus file : dataFiles(fs, source)) {
                String relative = file.getPath().toUri().getPath().substring(sourcePrefix.length() + 1);
                Path destination = new Path(target, relative);
                fs.mkdirs(destination.getParent());
                if (fs.exists(destination)) {
                    // a crash between copy and delete (s3a renames copy then delete): the copy is complete
                    fs.delete(file.getPath(), false);
                } else if (!fs.rename(file.getPath(), destination)) {
                    throw new IOException("cannot move " + file.getPath() + " to " + destination);
                }
                observer.reached(CommitPoint.FILE_PUBLISHED, batchId);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish the staged files of batch " + batchId + " from " + source
                    + " to " + target + ": " + e.getMessage(), e);
        }
    }

    private List<String> partitionsIn(ZonePath folder) {
        Path root = new Path(uri(folder));
        try {
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(root)) {
                return List.of();
            }
            String prefix = fs.makeQualified(root).toUri().getPath();
            Set<String> partitions = new TreeSet<>();
            for (LocatedFileStatus file : dataFiles(fs, root)) {
                String relative = file.getPath().getParent().toUri().getPath();
                partitions.add(relative.substring(Math.min(relative.length(), prefix.length() + 1)));
            }
            return new ArrayList<>(partitions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    private static List<LocatedFileStatus> dataFiles(FileSystem fs, Path root) throws IOException {
        List<LocatedFileStatus> files = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
        while (it.hasNext()) {
            LocatedFileStatus file = it.next();
            if (file.getPath().getName().startsWith("part-")) {
                files.add(file);
            }
        }
        return files;
    }

    private void deleteQuietly(URI folder) {
        Path path = new Path(trim(folder.toString()));
        try {
            path.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(path, true);
        } catch (IOException e) {
            LOG.warn("Cannot delete the work folder {} (harmless leftovers): {}", path, e.getMessage());
        }
    }

    /** {@code source=weblog/event_type=view/dt=2026-11-21} becomes its three assignments. */
    private static List<List<String>> split(List<String> partitions) {
        return partitions.stream().filter(p -> !p.isEmpty()).map(p -> List.of(p.split("/"))).toList();
    }

    private String uri(ZonePath path) {
        return trim(lake.location(path).toString());
    }

    private static String trim(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Where the adapter wants progress of the current batch reported, as a fraction of the batch. */
    @FunctionalInterface
    interface Progress {
        void at(double fractionOfBatch);
    }

    /** Test hook: told when a batch passes a {@link CommitPoint}. */
    @FunctionalInterface
    interface CommitObserver {
        CommitObserver NONE = (point, batchId) -> {
        };

        void reached(CommitPoint point, long batchId);
    }

    /** What a written batch holds: its counts and the table partitions its files belong to. */
    record BatchState(Map<String, Long> counts, List<String> interactionPartitions, List<String> quarantinePartitions) {
        private static final ObjectMapper JSON = new ObjectMapper();

        String toJson() {
            ObjectNode node = JSON.createObjectNode();
            ObjectNode countsNode = node.putObject("counts");
            counts.forEach(countsNode::put);
            interactionPartitions.forEach(node.putArray("interactions")::add);
            quarantinePartitions.forEach(node.putArray("quarantine")::add);
            return node + "\n";
        }

        static BatchState parse(String json) {
            JsonNode node;
            try {
                node = JSON.readTree(json);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a staged batch's state is not valid JSON: " + e.getOriginalMessage(), e);
            }
            Map<String, Long> counts = new TreeMap<>();
            node.path("counts").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
            return new BatchState(counts, texts(node.path("interactions")), texts(node.path("quarantine")));
        }

        private static List<String> texts(JsonNode array) {
            List<String> values = new ArrayList<>();
            array.forEach(v -> values.add(v.asText()));
            return List.copyOf(values);
        }
    }
}
