package io.clickstream.bench;

import io.clickstream.bootstrap.Main;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pipeline bench}: throughput figures of pipeline steps on generated data, with a baseline from the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure pipeline throughput on generated data.",
        subcommands = {BenchIngest.class, BenchServe.class, BenchEvents.class, BenchStage.class, BenchCycle.class,
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
}
