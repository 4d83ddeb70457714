package io.clickstream.bench;

import io.clickstream.bootstrap.PipelineComponent;
import io.clickstream.domain.JobState;
import io.clickstream.domain.JobType;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * How fresh a served model can be: generate N lines, then ingest, stage, train and publish them on a fresh embedded
 * pipeline, each step through the job service as the scheduler runs it, with each step's wall time.
 */
@Command(name = "cycle", mixinStandardHelpOptions = true,
        description = "Generate N access-log lines, then run ingest, stage, train and publish on a fresh pipeline under "
                + "<data.dir>/bench (train.* settings from the configuration); print each step's seconds.")
final class BenchCycle extends TrafficBench {
    private static final List<JobType> STEPS = List.of(JobType.INGEST, JobType.STAGE, JobType.TRAIN, JobType.PUBLISH);

    @Override
    int run(PipelineComponent app, GeneratedTraffic.Workspace workspace, PrintWriter out) throws Exception {
        long t0 = System.nanoTime();
        app.kafka().bootstrapServers();
        out.printf("embedded broker ready in %.1f s (not counted)%n", BenchSupport.seconds(t0));
        Map<JobType, Double> seconds = new LinkedHashMap<>();
        boolean failed = false;
        for (JobType step : STEPS) {
            BenchSupport.TimedJob job = BenchSupport.run(app.jobs(), step);
            BenchSupport.print(out, job);
            seconds.put(step, job.seconds());
            if (job.job().state() == JobState.FAILED) {
                failed = true;
                break;
            }
        }
        double total = seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        out.printf("cycle     : %,d lines from access log to a publish decision in %.1f s (goal: 600 s for "
                + "1,000,000)%n", traffic.events, total);
        out.printf("machine   : %d cores; load average before %s, after %s%n",
                Runtime.getRuntime().availableProcessors(), workspace.loadBefore(), BenchSupport.loadAverage());
        StringBuilder summary = new StringBuilder(String.format("summary: total.seconds=%.1f", total));
        for (JobType step : STEPS) {
            summary.append(String.format(" %s.seconds=%s", step.wireName(),
                    seconds.containsKey(step) ? String.format("%.1f", seconds.get(step)) : "NA"));
        }
        out.println(summary.append(" events=").append(traffic.events));
        out.flush();
        return failed ? 1 : 0;
    }
}
