package io.clickstream.application.port.out;

import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.ModelMetrics;
import java.util.Objects;
import java.util.Optional;

/**
 * Judges stored model versions on the holdout of the newest training window, by the protocol the trainer evaluates
 * with, so that the quality gate compares recommenders as they are served, on the same predictions.
 */
public interface ModelEvaluator {

    /**
     * Scores {@code candidate}, {@code published} and the most-popular baseline on the holdout the candidate was
     * evaluated on at training (the newest data: the candidate is the newest model), all on the same predictions.
     * Each model is judged as it stood before it saw any of that holdout: a served network refit on its whole window
     * has seen data the holdout holds, so its evaluated fit stands in for it.
     *
     * @return empty when the candidate has no holdout to be judged on (a version without dataset lineage)
     */
    Optional<HoldoutComparison> compare(String candidate, Optional<String> published, JobMonitor monitor);

    /**
     * @param holdout     the dataset whose holdout was used, for the record
     * @param candidate   the candidate's scores
     * @param mostPopular the most-popular baseline's scores on the same predictions
     * @param published   the published version's scores on the same predictions, if one is published
     */
    record HoldoutComparison(String holdout, ModelMetrics candidate, ModelMetrics mostPopular,
                             Optional<ModelMetrics> published) {
        public HoldoutComparison {
            Objects.requireNonNull(holdout, "holdout");
            Objects.requireNonNull(candidate, "candidate");
            Objects.requireNonNull(mostPopular, "mostPopular");
            Objects.requireNonNull(published, "published");
        }
    }
}
