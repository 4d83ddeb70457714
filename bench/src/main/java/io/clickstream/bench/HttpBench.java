package io.clickstream.bench;

import io.clickstream.bootstrap.PipelineComponent;
import io.clickstream.bootstrap.config.PipelineConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A {@code bench} subcommand against the HTTP API, measured with {@code wrk} beside {@code GET /health} in the same run:
 * checks wrk and the bench's script, builds a pipeline of its own in a fresh workspace with its server on a free
 * loopback port and no token, runs {@link #run} with the access log quiet, then stops and closes everything and
 * deletes the workspace.
 */
abstract class HttpBench implements Callable<Integer> {
    @ParentCommand
    BenchCommand bench;

    @Spec
    CommandSpec spec;

    @Mixin
    WrkRuns wrkRuns;

    @Option(names = "--keep", description = "Keep the bench workspace (lake, journal, item lists) instead of deleting it.")
    boolean keep;

    /** What one run of the bench has to work with. */
    record Served(PipelineComponent app, PipelineConfig config, Path root, Path wrk, Path script, String loadBefore) {
        /** Starts the HTTP API; its base URL. */
        String start() {
            return "http://127.0.0.1:" + app.httpServer().start();
        }
    }

    /** The bench's wrk script, beside health.lua in the scripts folder. */
    abstract String script();

    /** Configuration of this bench beyond the workspace's lake and the loopback server. */
    Map<String, String> settings(Path root) {
        return Map.of();
    }

    /** Whether the per-request access log stays on during the runs (it writes every request to the console). */
    boolean accessLog() {
        return false;
    }

    /** The measured runs and their report, ending with the summary line; the exit code. */
    abstract int run(Served served, PrintWriter out) throws Exception;

    @Override
    public final Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Optional<Path> wrk = wrkRuns.wrkWith(spec.name(), spec.commandLine().getErr(), script(), "health.lua");
        if (wrk.isEmpty()) {
            return 1;
        }
        PipelineConfig base = bench.main.config();
        Path root = base.dataDir().resolve("bench").resolve(spec.name() + "-" + System.currentTimeMillis());
        Map<String, String> settings = new HashMap<>(Map.of("lake.uri", root.resolve("lake").toString(),
                "http.host", "127.0.0.1", "http.port", "0", "api.token", ""));
        settings.putAll(settings(root));
        PipelineConfig config = base.with(settings);
        String loadBefore = BenchSupport.loadAverage();
        PipelineComponent app = PipelineComponent.create(config);
        AccessLogLevel accessLogLevel = new AccessLogLevel();
        try {
            if (!accessLog()) {
                accessLogLevel.quiet();
            }
            return run(new Served(app, config, root, wrk.get(), wrkRuns.scriptDir().resolve(script()), loadBefore), out);
        } finally {
            app.httpServer().stop();
            accessLogLevel.restore();
            app.jobs().shutdown(Duration.ofSeconds(5));
            app.lifecycle().close();
            if (!keep) {
                BenchSupport.deleteTree(root);
            }
        }
    }
}
