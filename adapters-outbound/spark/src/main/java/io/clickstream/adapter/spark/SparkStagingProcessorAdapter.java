package io.clickstream.adapter.spark;

import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.StagingProcessor;
import io.clickstream.domain.DependencyUnavailableException;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.JobStoppedException;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.ZonePath;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stages the raw topic with Spark: reads what is new since the last run (Structured Streaming with
 * {@code Trigger.AvailableNow} and its checkpoint in {@code staging/_checkpoints/<topic>/}), cleans each batch and
 * publishes it as Parquet into the Hive tables {@code <db>.interactions} and {@code <db>.quarantine}
 * (see {@link BatchCommit} for why a crash at any point leaves the tables as if it had not happened).
 * A lease in the lake keeps a second stage job, in any process, from running at the same time.
 */
public final class SparkStagingProcessorAdapter implements StagingProcessor, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SparkStagingProcessorAdapter.class);

    private final SparkStagingSettings settings;
    private final DataLake lake;
    private final Clock clock;
    private final BatchCommit.CommitObserver observer;
    private final OwnedSparkSession spark;

    public SparkStagingProcessorAdapter(SparkStagingSettings settings, DataLake lake) {
        this(settings, lake, Clock.systemUTC(), BatchCommit.CommitObserver.NONE);
    }

    SparkStagingProcessorAdapter(SparkStagingSettings settings, DataLake lake, Clock clock,
                                 BatchCommit.CommitObserver observer) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (settings.kafkaBootstrapServers().isEmpty()) {
            throw new IllegalArgumentException("kafka.bootstrap.servers must not be blank: staging reads the raw topic");
        }
        this.lake = Objects.requireNonNull(lake, "lake");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.spark = new OwnedSparkSession(settings);
    }

    @Override
    public StagingReport stage(JobMonitor monitor) {
        long started = System.nanoTime();
        monitor.progress(0.0);
        try (StageLease lease = StageLease.acquire(lake, LakeLayout.stagingCheckpoints().resolve("stage.lease"),
                settings.leaseDuration(), clock)) {
            SparkSession session = session();
            SparkSessions.useLake(session, settings, lake.location(LakeLayout.stagingInteractions()));
            StagingTables tables = new StagingTables(session, settings.hiveDatabase());
            tables.ensure(lake.location(LakeLayout.stagingInteractions()),
                    lake.location(LakeLayout.stagingQuarantine()));
            // The catalogue first: it is small, and a shop may land one before any clickstream is published.
            long catalogueItems = new CatalogueStaging(session, settings.hiveDatabase(), lake, clock).stage();
            if (catalogueItems >= 0) {
                monitor.count("catalogue.items", catalogueItems);
            }
            ZonePath streamRoot = LakeLayout.stagingCheckpoints().resolve(settings.rawTopic());
            BatchCommit commit = new BatchCommit(session, lake, settings, tables, streamRoot, observer);
            StageCounts total = new StageCounts();
            AtomicLong batches = new AtomicLong();
            ProgressTracker progress = new ProgressTracker(monitor, settings.maxEventsPerBatch() == 0);
            VoidFunction2<Dataset<Row>, Long> stageBatch = (batch, batchId) -> {
                if (lease.lost()) {
                    throw new IllegalStateException("the stage lease was taken over by another job; stopping");
                }
                monitor.checkNotStopped();
                long index = batches.getAndIncrement();
                Map<String, Long> counts = commit.stage(batch, batchId, monitor, f -> progress.batch(index, f));
                counts.forEach((key, n) -> {
                    total.add(key, n);
                    monitor.count(key, n);
                });
                monitor.count("batches", 1);
            };
            if (!run(session, streamRoot, stageBatch, monitor)) {
                LOG.info("Topic {} does not exist yet: nothing was ever published, nothing to stage", settings.rawTopic());
                return new StagingReport(0, 0, catalogueItems < 0 ? Map.of(StageCounts.READ, 0L)
                        : Map.of(StageCounts.READ, 0L, "catalogue.items", catalogueItems));
            }
            tables.refresh();
            Map<String, Long> counts = new LinkedHashMap<>(total.asMap());
            counts.put("batches", batches.get());
            if (catalogueItems >= 0) {
                counts.put("catalogue.items", catalogueItems);
            }
            counts.put("stageMillis", (System.nanoTime() - started) / 1_000_000);
            monitor.progress(1.0);
            LOG.info("Staged {} of {} events from {} in {} batch(es): {}", total.get(StageCounts.STAGED),
                    total.get(StageCounts.READ), settings.rawTopic(), batches.get(), counts);
            return new StagingReport(total.get(StageCounts.READ), total.get(StageCounts.STAGED), counts);
        }
    }

    /** Runs the staging query; false when the raw topic does not exist yet (a fresh installation). */
    private boolean run(SparkSession session, ZonePath streamRoot, VoidFunction2<Dataset<Row>, Long> stageBatch,
                        JobMonitor monitor) {
        StreamingQuery query;
        try {
            query = kafkaSource(session).load()
                    .writeStream()
                    .option("checkpointLocation", trim(lake.location(streamRoot).toString()))
                    .trigger(Trigger.AvailableNow())
                    .foreachBatch(stageBatch)
                    .start();
        } catch (TimeoutException e) {
            throw new IllegalStateException("Spark could not start the staging query: " + e.getMessage(), e);
        }
        try {
            while (!query.awaitTermination(500)) {
                if (monitor.stopRequested()) {
                    query.stop();
                    throw new JobStoppedException();
                }
            }
        } catch (StreamingQueryException e) {
            if (missingTopic(e)) {
                return false;
            }
            throw translate(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the staging query did not stop: " + e.getMessage(), e);
        }
        return true;
    }

    /** Kafka's answer for a topic that was never created: nothing was ever published, which is not an error. */
    private static boolean missingTopic(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t.getClass().getName().equals("org.apache.kafka.common.errors.UnknownTopicOrPartitionException")) {
                return true;
            }
        }
        return false;
    }

    private DataStreamReader kafkaSource(SparkSession session) {
        DataStreamReader reader = session.readStream().format("kafka")
                .option("kafka.bootstrap.servers", settings.kafkaBootstrapServers())
                .option("subscribe", settings.rawTopic())
                .option("startingOffsets", "earliest")
                .option("includeHeaders", "true")
                // ingest publishes each batch in a transaction: never stage what a failed publish left behind
                .option("kafka.isolation.level", "read_committed")
                .option("failOnDataLoss", "true");
        if (settings.maxEventsPerBatch() > 0) {
            reader = reader.option("maxOffsetsPerTrigger", settings.maxEventsPerBatch());
        }
        for (Map.Entry<String, String> option : settings.kafkaOptions().entrySet()) {
            reader = reader.option(option.getKey(), option.getValue());
        }
        return reader;
    }

    private RuntimeException translate(StreamingQueryException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JobStoppedException stopped) {
                return stopped;
            }
            if (t instanceof StageLockedException locked) {
                return locked;
            }
            if (t.getClass().getName().startsWith("org.apache.kafka.common.errors.")) {
                return new DependencyUnavailableException("Kafka (" + settings.kafkaBootstrapServers() + ")",
                        "reading topic " + settings.rawTopic() + " failed: " + t.getMessage(), e);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return new IllegalStateException("staging failed: " + cause.getMessage(), e);
    }

    private SparkSession session() {
        return spark.get();
    }

    /** Stops Spark if this adapter started it. */
    @Override
    public void close() {
        spark.close();
    }

    private static String trim(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Turns the phase of the current batch into the job's progress, never going backwards. */
    private static final class ProgressTracker {
        private final JobMonitor monitor;
        private final boolean singleBatch;
        private double reported;

        ProgressTracker(JobMonitor monitor, boolean singleBatch) {
            this.monitor = monitor;
            this.singleBatch = singleBatch;
        }

        synchronized void batch(long index, double fraction) {
            // one batch per run by default; with a batch limit the total is unknown, so each batch halves the rest
            double value = singleBatch && index == 0 ? 0.98 * fraction : 1 - Math.pow(0.5, index + fraction);
            if (value > reported) {
                reported = value;
                monitor.progress(Math.min(0.99, value));
            }
        }
    }
}
