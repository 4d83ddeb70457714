package io.clickstream.application.service;

import io.clickstream.application.port.in.PublishModelUseCase;
import io.clickstream.application.port.out.ModelRegistry;
import io.clickstream.domain.ModelVersion;
import io.clickstream.domain.NotFoundException;
import io.clickstream.domain.StepOutcome;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publishes the newest candidate when it is at least as good as the published model on the main metric, and
 * promotes any stored version on request (rollback). The serving model follows the registry.
 */
public final class PublishService implements PublishModelUseCase {
    private final ModelRegistry registry;
    private final ServingModel serving;
    private final PublishSettings settings;
    private final Clock clock;

    public PublishService(ModelRegistry registry, ServingModel serving, PublishSettings settings, Clock clock) {
        this.registry = registry;
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
        double candidateScore = score(candidate);
        if (current.isPresent()) {
            ModelVersion served = registry.find(current.get()).orElseThrow(() ->
                    new NotFoundException("published model " + current.get() + " is missing from the registry"));
            double servedScore = score(served);
            if (candidateScore < servedScore - settings.tolerance()) {
                return StepOutcome.skipped("candidate " + candidate.version() + " " + settings.mainMetric() + "="
                        + candidateScore + " is worse than published " + served.version() + " " + settings.mainMetric()
                        + "=" + servedScore, Map.of());
            }
        }
        registry.promote(candidate.version(), "quality gate: " + settings.mainMetric() + "=" + candidateScore, clock.instant());
        serving.refresh();
        return StepOutcome.succeeded("published " + candidate.version(), Map.of());
    }

    @Override
    public ModelVersion promote(PromoteModelCommand command) {
        ModelVersion version = registry.find(command.version())
                .orElseThrow(() -> new NotFoundException("model version '" + command.version() + "' does not exist"));
        registry.promote(version.version(), command.reason(), clock.instant());
        serving.refresh();
        return version;
    }

    private double score(ModelVersion v) {
        return v.metrics().get(settings.mainMetric()).orElse(0.0);
    }
}
