package io.clickstream.adapter.spark;

import io.clickstream.adapter.localfs.LocalFsDataLakeAdapter;
import io.clickstream.application.port.out.StagingProcessor.StagingReport;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.LakeLayout;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmark (prints figures, asserts nothing): generates N access-log lines (default 1 million) plus search events,
 * ingests them for real (landing CSV + Kafka), stages them, then runs a plain Spark job over the same landing CSV
 * that only writes Parquet, and prints both rates and their ratio.
 *
 * <pre>java @bin/jvm.options -Xmx3g -cp ... io.clickstream.adapter.spark.StagingBenchmark [events] [workDir]</pre>
 */
public final class StagingBenchmark {
    private StagingBenchmark() {
    }

    public static void main(String[] args) {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        Path work = args.length > 1 ? Path.of(args[1]) : TestEnvironment.freshDir("benchmark");
        LocalFsDataLakeAdapter lake = new LocalFsDataLakeAdapter(work.resolve("lake"));
        String topic = TestEnvironment.unique("bench");

        long t0 = System.nanoTime();
        Scenario scenario = Scenario.ingest(work, events, 42, 7, lake, topic);
        double ingestSeconds = seconds(t0);

        SparkStagingSettings settings = SparkStagingSettings.defaults(work.resolve("data"), TestEnvironment.kafka())
                .withTopic(topic).withMetastore("", "bench");
        SparkSession spark = SparkSessions.getOrCreate(settings);
        long t1 = System.nanoTime();
        StagingReport report = new SparkStagingProcessorAdapter(settings, lake).stage(JobMonitor.none());
        double stageSeconds = seconds(t1);

        String landing = lake.location(LakeLayout.landingClickstream()).toString();
        long t2 = System.nanoTime();
        spark.read().option("header", "true").option("multiLine", "false")
                .csv(landing + "/source=*/dt=*/*.csv")
                .write().mode("overwrite").partitionBy("source", "event_type")
                .parquet(work.resolve("plain-parquet").toUri().toString());
        double plainSeconds = seconds(t2);
        long plainCount = spark.read().parquet(work.resolve("plain-parquet").toUri().toString()).count();

        var log = scenario.summary.accessLog();
        long expectedStaged = log.shopperEvents().values().stream().mapToLong(Long::longValue).sum()
                + scenario.summary.searchEvents().total();
        System.out.printf(Locale.ROOT, "%nStaging benchmark: %d access-log lines, %d landed rows (ingest %.1f s)%n",
                events, scenario.landed.size(), ingestSeconds);
        System.out.printf(Locale.ROOT, "stage job : read %d, staged %d in %.1f s = %.0f staged events/s (%.0f read/s)%n",
                report.read(), report.staged(), stageSeconds, report.staged() / stageSeconds,
                report.read() / stageSeconds);
        System.out.printf(Locale.ROOT, "plain job : CSV -> Parquet, %d rows in %.1f s = %.0f rows/s%n", plainCount,
                plainSeconds, plainCount / plainSeconds);
        // Both jobs take the same landed rows in: compare input rates (the stage job also drops bots, duplicates, bad rows).
        System.out.printf(Locale.ROOT, "ratio     : stage job reads at %.2f of the plain job's rate (input rows/s)%n",
                (report.read() / stageSeconds) / (plainCount / plainSeconds));
        System.out.printf(Locale.ROOT, "check     : staged %d vs generated shopper + search events %d; bots %d vs %d "
                + "bot view lines; duplicates %d vs %d landed twice%n", report.staged(), expectedStaged,
                report.counts().get("bots"), log.botViewLines(), report.counts().get("duplicates"),
                scenario.landedDuplicates());
        System.out.println("counts    : " + report.counts());
        spark.stop();
        System.exit(0);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
