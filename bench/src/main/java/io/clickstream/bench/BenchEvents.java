package io.clickstream.bench;

import io.clickstream.bootstrap.PipelineComponent;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.bench.WrkRuns.Result;
import io.clickstream.domain.LakeLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code POST /api/v1/events} measured with {@code wrk} beside {@code GET /health} in the same run and process: every
 * accepted event is fsync'd into the journal before its 202, and landed and published to the (embedded) broker in the
 * background while the load runs. After the load it waits for the landing to catch up and reports how long that took.
 */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Start the HTTP API on a free loopback port with a bench lake and the embedded broker, run wrk "
                + "against GET /health and POST /api/v1/events (batches of view events), wait until every accepted "
                + "event is landed, and end with one summary line. Needs wrk (apt-get install -y wrk).")
final class BenchEvents extends HttpBench {
    @Option(names = "--batch", defaultValue = "10", description = "Events per request (default ${DEFAULT-VALUE}).")
    int batch;

    @Override
    String script() {
        return "events.lua";
    }

    /** The journal in the workspace, and no rate limit: one loopback address stands for a whole shop's visitors here. */
    @Override
    Map<String, String> settings(Path root) {
        return Map.of("events.journal.dir", root.resolve("journal").toString(),
                "events.rate.per.address", "1000000000", "events.rate.burst", "1000000000");
    }

    @Override
    int run(Served served, PrintWriter out) throws Exception {
        PipelineComponent app = served.app();
        app.kafka().bootstrapServers(); // the embedded broker starts now, not on the first landing inside the run
        app.liveEvents().start();
        String url = served.start();
        out.printf("serving on %s with the journal at %s; wrk %s: %s; %d events per request%n", url,
                served.root().resolve("journal"), served.wrk(), wrkRuns.describe(), batch);
        out.flush();
        Result health = wrkRuns.measureHealth(served.wrk(), url, out);
        List<String> args = List.of("--", String.valueOf(batch), "1");
        wrkRuns.warmUp(served.wrk(), url, served.script(), args);
        long landedBefore = landedBatches(app.lake());
        Result events = wrkRuns.measure(served.wrk(), url, served.script(), args, out);
        long drainStart = System.nanoTime();
        boolean drained = awaitJournalEmpty(served.root().resolve("journal"), Duration.ofSeconds(120));
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
        WrkRuns.printMachine(out, served.loadBefore(), loadAfter, errors);
        out.println(String.format(Locale.ROOT, "summary: health.rps=%d events.per.second=%d events.rps=%d ratio=%.2f "
                        + "p50.ms=%.2f p99.ms=%.2f batch=%d landed.batches=%d drain.seconds=%.1f errors=%d",
                Math.round(health.perSecond()), Math.round(eventsPerSecond), Math.round(events.perSecond()), ratio,
                events.p50Millis(), events.p99Millis(), batch, batches, drainSeconds, errors + (drained ? 0 : 1)));
        out.flush();
        return errors > 0 || !drained ? 1 : 0;
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
