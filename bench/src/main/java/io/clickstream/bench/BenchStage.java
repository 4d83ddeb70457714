package io.clickstream.bench;

import io.clickstream.bootstrap.PipelineComponent;
import io.clickstream.adapter.spark.PlainSparkJob;
import io.clickstream.adapter.spark.SparkStagingSettings;
import io.clickstream.application.port.in.IngestClickstreamUseCase.IngestCommand;
import io.clickstream.bootstrap.config.PipelineConfig;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.JobState;
import io.clickstream.domain.JobType;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.StepOutcome;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/**
 * The stage job beside the plain engine's job over the same landing data, in one process: generate and ingest N
 * lines into a fresh pipeline, start Spark, run the stage job, run it again with nothing new (its fixed cost), then
 * a plain Spark CSV to Parquet job over the landing CSV the stage job's messages came from.
 */
@Command(name = "stage", mixinStandardHelpOptions = true,
        description = "Generate N access-log lines, ingest them into a fresh pipeline under <data.dir>/bench, run the "
                + "stage job, a second stage job with nothing new (fixed cost), and a plain Spark CSV-to-Parquet job "
                + "over the same landing CSV; print both rates and their ratio.")
final class BenchStage extends TrafficBench {
    @Override
    int run(PipelineComponent app, GeneratedTraffic.Workspace workspace, PrintWriter out) throws Exception {
        PipelineConfig config = workspace.config();
        Path root = workspace.root();
        String kafka = app.kafka().bootstrapServers();
        long t0 = System.nanoTime();
        StepOutcome ingested = app.ingest().ingest(new IngestCommand(JobMonitor.none()));
        out.printf("ingested %,d lines: %,d landed rows published in %.1f s%n", ingested.counts().get("read"),
                ingested.counts().get("published"), BenchSupport.seconds(t0));

        SparkStagingSettings spark = PipelineComponent.sparkSettings(config, kafka);
        long t1 = System.nanoTime();
        PlainSparkJob.startSession(spark);
        double startSeconds = BenchSupport.seconds(t1);
        out.printf("Spark session with the Hive metastore started in %.1f s (not part of either job)%n", startSeconds);

        BenchSupport.TimedJob stage = BenchSupport.run(app.jobs(), JobType.STAGE);
        BenchSupport.print(out, stage);
        BenchSupport.TimedJob fixed = BenchSupport.run(app.jobs(), JobType.STAGE);
        BenchSupport.print(out, fixed);
        if (stage.job().state() != JobState.SUCCEEDED || fixed.job().state() == JobState.FAILED) {
            out.println("the stage job failed: no figures");
            out.flush();
            return 1;
        }

        long t2 = System.nanoTime();
        long plainRows = PlainSparkJob.csvToParquet(spark, app.lake().location(LakeLayout.landingClickstream()),
                root.resolve("plain-parquet").toUri());
        double plainSeconds = BenchSupport.seconds(t2);

        long read = stage.count("read");
        double stageRate = read / stage.seconds();
        double plainRate = plainRows / plainSeconds;
        double ratio = stageRate / plainRate;
        out.printf("stage job : read %,d, staged %,d (quarantined %,d, duplicates %,d, bots %,d) in %.1f s = "
                        + "%,.0f rows read/s%n", read, stage.count("staged"), stage.count("quarantined"),
                stage.count("duplicates"), stage.count("bots"), stage.seconds(), stageRate);
        out.printf("plain job : Spark CSV -> Parquet, %,d rows in %.1f s = %,.0f rows/s%n", plainRows, plainSeconds,
                plainRate);
        out.printf("ratio     : %.2f (target >= 0.5); fixed cost of a stage job with nothing new: %.1f s "
                + "(target <= 15)%n", ratio, fixed.seconds());
        out.printf("machine   : %d cores; load average before %s, after %s%n",
                Runtime.getRuntime().availableProcessors(), workspace.loadBefore(), BenchSupport.loadAverage());
        out.printf("summary: ratio=%.3f rows=%d seconds=%.1f fixed.seconds=%.1f start.seconds=%.1f "
                        + "plain.rows.per.second=%.0f stage.rows.per.second=%.0f%n", ratio, read, stage.seconds(),
                fixed.seconds(), startSeconds, plainRate, stageRate);
        out.flush();
        return 0;
    }
}
