package io.clickstream.application.service;

import java.time.Duration;

/**
 * How much history a training run uses and when there is too little to train.
 *
 * @param window              length of the training window, ending at the newest staged event
 * @param holdout             the last part of the window kept for evaluation
 * @param minTrainingSequences fewer sequences than this and the run is SKIPPED
 */
public record TrainingSettings(Duration window, Duration holdout, long minTrainingSequences) {
    public TrainingSettings {
        if (window.isNegative() || window.isZero() || holdout.isNegative() || holdout.isZero()
                || holdout.compareTo(window) >= 0) {
            throw new IllegalArgumentException("need 0 < holdout < window, got window " + window + ", holdout " + holdout);
        }
    }
}
