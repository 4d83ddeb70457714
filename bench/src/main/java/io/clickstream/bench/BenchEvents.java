package io.clickstream.bench;

import io.clickstream.bootstrap.PipelineComponent;
import io.clickstream.adapter.http.HttpApiServer;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.bench.WrkRuns.Result;
import io.clickstream.bootstrap.config.PipelineConfig;
import io.clickstream.domain.LakeLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code POST /api/v1/events} measured with {@code wrk} beside {@code GET /health} in the same run and process: every
 * accepted event is fsync'd into the journal before its 202, and landed and published to the (embedded) broker in the
 * background while the load runs. After the load it waits for the landing to catch up and reports how long that took.
 */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Start the HTTP API on a free loopback port with a bench lake and the embedded broker, run wrk "
                + "against GET /health and POST /api/v1/events (batches of view events), wait until every accepted "
                + "event is landed, and end with one summary line. Needs wrk (apt-get install -y wrk).")
final class BenchEvents implements Callable<Integer> {
    @ParentCommand
    BenchCommand bench;

    @Spec
    CommandSpec spec;

    @Option(names = "--batch", defaultValue = "10", description = "Events per request (default ${DEFAULT-VALUE}).")
    int batch;

    @Mixin
    WrkRuns wrkRuns;

    @Option(names = "--keep", description = "Keep the bench lake and journal instead of deleting them.")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Path> wrk = wrkRuns.wrkWith("events", err, "events.lua", "health.lua");
        if (wrk.isEmpty()) {
            return 1;
        }
        Path eventsScript = wrkRuns.scriptDir().resolve("events.lua");
        PipelineConfig base = bench.main.config();
        Path root = base.dataDir().resolve("bench").resolve("events-" + System.currentTimeMillis());
        // No rate limit: one loopback address stands for a whole shop's visitors here.
        PipelineConfig config = base.with(Map.of("lake.uri", root.resolve("lake").toString(), "http.host", "127.0.0.1",
                "http.port", "0", "api.token", "", "events.journal.dir", root.resolve("journal").toString(),
                "events.rate.per.address", "1000000000", "events.rate.burst", "1000000000"));
        String loadBefore = BenchSupport.loadAverage();
        PipelineComponent app = PipelineComponent.create(config);
        HttpApiServer server = app.httpServer();
        AccessLogLevel accessLogLevel = new AccessLogLevel();
        try {
            accessLogLevel.quiet();
            app.kafka().bootstrapServers(); // the embedded broker starts now, not on the first landing inside the run
            app.liveEvents().start();
            String url = "http://127.0.0.1:" + server.start();
            out.printf("serving on %s with the journal at %s; wrk %s: %s; %d events per request%n", url,
                    root.resolve("journal"), wrk.get(), wrkRuns.describe(), batch);
            out.flush();
            Result health = wrkRuns.measureHealth(wrk.get(), url, out);
            List<String> args = List.of("--", String.valueOf(batch), "1");
            wrkRuns.warmUp(wrk.get(), url, eventsScript, args);
            long landedBefore = landedBatches(app.lake());
            Result events = wrkRuns.measure(wrk.get(), url, eventsScript, args, out);
            long drainStart = System.nanoTime();
            boolean drained = awaitJournalEmpty(root.resolve("journal"), Duration.ofSeconds(120));
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            long batches = landedBatches(app.lake()) - landedBefore;
            String loadAfter = BenchSupport.loadAverage();

            out.println();
            out.printf("%-40s %12s %10s %10s %10s %8s %14s%n", "endpoint", "requests/s", "p50 ms", "p99 ms", "max ms",
                    "errors", "server CPU/req");
            WrkRuns.print(out, "GET /health", health, Double.NaN);
            WrkRuns.print(out, "POST /api/v1/events (" + batch + " events)", events, Double.NaN);
            double eventsPerSecond = events.perSecond() * batch;
            double ratio = events.perSecond() / health.perSecond();
            out.printf("accepted %,.0f events/s (%.2fx the requests/s of GET /health), each fsync'd before its 202; "
                    + "%d batches landed and published during and after the run; the landing %s %.1f s after the load%n",
                    eventsPerSecond, ratio, batches, drained ? "caught up" : "had NOT caught up", drainSeconds);
            long errors = health.errors() + events.errors();
            WrkRuns.printMachine(out, loadBefore, loadAfter, errors);
            out.println(String.format(Locale.ROOT, "summary: health.rps=%d events.per.second=%d events.rps=%d ratio=%.2f "
                            + "p50.ms=%.2f p99.ms=%.2f batch=%d landed.batches=%d drain.seconds=%.1f errors=%d",
                    Math.round(health.perSecond()), Math.round(eventsPerSecond), Math.round(events.perSecond()), ratio,
                    events.p50Millis(), events.p99Millis(), batch, batches, drainSeconds, errors + (drained ? 0 : 1)));
            out.flush();
            return errors > 0 || !drained ? 1 : 0;
        } finally {
            server.stop();
            accessLogLevel.restore();
            app.jobs().shutdown(Duration.ofSeconds(5));
            app.lifecycle().close();
            if (!keep) {
                BenchCommand.Ingest.deleteTree(root);
            }
        }
    }

    private static long landedBatches(DataLake lake) {
        return lake.list(LakeLayout.publishedManifests()).size();
    }

    /** Waits until the journal holds no segment: every accepted event landed and published. */
    private static boolean awaitJournalEmpty(Path journal, Duration bound) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            try (var files = Files.list(journal)) {
                if (files.map(p -> p.getFileName().toString()).noneMatch(n -> n.endsWith(".sealed") || n.endsWith(".open"))) {
                    return true;
                }
            }
            Thread.sleep(100);
        }
        return false;
    }
}
