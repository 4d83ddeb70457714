package io.clickstream.bench;

import io.clickstream.bootstrap.config.PipelineConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of the benchmarks that run on generated traffic (a picocli mixin). */
final class GeneratedTraffic {
    @Option(names = "--events", defaultValue = "1000000", description = "Access-log lines (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--seed", defaultValue = "1", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--keep", description = "Keep the bench folder (lake, metastore, logs) instead of deleting it.")
    boolean keep;

    /**
     * A fresh folder {@code <data.dir>/bench/<name>-<millis>} with the generated access logs, and the configuration
     * of a pipeline of its own there (see {@link BenchSupport#freshPipeline}).
     */
    Workspace workspace(String name, PipelineConfig base, PrintWriter out) throws IOException {
        Path root = base.dataDir().resolve("bench").resolve(name + "-" + System.currentTimeMillis()).toAbsolutePath();
        String loadBefore = BenchSupport.loadAverage();
        Path logs = BenchSupport.generate(root.resolve("logs"), events, seed, out);
        return new Workspace(root, logs, BenchSupport.freshPipeline(base, root, logs), loadBefore);
    }

    /** Deletes the workspace unless {@code --keep} was given. */
    void cleanUp(Workspace workspace) throws IOException {
        if (!keep) {
            BenchSupport.deleteTree(workspace.root());
        }
    }

    /** Where a benchmark runs, its generated access logs, its pipeline's configuration, and the load average before it started. */
    record Workspace(Path root, Path accessLogs, PipelineConfig config, String loadBefore) {
    }
}
