package io.clickstream.adapter.http;

import io.clickstream.domain.Job;
import io.clickstream.domain.JobState;
import io.clickstream.domain.JobType;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns finished jobs into counters: jobs by type and end state, their durations, and the volumes they
 * reported (events ingested and staged, training sequences).
 */
final class JobMetrics {
    /** From a quick publish to a long backfill or training run. */
    static final double[] DURATION_BUCKETS = {1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400, 28800};

    static final List<String> INGEST_OUTCOMES = List.of("read", "landed", "rejected", "published");
    static final List<String> STAGE_OUTCOMES = List.of("read", "staged", "quarantined", "duplicates", "bots");
    static final String TRAINING_SEQUENCES = "trainingSequences";

    private static final List<JobState> TERMINAL = List.of(JobState.SUCCEEDED, JobState.FAILED, JobState.SKIPPED);

    private final Counter jobs;
    private final Histogram duration;
    private final Counter ingestEvents;
    private final Counter stageEvents;
    private final Counter trainingSequences;

    JobMetrics(PrometheusRegistry registry) {
        jobs = Counter.builder().name("pipeline_jobs_total")
                .help("Pipeline jobs finished, by type and end state.")
                .labelNames("type", "state").register(registry);
        duration = Histogram.builder().name("pipeline_job_duration_seconds")
                .help("Time from a job's start to its end, by type.")
                .labelNames("type").classicOnly().classicUpperBounds(DURATION_BUCKETS).withoutExemplars()
                .register(registry);
        ingestEvents = Counter.builder().name("pipeline_ingest_events_total")
                .help("Events the ingest jobs read, landed in the raw zone, rejected, and published to the raw topic.")
                .labelNames("outcome").register(registry);
        stageEvents = Counter.builder().name("pipeline_stage_events_total")
                .help("Events the stage jobs read, staged, quarantined, and dropped as duplicates or bot traffic.")
                .labelNames("outcome").register(registry);
        trainingSequences = Counter.builder().name("pipeline_training_sequences_total")
                .help("Training sequences the train jobs prepared.")
                .register(registry);
        // Series exist at zero from the start, so that rate() and alerts see a first job as an increase.
        for (JobType type : JobType.values()) {
            for (JobState state : TERMINAL) {
                jobs.initLabelValues(type.wireName(), label(state));
            }
        }
        INGEST_OUTCOMES.forEach(ingestEvents::initLabelValues);
        STAGE_OUTCOMES.forEach(stageEvents::initLabelValues);
    }

    /**
     * Records a finished job. Volumes are the counts the job reported, whatever its end state: a failed ingest
     * still landed what it landed. A cycle's counts carry their step's prefix ({@code ingest.landed}); a count
     * the job did not report adds nothing.
     *
     * @return what could not be recorded (a negative count, which a counter cannot take), empty if all was
     * @throws IllegalArgumentException if the job has not finished
     */
    List<String> finished(Job job) {
        if (!job.state().isTerminal() || job.finishedAt() == null) {
            throw new IllegalArgumentException("job " + job.jobId() + " has not finished (" + job.state() + ")");
        }
        String type = job.type().wireName();
        jobs.labelValues(type, label(job.state())).inc();
        if (job.startedAt() != null) {
            Duration took = Duration.between(job.startedAt(), job.finishedAt());
            duration.labelValues(type).observe(Math.max(0, took.toNanos()) / 1e9);
        }
        Map<String, Long> counts = job.counts();
        List<String> problems = new ArrayList<>();
        if (job.type() == JobType.INGEST || job.type() == JobType.CYCLE) {
            String prefix = job.type() == JobType.CYCLE ? "ingest." : "";
            INGEST_OUTCOMES.forEach(o -> add(ingestEvents.labelValues(o), counts, prefix + o, problems));
        }
        if (job.type() == JobType.STAGE || job.type() == JobType.CYCLE) {
            String prefix = job.type() == JobType.CYCLE ? "stage." : "";
            STAGE_OUTCOMES.forEach(o -> add(stageEvents.labelValues(o), counts, prefix + o, problems));
        }
        if (job.type() == JobType.TRAIN || job.type() == JobType.CYCLE) {
            add(trainingSequences, counts, (job.type() == JobType.CYCLE ? "train." : "") + TRAINING_SEQUENCES, problems);
        }
        return problems;
    }

    private static void add(CounterDataPoint counter, Map<String, Long> counts, String key, List<String> problems) {
        Long value = counts.get(key);
        if (value == null) {
            return;
        }
        if (value < 0) {
            problems.add("count " + key + " is negative (" + value + ")");
            return;
        }
        counter.inc(value);
    }

    private static String label(JobState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
