package io.clickstream.adapter.spark;

import io.clickstream.adapter.localfs.LocalFsDataLakeAdapter;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.StagingProcessor.StagingReport;
import io.clickstream.domain.JobMonitor;
import io.clickstream.testing.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;

/**
 * Runs one stage job in its own JVM, for tests that kill it or point it at a cluster: reads its settings from a
 * properties file, optionally halts the JVM (as {@code kill -9} would) when a batch reaches a {@link CommitPoint},
 * and writes the report and a {@link TableDump} of the tables when it finishes.
 */
public final class StageRunner {
    private StageRunner() {
    }

    public static void main(String[] args) throws IOException {
        Properties p = ChildJvm.readSettings(Path.of(args[0]));
        DataLake lake = new LocalFsDataLakeAdapter(Path.of(p.getProperty("lake")));
        Map<String, String> sparkConf = new HashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("spark.")) {
                sparkConf.put(key, p.getProperty(key));
            }
        }
        SparkStagingSettings settings = SparkStagingSettings.defaults(Path.of(p.getProperty("dataDir")),
                        p.getProperty("kafka"))
                .withMaster(p.getProperty("master", "local[2]"))
                .withMetastore(p.getProperty("metastoreUris", ""), p.getProperty("database"))
                .withTopic(p.getProperty("topic"))
                .withBatching(Long.parseLong(p.getProperty("maxEventsPerBatch", "0")),
                        SparkStagingSettings.DEFAULT_MAX_RECORDS_PER_FILE)
                .withLease(Duration.ofSeconds(3))
                .withSparkConf(sparkConf);
        BatchCommit.CommitObserver observer = halter(p.getProperty("haltAt", ""));
        SparkStagingProcessorAdapter adapter = new SparkStagingProcessorAdapter(settings, lake, Clock.systemUTC(),
                observer);
        StagingReport report = stageWaitingForLease(adapter);
        if (p.containsKey("dump")) {
            List<String> lines = new ArrayList<>();
            lines.add("read " + report.read());
            lines.add("staged " + report.staged());
            lines.addAll(TableDump.of(SparkSession.active(), settings.hiveDatabase()));
            Files.write(Path.of(p.getProperty("dump")), lines, StandardCharsets.UTF_8);
        }
        adapter.close();
        System.exit(0);
    }

    /** A killed run leaves its lease behind; like a scheduler's retry, wait for it to expire. */
    private static StagingReport stageWaitingForLease(SparkStagingProcessorAdapter adapter) {
        while (true) {
            try {
                return adapter.stage(JobMonitor.none());
            } catch (StageLockedException e) {
                long wait = Math.max(100, Duration.between(Instant.now(), e.expiresAt()).toMillis() + 100);
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** {@code POINT:batchId[:n]} halts at the n-th time (default 1) batch batchId reaches POINT. */
    private static BatchCommit.CommitObserver halter(String spec) {
        if (spec.isBlank()) {
            return BatchCommit.CommitObserver.NONE;
        }
        String[] parts = spec.split(":");
        CommitPoint point = CommitPoint.valueOf(parts[0]);
        long batch = Long.parseLong(parts[1]);
        int nth = parts.length > 2 ? Integer.parseInt(parts[2]) : 1;
        AtomicInteger seen = new AtomicInteger();
        return (reached, batchId) -> {
            if (reached == point && batchId == batch && seen.incrementAndGet() == nth) {
                ChildJvm.halt(spec);
            }
        };
    }
}
