package io.clickstream.bootstrap;

import io.clickstream.bootstrap.config.ConfigException;
import io.clickstream.bootstrap.config.PipelineConfig;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line of {@code bin/pipeline}. */
@Command(name = "pipeline", mixinStandardHelpOptions = true, version = "clickstream-recommender 0.1.0",
        description = "Clickstream Recommender Pipeline: ingest, stage, train, publish and serve recommendations.",
        subcommands = {ServeCommand.class, DemoCommand.class, RunCommand.class, GenerateCommand.class, ImportCommand.class, EvaluateCommand.class, ConfigCommand.class})
public final class Main implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Optional properties file (overridden by PIPELINE_* environment variables).")
    Path configFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The effective configuration: defaults, then the file, then the environment. */
    public PipelineConfig config() {
        return PipelineConfig.load(Optional.ofNullable(configFile), System.getenv());
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(System.out);
        return 0;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        return commandLine().execute(args);
    }

    /**
     * The command line with its error handling. The benchmarks ({@code bin/pipeline bench}, a module of their own)
     * add their command to it, so they take the same {@code --config} and report errors the same way.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException) {
                commandLine.getErr().println("configuration error: " + e.getMessage());
                return 2;
            }
            commandLine.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        return cli;
    }
}
