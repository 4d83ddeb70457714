package io.clickstream.bench;

import io.clickstream.bootstrap.PipelineComponent;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A {@code bench} subcommand on generated traffic: generates the access logs into a fresh workspace, runs
 * {@link #run} on a pipeline of its own there, then closes the pipeline and deletes the workspace.
 */
abstract class TrafficBench implements Callable<Integer> {
    @ParentCommand
    BenchCommand bench;

    @Spec
    CommandSpec spec;

    @Mixin
    GeneratedTraffic traffic;

    @Override
    public final Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        GeneratedTraffic.Workspace workspace = traffic.workspace(spec.name(), bench.main.config(), out);
        PipelineComponent app = PipelineComponent.create(workspace.config());
        try {
            return run(app, workspace, out);
        } finally {
            out.flush();
            app.jobs().shutdown(Duration.ofSeconds(5));
            app.lifecycle().close();
            traffic.cleanUp(workspace);
        }
    }

    /** The benchmark itself; returns the exit code. */
    abstract int run(PipelineComponent app, GeneratedTraffic.Workspace workspace, PrintWriter out) throws Exception;
}
