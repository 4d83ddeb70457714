package io.clickstream.bootstrap;

import io.clickstream.adapter.generator.ClickstreamGenerator;
import io.clickstream.adapter.generator.GeneratorSettings;
import io.clickstream.application.port.in.IngestClickstreamUseCase.IngestCommand;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pipeline bench}: throughput figures of pipeline steps on generated data, with a baseline from the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure pipeline throughput on generated data.",
        subcommands = {BenchCommand.Ingest.class})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Parse-and-land lines/s and publish events/s on generated access logs, beside a plain read of the same files. */
    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Generate N access-log lines, ingest them into a fresh lake under <data.dir>/bench and publish "
                    + "them to Kafka; print lines/s and events/s, and a plain line read of the same files as baseline.")
    static final class Ingest implements Callable<Integer> {
        @ParentCommand
        BenchCommand bench;

        @Spec
        CommandSpec spec;

        @Option(names = "--events", defaultValue = "1000000", description = "Access-log lines (default ${DEFAULT-VALUE}).")
        long events;

        @Option(names = "--seed", defaultValue = "1", description = "Generator seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PipelineConfig base = bench.main.config();
            Path root = base.dataDir().resolve("bench").resolve("ingest-" + System.currentTimeMillis());
            Path logs = root.resolve("logs");
            long t0 = System.nanoTime();
            new ClickstreamGenerator(GeneratorSettings.defaults(events, seed)).generate(logs);
            out.printf("generated %,d lines in %.1f s%n", events, seconds(t0));

            long t1 = System.nanoTime();
            long baselineLines = readAllLines(logs.resolve("access"));
            double baselineSeconds = seconds(t1);

            PipelineConfig config = base.with(Map.of("lake.uri", root.resolve("lake").toString(),
                    "sources.weblog.path", logs.resolve("access").toString(),
                    "kafka.topic.raw", "bench.raw." + System.currentTimeMillis()));
            PipelineComponent app = PipelineComponent.create(config);
            try {
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
            } finally {
                app.jobs().shutdown(java.time.Duration.ofSeconds(5));
                app.lifecycle().close();
                deleteTree(root);
            }
            out.flush();
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

        private static double seconds(long startNanos) {
            return (System.nanoTime() - startNanos) / 1e9;
        }

        private static void deleteTree(Path root) throws IOException {
            if (!Files.exists(root)) {
                return;
            }
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
