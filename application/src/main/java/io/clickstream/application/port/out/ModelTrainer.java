package io.clickstream.application.port.out;

import io.clickstream.application.port.out.TrainingDataProvider.TrainingDataset;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.ModelVersion;
import java.util.Optional;

/** Trains and evaluates a recommender from a prepared dataset and stores the artifact in the analytics zone. */
public interface ModelTrainer {

    /**
     * @param warmStartFrom the published version to continue from, if any
     * @return the stored candidate with its holdout metrics
     */
    ModelVersion train(TrainingDataset data, Optional<String> warmStartFrom, JobMonitor monitor);
}
