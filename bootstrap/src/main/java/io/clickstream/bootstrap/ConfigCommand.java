package io.clickstream.bootstrap;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code pipeline config}: the effective configuration and where each value came from. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print the effective configuration and where each value came from (token masked).")
final class ConfigCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        main.config().describe().forEach((k, v) -> System.out.println(k + " = " + v));
        return 0;
    }
}
