package io.clickstream.bench;

import io.clickstream.bootstrap.Main;
import io.clickstream.bootstrap.PipelineComponent;
import io.clickstream.adapter.dl4j.RetrievalCheck;
import io.clickstream.adapter.dl4j.RetrievalSettings;
import io.clickstream.adapter.dl4j.SyntheticModelWriter;
import io.clickstream.adapter.kafka.ProducerPerformanceBaseline;
import io.clickstream.adapter.http.HttpApiServer;
import io.clickstream.application.port.in.IngestClickstreamUseCase.IngestCommand;
import io.clickstream.application.port.in.PublishModelUseCase;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import io.clickstream.adapter.csv.CommonsCsvCatalogueFormat;
import io.clickstream.domain.CatalogueItem;
import io.clickstream.domain.LakeLayout;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pipeline bench}: throughput figures of pipeline steps on generated data, with a baseline from the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure pipeline throughput on generated data.",
        subcommands = {BenchCommand.Ingest.class, BenchCommand.Serve.class, BenchEvents.class, BenchStage.class, BenchCycle.class,
                BenchTrainCommand.class})
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

        @picocli.CommandLine.Mixin
        GeneratedTraffic traffic;

        @Override
        public Integer call() throws IOException, InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            PipelineConfig base = bench.main.config();
            Path root = base.dataDir().resolve("bench").resolve("ingest-" + System.currentTimeMillis());
            Path logs = root.resolve("logs");
            BenchSupport.generate(logs, traffic.events, traffic.seed, out);

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
            } finally {
                app.jobs().shutdown(java.time.Duration.ofSeconds(5));
                app.lifecycle().close();
                if (!traffic.keep) {
                    deleteTree(root);
                }
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
            return BenchSupport.seconds(startNanos);
        }

        static void deleteTree(Path root) throws IOException {
            BenchSupport.deleteTree(root);
        }
    }

    /**
     * Session recommendations from a synthetic model served over HTTP, measured with {@code wrk} beside {@code GET /health}
     * on the same server in the same run.
     */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Write a synthetic model with planted structure (items in categories, a planted next item, as a "
                    + "trained model behaves) at two catalogue sizes into a fresh lake under <data.dir>/bench, serve each on "
                    + "a free loopback port and run wrk against GET /health and POST /api/v1/recommendations "
                    + "(bench/wrk/recommend.lua); print requests/s, p50 and p99, the recall@20 of the served retrieval against "
                    + "exact scoring, and whether the target (p99 <= 10 ms, at least half the /health throughput, recall "
                    + ">= 0.98) is met; then the same requests with filters on (excludeSeen and two of four catalogue "
                    + "categories, half the items) beside them; end with one summary line. Needs wrk (apt-get install -y wrk).")
    static final class Serve implements Callable<Integer> {
        private static final double TARGET_P99_MS = 10.0;
        private static final double TARGET_RATIO = 0.5;
        private static final double TARGET_RECALL = 0.98;
        private static final int RECALL_SESSIONS = 2_000;
        /** Item n of the bench catalogue is in category q(n % 4); the filtered variant asks for two of them. */
        private static final int BENCH_CATEGORIES = 4;
        private static final String FILTERS = "\"excludeSeen\":true,\"categories\":[\"q0\",\"q1\"]";

        @ParentCommand
        BenchCommand bench;

        @Spec
        CommandSpec spec;

        @Option(names = "--items", defaultValue = "20000", description = "Items of the first synthetic model (default ${DEFAULT-VALUE}).")
        int items;

        @Option(names = "--large-items", defaultValue = "100000",
                description = "Items of the second synthetic model, measured after the first; 0 skips it (default ${DEFAULT-VALUE}).")
        int largeItems;

        @Option(names = "--category", defaultValue = "100",
                description = "Items per category of the planted model (default ${DEFAULT-VALUE}).")
        int category;

        @Option(names = "--quality", defaultValue = "0.7",
                description = "How strongly the planted network predicts the next item, 0..1 (default ${DEFAULT-VALUE}).")
        double quality;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of the weights and of the sessions asked (default ${DEFAULT-VALUE}).")
        long seed;

        @Mixin
        WrkRuns wrkRuns;

        @Option(names = "--k", defaultValue = "20", description = "Recommendations asked per request (default ${DEFAULT-VALUE}).")
        int k;

        @Option(names = "--access-log", description = "Keep the per-request access log on (INFO to stderr) during the runs.")
        boolean accessLog;

        @Option(names = "--keep", description = "Keep the bench lake instead of deleting it.")
        boolean keep;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Optional<Path> wrk = wrkRuns.wrkWith("serve", err, "recommend.lua", "health.lua");
            if (wrk.isEmpty()) {
                return 1;
            }
            Path recommendScript = wrkRuns.scriptDir().resolve("recommend.lua");
            PipelineConfig base = bench.main.config();
            Path root = base.dataDir().resolve("bench").resolve("serve-" + System.currentTimeMillis());
            PipelineConfig config = base.with(Map.of("lake.uri", root.resolve("lake").toString(), "http.host", "127.0.0.1",
                    "http.port", "0", "api.token", ""));
            RetrievalSettings retrieval = PipelineComponent.retrievalSettings(config);
            String loadBefore = BenchSupport.loadAverage();
            PipelineComponent app = PipelineComponent.create(config);
            HttpApiServer server = app.httpServer();
            AccessLogLevel accessLogLevel = new AccessLogLevel();
            try {
                List<Integer> sizes = largeItems > 0 ? List.of(items, largeItems) : List.of(items);
                List<Catalogue> catalogues = new ArrayList<>();
                for (int size : sizes) {
                    catalogues.add(writeModel(app, root, size, retrieval, out));
                }
                writeCatalogue(app, Collections.max(sizes), out);
                if (!accessLog) {
                    accessLogLevel.quiet();
                }
                int port = server.start();
                String url = "http://127.0.0.1:" + port;
                out.printf("serving on %s (access log %s); wrk %s: %s%n", url, accessLog ? "on" : "off", wrk.get(),
                        wrkRuns.describe());
                out.flush();

                WrkRuns.Result health = wrkRuns.measureHealth(wrk.get(), url, out);
                List<WrkRuns.Result> served = new ArrayList<>();
                List<WrkRuns.Result> filtered = new ArrayList<>();
                for (Catalogue c : catalogues) {
                    app.publish().promote(new PublishModelUseCase.PromoteModelCommand(c.version(), "bench serve: synthetic model"));
                    app.servingModel().refresh();
                    if (!app.servingModel().servedVersion().orElse("").equals(c.version())) {
                        throw new IllegalStateException("the server did not swap to " + c.version());
                    }
                    out.printf("%nserving %s (%,d items, retrieval %s)%n", c.version(), c.items(), retrieval.describe(c.items()));
                    List<String> recommendArgs = List.of("--", c.itemList().toString(), String.valueOf(k), String.valueOf(seed));
                    wrkRuns.warmUp(wrk.get(), url, recommendScript, recommendArgs);
                    served.add(wrkRuns.measure(wrk.get(), url, recommendScript, recommendArgs, out));
                    List<String> filteredArgs = new ArrayList<>(recommendArgs);
                    filteredArgs.add(FILTERS);
                    out.printf("the same with filters: %s%n", FILTERS);
                    wrkRuns.warmUp(wrk.get(), url, recommendScript, filteredArgs);
                    filtered.add(wrkRuns.measure(wrk.get(), url, recommendScript, filteredArgs, out));
                }
                String loadAfter = BenchSupport.loadAverage();

                out.println();
                out.printf("%-40s %12s %10s %10s %10s %8s %14s %10s%n", "endpoint", "requests/s", "p50 ms", "p99 ms", "max ms",
                        "errors", "server CPU/req", "recall@20");
                WrkRuns.print(out, "GET /health", health, Double.NaN);
                boolean met = true;
                long errors = health.errors();
                StringBuilder summary = new StringBuilder("summary: health.rps=").append(Math.round(health.perSecond()));
                for (int i = 0; i < catalogues.size(); i++) {
                    Catalogue c = catalogues.get(i);
                    WrkRuns.Result r = served.get(i);
                    WrkRuns.print(out, String.format("POST recommendations %,d items k=%d", c.items(), k), r, c.recall().recallAt20());
                    double ratio = r.perSecond() / health.perSecond();
                    boolean ok = r.p99Millis() <= TARGET_P99_MS && ratio >= TARGET_RATIO
                            && c.recall().recallAt20() >= TARGET_RECALL && r.errors() == 0;
                    met &= ok;
                    errors += r.errors();
                    WrkRuns.Result f = filtered.get(i);
                    WrkRuns.print(out, "  the same, filtered", f, Double.NaN);
                    errors += f.errors();
                    out.printf("  %,d items: ratio %.2f, p99 %.2f ms, recall@20 %.4f, index built in %.1f s -> %s%n", c.items(),
                            ratio, r.p99Millis(), c.recall().recallAt20(), c.recall().buildSeconds(), ok ? "met" : "MISSED");
                    String prefix = i == 0 ? "" : "large.";
                    summary.append(String.format(java.util.Locale.ROOT, " %sitems=%d %sratio=%.2f %sp99.ms=%.2f %srecall=%.4f "
                                    + "%srps=%d %sbuild.seconds=%.1f", prefix, c.items(), prefix, ratio, prefix, r.p99Millis(),
                            prefix, c.recall().recallAt20(), prefix, Math.round(r.perSecond()), prefix, c.recall().buildSeconds()));
                    summary.append(String.format(java.util.Locale.ROOT, " %sfiltered.rps=%d %sfiltered.p99.ms=%.2f", prefix,
                            Math.round(f.perSecond()), prefix, f.p99Millis()));
                }
                out.printf("target p99 <= %.0f ms, >= %.1fx health, recall@20 >= %.2f at every size: %s%n", TARGET_P99_MS,
                        TARGET_RATIO, TARGET_RECALL, met ? "MET" : "MISSED");
                WrkRuns.printMachine(out, loadBefore, loadAfter, errors);
                summary.append(" errors=").append(errors);
                out.println(summary);
                out.flush();
                return errors > 0 ? 1 : 0;
            } finally {
                server.stop();
                accessLogLevel.restore();
                app.jobs().shutdown(Duration.ofSeconds(5));
                app.lifecycle().close();
                if (!keep) {
                    Ingest.deleteTree(root);
                }
            }
        }

        /** A planted model of {@code size} items in the bench lake, its item list for wrk, and its retrieval's recall. */
        private Catalogue writeModel(PipelineComponent app, Path root, int size, RetrievalSettings retrieval, PrintWriter out)
                throws IOException {
            long t0 = System.nanoTime();
            String version = "bench-" + size + "-" + System.currentTimeMillis();
            new SyntheticModelWriter(app.lake()).write(SyntheticModelWriter.Spec.planted(version, Instant.now(), size, seed,
                    quality, "bench-holdout-" + size).withCategories(category));
            Path itemList = root.resolve("items-" + size + ".tsv");
            writeItemList(itemList, size);
            out.printf("wrote synthetic model %s (%,d items in categories of %d, planted next item at strength %.2f) in %.1f s%n",
                    version, size, category, quality, Ingest.seconds(t0));
            RetrievalCheck.Result recall = retrieval.approximate(size)
                    ? RetrievalCheck.measure(app.lake(), version, retrieval, RECALL_SESSIONS, seed)
                    : new RetrievalCheck.Result(size, 1.0, 0, 0, "exact", Double.NaN, Double.NaN);
            out.printf("  retrieval %s: recall@20 against exact %.4f over %,d sessions; index built in %.1f s; one request "
                            + "on one thread: %.0f us exact, %.0f us as served%n", retrieval.describe(size), recall.recallAt20(),
                    recall.sessions(), recall.buildSeconds(), recall.exactMicros(), recall.approximateMicros());
            out.flush();
            return new Catalogue(version, size, itemList, recall);
        }

        private record Catalogue(String version, int items, Path itemList, RetrievalCheck.Result recall) {
        }

        /**
         * A catalogue of every bench item, all available, item n in category q(n % 4), landed as collection would and
         * applied: the unfiltered runs take their usual path (nothing to leave out), the filtered ones keep half.
         */
        private static void writeCatalogue(PipelineComponent app, int items, PrintWriter out) {
            Instant now = Instant.now();
            List<CatalogueItem> rows = new ArrayList<>(items);
            for (int i = 0; i < items; i++) {
                rows.add(new CatalogueItem(SyntheticModelWriter.itemId(i), Set.of("q" + i % BENCH_CATEGORIES), true, false, now));
            }
            app.lake().write(LakeLayout.landingCatalogueBatch("bench", "bench-catalogue"),
                    o -> new CommonsCsvCatalogueFormat().write(rows, o));
            out.printf("catalogue: %,d items in %d categories, applied %,d rows%n", items, BENCH_CATEGORIES,
                    app.catalogue().refresh());
        }

        private static void writeItemList(Path file, int items) throws IOException {
            Files.createDirectories(file.getParent());
            StringBuilder sb = new StringBuilder(items * 12);
            for (int i = 0; i < items; i++) {
                sb.append(SyntheticModelWriter.itemId(i)).append('\t').append(items - i).append('\n');
            }
            Files.writeString(file, sb);
        }

    }
}
