package io.clickstream.bootstrap;

import io.clickstream.application.service.JobService;
import io.clickstream.domain.Job;
import io.clickstream.domain.JobState;
import io.clickstream.domain.JobType;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import io.clickstream.bootstrap.config.PipelineConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pipeline run <step>}: one pipeline step in this process, with progress on the terminal. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run one step (ingest, stage, train, publish) or the whole cycle once, in this process. "
                + "Exit code 0 when it succeeded or was skipped, 1 when it failed.")
final class RunCommand implements java.util.concurrent.Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STEP", description = "ingest, stage, train, publish or cycle")
    String step;

    @Option(names = "--run-id", description = "Idempotency key, as the HTTP API's runId.")
    String runId;

    @Mixin
    LogOptions logs;

    @Override
    public Integer call() throws InterruptedException {
        JobType type = JobType.parse(step).orElseThrow(() -> new picocli.CommandLine.ParameterException(spec.commandLine(),
                "unknown step '" + step + "'; valid steps are " + Arrays.stream(JobType.values())
                        .map(JobType::wireName).collect(Collectors.joining(", "))));
        PrintWriter out = spec.commandLine().getOut();
        PipelineConfig config = main.config();
        logs.apply(config, out);
        PipelineComponent app = PipelineComponent.create(config);
        JobService jobs = app.jobs();
        Job job = JobRunner.runToEnd(jobs, type, runId, out);
        out.println("counts: " + job.counts());
        out.flush();
        jobs.shutdown(Duration.ofSeconds(5));
        app.lifecycle().close();
        return job.state() == JobState.FAILED ? 1 : 0;
    }
}
