package io.clickstream.application.service;

import io.clickstream.application.port.in.JobsUseCase;
import io.clickstream.application.port.out.JobStore;
import io.clickstream.domain.DependencyUnavailableException;
import io.clickstream.domain.Job;
import io.clickstream.domain.JobConflictException;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.JobState;
import io.clickstream.domain.JobStoppedException;
import io.clickstream.domain.JobType;
import io.clickstream.domain.NotConfiguredException;
import io.clickstream.domain.StepOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs pipeline steps as asynchronous jobs: one queued or running job per type (a cycle counts as every step
 * type), the same type and runId name the same job, and every job ends in a terminal state with its counts
 * and, if it failed, a readable error. Thread-safe.
 */
public final class JobService implements JobsUseCase, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobService.class);
    /** The message of a job that was queued or running when its process died. */
    public static final String INTERRUPTED = "interrupted by a restart of the server; submit it again (the same runId may be reused)";
    private static final List<JobType> CYCLE_STEPS = List.of(JobType.INGEST, JobType.STAGE, JobType.TRAIN, JobType.PUBLISH);

    /** One pipeline step as the job service runs it. */
    @FunctionalInterface
    public interface JobStep {
        StepOutcome run(JobMonitor monitor);
    }

    private final Map<JobType, JobStep> steps;
    private final Consumer<Job> onFinished;
    private final JobStore store;
    private final Clock clock;
    private final int retainedJobs;
    private final ExecutorService executor;
    private final Map<String, TrackedJob> jobsById = new LinkedHashMap<>();
    private final Map<String, String> jobIdByTypeAndRun = new HashMap<>();
    private final Map<JobType, TrackedJob> activeByType = new EnumMap<>(JobType.class);
    private boolean shuttingDown;

    /** @param steps the step for each of ingest, stage, train and publish; the cycle runs them in that order */
    public JobService(Map<JobType, JobStep> steps, Clock clock, int retainedJobs) {
        this(steps, clock, retainedJobs, job -> { });
    }

    /** @param onFinished told of every job that reached a terminal state (metrics); must not throw or block */
    public JobService(Map<JobType, JobStep> steps, Clock clock, int retainedJobs, Consumer<Job> onFinished) {
        this(steps, clock, retainedJobs, onFinished, JobStore.NONE);
    }

    /**
     * @param store where jobs are saved at each change of state; the jobs it holds are read back now, and one that
     *              was queued or running when its process died is recorded FAILED with {@link #INTERRUPTED}
     */
    public JobService(Map<JobType, JobStep> steps, Clock clock, int retainedJobs, Consumer<Job> onFinished,
                      JobStore store) {
        this.onFinished = Objects.requireNonNull(onFinished, "onFinished");
        this.store = Objects.requireNonNull(store, "store");
        this.steps = Map.copyOf(steps);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retainedJobs = retainedJobs;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "job-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        recover();
    }

    private synchronized void recover() {
        List<Job> stored = new ArrayList<>(store.loadAll());
        stored.sort(Comparator.comparing(Job::createdAt));
        for (Job record : stored) {
            Job job = record;
            if (!record.state().isTerminal()) {
                job = record.finished(JobState.FAILED, clock.instant(), record.counts(), INTERRUPTED);
                LOG.warn("job {} ({}, runId {}) was {} when the server stopped; recorded FAILED", job.jobId(),
                        job.type().wireName(), job.runId(), record.state());
                save(job);
            }
            jobsById.put(job.jobId(), new TrackedJob(job));
            jobIdByTypeAndRun.put(key(job.type(), job.runId()), job.jobId());
        }
        evictOldFinishedJobs();
        if (!stored.isEmpty()) {
            LOG.info("{} job records read back from {}", jobsById.size(), store);
        }
    }

    @Override
    public synchronized Job submit(SubmitJobCommand command) {
        JobType type = command.type();
        if (command.runId() != null) {
            String existing = jobIdByTypeAndRun.get(key(type, command.runId()));
            if (existing != null && jobsById.containsKey(existing)) {
                Job known = jobsById.get(existing).snapshot();
                if (!INTERRUPTED.equals(known.message())) {
                    return known;
                }
                // An interrupted run may be submitted again; the new job takes over its runId.
            }
        }
        if (shuttingDown) {
            throw new DependencyUnavailableException("job service", "the server is shutting down; submit again once it is back", null);
        }
        TrackedJob blocking = blockingJob(type);
        if (blocking != null) {
            throw new JobConflictException(blocking.snapshot());
        }
        String jobId = UUID.randomUUID().toString();
        String runId = command.runId() != null ? command.runId() : "manual-" + jobId;
        TrackedJob tracked = new TrackedJob(Job.queued(jobId, type, runId, clock.instant()));
        jobsById.put(jobId, tracked);
        jobIdByTypeAndRun.put(key(type, runId), jobId);
        activeByType.put(type, tracked);
        evictOldFinishedJobs();
        save(tracked.snapshot());
        executor.execute(() -> run(tracked));
        return tracked.snapshot();
    }

    @Override
    public synchronized Optional<Job> find(String jobId) {
        return Optional.ofNullable(jobsById.get(jobId)).map(TrackedJob::snapshot);
    }

    @Override
    public synchronized List<Job> list(ListJobsQuery query) {
        List<Job> all = new ArrayList<>();
        for (TrackedJob t : jobsById.values()) {
            Job j = t.snapshot();
            if (query.type() == null || j.type() == query.type()) {
                all.add(j);
            }
        }
        all.sort(Comparator.comparing(Job::createdAt).reversed());
        return all.subList(0, Math.min(query.limit(), all.size()));
    }

    /**
     * Asks running jobs to stop at their next safe point and waits up to {@code grace} for them; a job that
     * stops ends FAILED with a message saying a re-run will finish it.
     */
    public void shutdown(Duration grace) {
        synchronized (this) {
            shuttingDown = true;
            activeByType.values().forEach(TrackedJob::requestStop);
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("jobs still running after {}; interrupting them", grace);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(30));
    }

    private TrackedJob blockingJob(JobType type) {
        TrackedJob same = activeByType.get(type);
        if (same != null) {
            return same;
        }
        if (type == JobType.CYCLE) {
            return CYCLE_STEPS.stream().map(activeByType::get).filter(Objects::nonNull).findFirst().orElse(null);
        }
        return activeByType.get(JobType.CYCLE);
    }

    private void run(TrackedJob tracked) {
        Job job = tracked.snapshot();
        tracked.start(clock);
        save(tracked.snapshot());
        LOG.info("job {} ({}, runId {}) started", job.jobId(), job.type().wireName(), job.runId());
        try {
            StepOutcome outcome = job.type() == JobType.CYCLE ? runCycle(tracked) : step(job.type()).run(tracked);
            outcome.measures().forEach(tracked::measure);
            end(tracked, outcome.state(), outcome.message(), outcome.counts());
        } catch (JobStoppedException e) {
            end(tracked, JobState.FAILED, e.getMessage(), Map.of());
        } catch (NotConfiguredException e) {
            end(tracked, JobState.FAILED, "not configured: " + e.getMessage(), Map.of());
        } catch (RuntimeException | Error e) {
            LOG.error("job {} ({}) failed", job.jobId(), job.type().wireName(), e);
            end(tracked, JobState.FAILED, describe(e), Map.of());
        } finally {
            synchronized (this) {
                activeByType.remove(job.type(), tracked);
            }
        }
        Job done = tracked.snapshot();
        LOG.info("job {} ({}) ended {}{}", done.jobId(), done.type().wireName(), done.state(),
                done.message() == null ? "" : ": " + done.message());
        try {
            onFinished.accept(done);
        } catch (RuntimeException e) {
            LOG.warn("job listener failed for job {}: {}", done.jobId(), e.getMessage());
        }
    }

    /**
     * Publishes the terminal state and frees the job's type in one critical section, so a client that sees the
     * job finished can submit the next one at once without a spurious conflict.
     */
    private synchronized void end(TrackedJob tracked, JobState state, String message, Map<String, Long> counts) {
        tracked.finish(state, message, counts, clock);
        save(tracked.snapshot());
        activeByType.remove(tracked.snapshot().type(), tracked);
    }

    /** A job record that cannot be saved costs its survival of a restart, never the job itself. */
    private void save(Job job) {
        try {
            store.save(job);
        } catch (RuntimeException e) {
            LOG.warn("could not save the record of job {} ({}): {}", job.jobId(), job.state(), describe(e));
        }
    }

    private StepOutcome runCycle(TrackedJob tracked) {
        StringBuilder summary = new StringBuilder();
        for (int i = 0; i < CYCLE_STEPS.size(); i++) {
            JobType stepType = CYCLE_STEPS.get(i);
            tracked.checkNotStopped();
            StepOutcome outcome = step(stepType).run(new CycleStepMonitor(tracked, stepType.wireName() + ".", i, CYCLE_STEPS.size()));
            outcome.counts().forEach((k, v) -> tracked.set(stepType.wireName() + "." + k, v));
            outcome.measures().forEach((k, v) -> tracked.measure(stepType.wireName() + "." + k, v));
            summary.append(summary.length() == 0 ? "" : "; ").append(stepType.wireName()).append(' ')
                    .append(outcome.state().name().toLowerCase(java.util.Locale.ROOT))
                    .append(outcome.message() == null ? "" : ": " + outcome.message());
        }
        return StepOutcome.succeeded(summary.toString(), Map.of());
    }

    private JobStep step(JobType type) {
        JobStep step = steps.get(type);
        if (step == null) {
            throw new NotConfiguredException("no " + type.wireName() + " step is wired into this server");
        }
        return step;
    }

    private void evictOldFinishedJobs() {
        int excess = jobsById.size() - retainedJobs;
        Iterator<TrackedJob> it = jobsById.values().iterator();
        while (excess > 0 && it.hasNext()) {
            Job j = it.next().snapshot();
            if (j.state().isTerminal()) {
                it.remove();
                jobIdByTypeAndRun.remove(key(j.type(), j.runId()), j.jobId());
                try {
                    store.delete(j.jobId());
                } catch (RuntimeException e) {
                    LOG.warn("could not delete the record of job {}: {}", j.jobId(), describe(e));
                }
                excess--;
            }
        }
    }

    private static String key(JobType type, String runId) {
        return type.wireName() + '\u0000' + runId;
    }

    /** The message of an unexpected failure: the exception's own words and its causes', never just a class name. */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        Throwable cur = e;
        int depth = 0;
        while (cur != null && depth < 4) {
            String msg = cur.getMessage() == null ? cur.getClass().getSimpleName() : cur.getMessage();
            if (sb.indexOf(msg) < 0) {
                sb.append(sb.length() == 0 ? "" : " (caused by: ").append(msg);
                if (depth > 0) {
                    sb.append(')');
                }
            }
            cur = cur.getCause();
            depth++;
        }
        return sb.toString();
    }

    /** Reports a cycle's sub-step into the cycle's job, scaling its progress into the sub-step's slice. */
    private static final class CycleStepMonitor implements JobMonitor {
        private final TrackedJob cycle;
        private final String prefix;
        private final int index;
        private final int total;

        CycleStepMonitor(TrackedJob cycle, String prefix, int index, int total) {
            this.cycle = cycle;
            this.prefix = prefix;
            this.index = index;
            this.total = total;
        }

        @Override
        public void progress(double fraction) {
            cycle.progress((index + Math.max(0, Math.min(1, fraction))) / total);
        }

        @Override
        public void count(String counter, long delta) {
            cycle.count(prefix + counter, delta);
        }

        @Override
        public void set(String counter, long value) {
            cycle.set(prefix + counter, value);
        }

        @Override
        public void measure(String name, double value) {
            cycle.measure(prefix + name, value);
        }

        @Override
        public boolean stopRequested() {
            return cycle.stopRequested();
        }
    }

    /** A job's mutable state behind its immutable snapshots; also the monitor its step reports to. */
    private static final class TrackedJob implements JobMonitor {
        private final Map<String, Long> counts = new LinkedHashMap<>();
        private final Map<String, Double> measures = new LinkedHashMap<>();
        private volatile Job snapshot;
        private volatile boolean stop;

        TrackedJob(Job initial) {
            this.snapshot = initial;
        }

        Job snapshot() {
            return snapshot;
        }

        synchronized void start(Clock clock) {
            snapshot = snapshot.started(clock.instant());
        }

        synchronized void finish(JobState state, String message, Map<String, Long> finalCounts, Clock clock) {
            counts.putAll(finalCounts);
            snapshot = snapshot.finished(state, clock.instant(), counts, message);
        }

        void requestStop() {
            stop = true;
        }

        @Override
        public synchronized void progress(double fraction) {
            snapshot = snapshot.withProgress(Math.max(snapshot.progress(), Math.min(1, Math.max(0, fraction))), counts);
        }

        @Override
        public synchronized void count(String counter, long delta) {
            counts.merge(counter, delta, Long::sum);
            snapshot = snapshot.withProgress(snapshot.progress(), counts);
        }

        @Override
        public synchronized void set(String counter, long value) {
            counts.put(counter, value);
            snapshot = snapshot.withProgress(snapshot.progress(), counts);
        }

        @Override
        public synchronized void measure(String name, double value) {
            // A diverged loss is not a number: the job reports none rather than fail over its report.
            if (Double.isFinite(value)) {
                measures.put(name, value);
            } else {
                measures.remove(name);
            }
            snapshot = snapshot.withMeasures(measures);
        }

        @Override
        public boolean stopRequested() {
            return stop;
        }
    }
}
