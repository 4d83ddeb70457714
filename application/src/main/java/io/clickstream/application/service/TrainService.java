package io.clickstream.application.service;

import io.clickstream.application.port.in.TrainModelUseCase;
import io.clickstream.application.port.out.ModelRegistry;
import io.clickstream.application.port.out.ModelTrainer;
import io.clickstream.application.port.out.TrainingDataProvider;
import io.clickstream.application.port.out.TrainingDataProvider.TrainingDataset;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.ModelVersion;
import io.clickstream.domain.StepOutcome;
import java.util.Map;

/** Prepares the training window, trains a candidate (warm-started from the published model) and stores it. */
public final class TrainService implements TrainModelUseCase {
    private final TrainingDataProvider data;
    private final ModelTrainer trainer;
    private final ModelRegistry registry;
    private final TrainingSettings settings;

    public TrainService(TrainingDataProvider data, ModelTrainer trainer, ModelRegistry registry, TrainingSettings settings) {
        this.data = data;
        this.trainer = trainer;
        this.registry = registry;
        this.settings = settings;
    }

    @Override
    public StepOutcome train(TrainCommand command) {
        JobMonitor monitor = command.monitor();
        TrainingDataset dataset = data.prepare(settings.window(), settings.holdout(), monitor);
        Map<String, Long> counts = Map.of("trainingSequences", dataset.trainingSequences(),
                "holdoutSequences", dataset.holdoutSequences(), "vocabulary", dataset.vocabularySize());
        if (dataset.trainingSequences() < settings.minTrainingSequences()) {
            return StepOutcome.skipped("too little data to train: " + dataset.trainingSequences()
                    + " sequences in the window, at least " + settings.minTrainingSequences() + " needed", counts);
        }
        String datasetId = dataset.id();
        java.util.Optional<ModelVersion> seen = registry.list().stream().filter(v -> datasetId.equals(v.datasetId())).findFirst();
        if (seen.isPresent()) {
            return StepOutcome.skipped("no new staged data: model " + seen.get().version() + " was already trained on "
                    + "dataset " + datasetId, counts);
        }
        monitor.checkNotStopped();
        ModelVersion candidate = trainer.train(dataset, registry.currentVersion(), monitor);
        return StepOutcome.succeeded("trained candidate " + candidate.version() + " " + candidate.metrics().values(), counts);
    }
}
