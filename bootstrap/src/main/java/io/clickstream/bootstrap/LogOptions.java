package io.clickstream.bootstrap;

import io.clickstream.bootstrap.config.PipelineConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --verbose} of the commands that keep the terminal for progress ({@code demo}, {@code run}). */
final class LogOptions {
    @Option(names = "--verbose", description = "Show the engines' logs (Spark, Hive, Kafka, DL4J) on the terminal too; "
            + "without it they go only to <data.dir>/logs/pipeline.log.")
    boolean verbose;

    /** Sends the logs to the data dir's log file (and keeps them off the console unless verbose); says where. */
    void apply(PipelineConfig config, PrintWriter out) {
        Path file = QuietConsole.logTo(config.dataDir(), verbose);
        out.println("logs: " + file + (verbose ? "" : " (--verbose shows them here)"));
        out.flush();
    }
}
