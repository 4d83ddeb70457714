package io.clickstream.adapter.memory;

import io.clickstream.application.port.out.ModelTrainer;
import io.clickstream.application.port.out.TrainingDataProvider.TrainingDataset;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.ModelMetrics;
import io.clickstream.domain.ModelVersion;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A {@link ModelTrainer} that "trains" instantly: it stores a version {@code m-0001}, {@code m-0002}, ... in the
 * registry with the metrics the test queued (none queued: empty metrics). Thread-safe.
 */
public final class InMemoryModelTrainer implements ModelTrainer {
    private final InMemoryModelRegistry registry;
    private final Clock clock;
    private final Deque<ModelMetrics> nextMetrics = new ArrayDeque<>();
    private final List<Optional<String>> warmStarts = new ArrayList<>();
    private int trained;

    public InMemoryModelTrainer(InMemoryModelRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** The metrics of the next trained versions, in order. */
    public synchronized InMemoryModelTrainer willScore(ModelMetrics... metrics) {
        nextMetrics.addAll(List.of(metrics));
        return this;
    }

    @Override
    public synchronized ModelVersion train(TrainingDataset data, Optional<String> warmStartFrom, JobMonitor monitor) {
        monitor.checkNotStopped();
        warmStarts.add(warmStartFrom);
        trained++;
        ModelMetrics metrics = nextMetrics.isEmpty() ? ModelMetrics.none() : nextMetrics.poll();
        ModelVersion version = new ModelVersion(String.format("m-%04d", trained), clock.instant(), metrics,
                "in-memory, " + data.trainingSequences() + " sequences", data.location().name());
        registry.add(version);
        monitor.progress(1.0);
        return version;
    }

    /** The warm-start version passed to each train call, in order. */
    public synchronized List<Optional<String>> warmStarts() {
        return List.copyOf(warmStarts);
    }
}
