package io.clickstream.bench;

import io.clickstream.adapter.kafka.ProducerPerformanceBaseline;
import io.clickstream.application.port.in.IngestClickstreamUseCase.IngestCommand;
import io.clickstream.bootstrap.PipelineComponent;
import io.clickstream.bootstrap.config.ConfigKeys;
import io.clickstream.bootstrap.config.PipelineConfig;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.StepOutcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;

/** Parse-and-land lines/s and publish events/s on generated access logs, beside a plain read of the same files. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Generate N access-log lines, ingest them into a fresh lake under <data.dir>/bench and publish "
                + "them to Kafka; print lines/s and events/s, and a plain line read of the same files as baseline.")
final class BenchIngest extends TrafficBench {
    @Override
    int run(PipelineComponent app, GeneratedTraffic.Workspace workspace, PrintWriter out) throws Exception {
        long t1 = System.nanoTime();
        long baselineLines = readAllLines(workspace.accessLogs());
        double baselineSeconds = BenchSupport.seconds(t1);

        Path root = workspace.root();
        PipelineConfig config = workspace.config();
        app.kafka().bootstrapServers(); // start an embedded broker before timing
        StepOutcome outcome = app.ingest().ingest(new IngestCommand(JobMonitor.none()));
        Map<String, Long> c = outcome.counts();
        double collectSeconds = c.get("collectMillis") / 1000.0;
        double publishSeconds = c.get("publishMillis") / 1000.0;
        double linesPerSecond = c.get("read") / collectSeconds;
        double eventsPerSecond = c.get("published") / publishSeconds;
        double baselinePerSecond = baselineLines / baselineSeconds;
        out.printf("baseline  read+gunzip of the same files: %,12.0f lines/s (%,d lines in %.2f s)%n",
                baselinePerSecond, baselineLines, baselineSeconds);
        out.printf("ingest    parse and land:                %,12.0f lines/s (%,d lines, %,d landed, %,d rejected in %.2f s)  ratio to baseline %.2f%n",
                linesPerSecond, c.get("read"), c.get("landed"), c.get("rejected"), collectSeconds,
                linesPerSecond / baselinePerSecond);
        out.printf("ingest    publish to Kafka:              %,12.0f events/s (%,d events in %.2f s)%n",
                eventsPerSecond, c.get("published"), publishSeconds);
        out.flush();
        List<Path> landed;
        try (Stream<Path> s = Files.walk(root.resolve("lake").resolve("landing").resolve("clickstream"))) {
            landed = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        Path payloads = ProducerPerformanceBaseline.payloadFile(landed, root.resolve("payloads.txt"));
        double kafkaPerSecond = ProducerPerformanceBaseline.recordsPerSecond(app.kafka().bootstrapServers(),
                config.get(ConfigKeys.KAFKA_TOPIC_PARTITIONS), c.get("published"), payloads);
        out.printf("baseline  Kafka ProducerPerformance:     %,12.0f records/s (%,d records of the same payloads, "
                + "acks=all, same broker)%n", kafkaPerSecond, c.get("published"));
        double landRatio = linesPerSecond / baselinePerSecond;
        double publishRatio = eventsPerSecond / kafkaPerSecond;
        out.printf("ratios    land %.2f (target >= 0.3), publish %.2f (target >= 0.5)%n", landRatio, publishRatio);
        out.printf("machine   %d cores; load average %s%n", Runtime.getRuntime().availableProcessors(),
                BenchSupport.loadAverage());
        out.printf("summary: land.ratio=%.3f publish.ratio=%.3f lines=%d seconds=%.1f land.lines.per.second=%.0f "
                        + "publish.events.per.second=%.0f%n", landRatio, publishRatio, c.get("read"),
                collectSeconds + publishSeconds, linesPerSecond, eventsPerSecond);
        return 0;
    }

    private static long readAllLines(Path dir) throws IOException {
        long lines = 0;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        for (Path f : files) {
            try (InputStream raw = Files.newInputStream(f);
                 InputStream in = f.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                 BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
                while (r.readLine() != null) {
                    lines++;
                }
            }
        }
        return lines;
    }
}
