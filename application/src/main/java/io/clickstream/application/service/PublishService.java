package io.clickstream.application.service;

import io.clickstream.application.port.in.PublishModelUseCase;
import io.clickstream.application.port.out.ModelEvaluator;
import io.clickstream.application.port.out.ModelEvaluator.HoldoutComparison;
import io.clickstream.application.port.out.ModelRegistry;
import io.clickstream.domain.ModelMetrics;
import io.clickstream.domain.ModelVersion;
import io.clickstream.domain.NotFoundException;
import io.clickstream.domain.StepOutcome;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publishes the newest candidate when, on the newest holdout, it is at least as good as the published model on the
 * main metric (within the tolerance) and better than most-popular; promotes any stored version on request
 * (rollback). The serving model follows the registry.
 */
public final class PublishService implements PublishModelUseCase {
    private final ModelRegistry registry;
    private final ModelEvaluator evaluator;
    private final ServingModel serving;
    private final PublishSettings settings;
    private final Clock clock;

    public PublishService(ModelRegistry registry, ModelEvaluator evaluator, ServingModel serving, PublishSettings settings,
                          Clock clock) {
        this.registry = registry;
        this.evaluator = evaluator;
        this.serving = serving;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public StepOutcome publish(PublishCommand command) {
        List<ModelVersion> versions = registry.list();
        if (versions.isEmpty()) {
            return StepOutcome.skipped("no trained model to publish", Map.of());
        }
        ModelVersion candidate = versions.get(0);
        Optional<String> current = registry.currentVersion();
        if (current.isPresent() && current.get().equals(candidate.version())) {
            // A load that failed after an earlier promotion is retried here, so this process catches up.
            serving.refresh();
            return StepOutcome.skipped("the newest model " + candidate.version() + " is already published", Map.of());
        }
        boolean replacedBefore = registry.history().stream().anyMatch(p -> p.version().equals(candidate.version()));
        if (replacedBefore) {
            // A rollback must stick: the gate never re-publishes a version that an operator replaced.
            return StepOutcome.skipped("candidate " + candidate.version() + " was published before and replaced; "
                    + "promote it manually to serve it again", Map.of());
        }
        if (current.isPresent() && registry.find(current.get()).isEmpty()) {
            throw new NotFoundException("published model " + current.get() + " is missing from the registry");
        }
        Optional<HoldoutComparison> judged = evaluator.compare(candidate.version(), current, command.monitor());
        if (judged.isEmpty()) {
            return StepOutcome.skipped("candidate " + candidate.version() + " has no holdout evaluation to judge it by; "
                    + "promote it manually to serve it", Map.of());
        }
        HoldoutComparison c = judged.get();
        String metric = settings.mainMetric();
        double candidateScore = score(c.candidate());
        double popularScore = score(c.mostPopular());
        Map<String, Long> counts = Map.of("predictions", c.candidate().evaluatedPredictions());
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("candidate." + metric, candidateScore);
        scores.put("mostPopular." + metric, popularScore);
        String onHoldout = " on the holdout of " + c.holdout();
        if (!(candidateScore > popularScore)) {
            return StepOutcome.skipped("candidate " + candidate.version() + " " + metric + "=" + candidateScore
                    + " does not beat most-popular " + metric + "=" + popularScore + onHoldout, counts).withMeasures(scores);
        }
        String verdict = metric + "=" + candidateScore + ", most-popular " + popularScore;
        if (current.isPresent()) {
            double servedScore = score(c.published().orElseThrow(() -> new IllegalStateException(
                    "the evaluator did not score the published model " + current.get())));
            scores.put("published." + metric, servedScore);
            if (candidateScore < servedScore - settings.tolerance()) {
                return StepOutcome.skipped("candidate " + candidate.version() + " " + metric + "=" + candidateScore
                        + " is worse than published " + current.get() + " " + metric + "=" + servedScore + onHoldout,
                        counts).withMeasures(scores);
            }
            verdict += ", published " + current.get() + " " + servedScore;
        }
        verdict += onHoldout;
        registry.promote(candidate.version(), "quality gate: " + verdict, clock.instant());
        serving.refresh();
        return StepOutcome.succeeded("published " + candidate.version() + " (" + verdict + ")", counts).withMeasures(scores);
    }

    @Override
    public ModelVersion promote(PromoteModelCommand command) {
        ModelVersion version = registry.find(command.version())
                .orElseThrow(() -> new NotFoundException("model version '" + command.version() + "' does not exist"));
        registry.promote(version.version(), command.reason(), clock.instant());
        serving.refresh();
        return version;
    }

    private double score(ModelMetrics m) {
        return m.get(settings.mainMetric()).orElse(0.0);
    }
}
