package io.clickstream.adapter.memory;

import io.clickstream.application.port.out.ModelEvaluator;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.ModelMetrics;
import io.clickstream.domain.ModelVersion;
import io.clickstream.domain.NotFoundException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ModelEvaluator} over scores the test sets, with defaults from the registry: a candidate's holdout is its
 * dataset (none: no holdout evaluation), its score there its stored metrics, most-popular's score none unless set,
 * and a published version scores on any holdout what it stored unless a test says otherwise ({@link #scores}).
 * Thread-safe.
 */
public final class InMemoryModelEvaluator implements ModelEvaluator {
    private final InMemoryModelRegistry registry;
    private final Map<String, Holdout> holdoutOf = new HashMap<>();
    private final Map<String, Map<String, ModelMetrics>> scoresOn = new HashMap<>();
    private final List<String> comparisons = new ArrayList<>();
    private ModelMetrics mostPopular = ModelMetrics.none();

    public InMemoryModelEvaluator(InMemoryModelRegistry registry) {
        this.registry = registry;
    }

    /** Most-popular's score on every holdout not set with {@link #evaluatedAt}. */
    public synchronized InMemoryModelEvaluator mostPopularScores(ModelMetrics metrics) {
        this.mostPopular = metrics;
        return this;
    }

    /** {@code candidate} was evaluated on {@code holdout} at training, scoring {@code own}, most-popular {@code popular}. */
    public synchronized InMemoryModelEvaluator evaluatedAt(String candidate, String holdout, ModelMetrics own,
                                                           ModelMetrics popular) {
        holdoutOf.put(candidate, new Holdout(holdout, own, popular));
        return this;
    }

    /** What {@code version} scores, as served, on {@code holdout}. */
    public synchronized InMemoryModelEvaluator scores(String version, String holdout, ModelMetrics metrics) {
        scoresOn.computeIfAbsent(holdout, h -> new HashMap<>()).put(version, metrics);
        return this;
    }

    @Override
    public synchronized Optional<HoldoutComparison> compare(String candidate, Optional<String> published, JobMonitor monitor) {
        monitor.checkNotStopped();
        Holdout h = holdoutOf.get(candidate);
        if (h == null) {
            ModelVersion stored = registry.find(candidate).orElseThrow(() ->
                    new NotFoundException("model version '" + candidate + "' does not exist"));
            if (stored.datasetId() == null) {
                return Optional.empty();
            }
            h = new Holdout(stored.datasetId(), stored.metrics(), mostPopular);
        }
        String holdout = h.name;
        comparisons.add(candidate + " vs " + published.orElse("-") + " on " + holdout);
        Optional<ModelMetrics> publishedScore = published.map(v -> {
            ModelMetrics m = scoresOn.getOrDefault(holdout, Map.of()).get(v);
            return m != null ? m : registry.find(v).map(ModelVersion::metrics).orElseThrow(() ->
                    new NotFoundException("model version '" + v + "' does not exist"));
        });
        return Optional.of(new HoldoutComparison(h.name, h.own, h.popular, publishedScore));
    }

    /** Each comparison made, as "candidate vs published on holdout", in order. */
    public synchronized List<String> comparisons() {
        return List.copyOf(comparisons);
    }

    private record Holdout(String name, ModelMetrics own, ModelMetrics popular) {
    }
}
