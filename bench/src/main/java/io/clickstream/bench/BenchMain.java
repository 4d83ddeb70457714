package io.clickstream.bench;

import io.clickstream.bootstrap.Main;

/** {@code bin/pipeline bench ...}: the application's command line with the benchmark command added. */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(Main.commandLine().addSubcommand(new BenchCommand()).execute(args));
    }
}
