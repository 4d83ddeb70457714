package io.clickstream.bench;

import io.clickstream.generator.ClickstreamGenerator;
import io.clickstream.generator.GeneratorSettings;
import io.clickstream.application.port.in.JobsUseCase.SubmitJobCommand;
import io.clickstream.application.service.JobService;
import io.clickstream.bootstrap.config.PipelineConfig;
import io.clickstream.domain.Job;
import io.clickstream.domain.JobType;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** What the benchmarks of {@code bin/pipeline bench} share: generated traffic, a fresh pipeline, timed jobs. */
final class BenchSupport {
    private BenchSupport() {
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Generates {@code events} access-log lines (and their search events) under {@code dir}; prints the time. */
    static Path generate(Path dir, long events, long seed, PrintWriter out) throws IOException {
        return generate(dir, GeneratorSettings.defaults(events, seed), out);
    }

    /** As {@link #generate(Path, long, long, PrintWriter)}, with the generator's settings given whole. */
    static Path generate(Path dir, GeneratorSettings settings, PrintWriter out) throws IOException {
        long t0 = System.nanoTime();
        new ClickstreamGenerator(settings).generate(dir);
        out.printf("generated %,d lines over %,d items in %.1f s%n", settings.events(), settings.items(), seconds(t0));
        out.flush();
        return dir.resolve(ClickstreamGenerator.ACCESS_DIR);
    }

    /**
     * A pipeline on a fresh data dir under {@code root} (its own lake, metastore and embedded broker unless
     * {@code kafka.bootstrap.servers} is set) that ingests the access logs under {@code accessLogs}.
     */
    static PipelineConfig freshPipeline(PipelineConfig base, Path root, Path accessLogs) {
        return base.with(Map.of("data.dir", root.resolve("data").toString(),
                "lake.uri", root.resolve("lake").toString(),
                "sources.weblog.path", accessLogs.toString(),
                "kafka.topic.raw", "bench.raw." + System.currentTimeMillis()));
    }

    /** Runs one step through the job service, as the HTTP API and {@code bin/pipeline run} do; waits for its end. */
    static TimedJob run(JobService jobs, JobType type) throws InterruptedException {
        long t0 = System.nanoTime();
        Job job = jobs.submit(new SubmitJobCommand(type, null));
        while (!job.state().isTerminal()) {
            Thread.sleep(20);
            job = jobs.find(job.jobId()).orElseThrow();
        }
        return new TimedJob(job, seconds(t0));
    }

    static void print(PrintWriter out, TimedJob step) {
        Job job = step.job();
        out.printf("%-8s %-9s %8.1f s  %s%s%n", job.type().wireName(), job.state(), step.seconds(), job.counts(),
                job.message() == null ? "" : "  (" + job.message() + ")");
        out.flush();
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return one < 0 ? "n/a" : String.format("%.2f (1 min)", one);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A finished job and its wall time from submission to its end. */
    record TimedJob(Job job, double seconds) {
        long count(String key) {
            return job.counts().getOrDefault(key, 0L);
        }
    }
}
