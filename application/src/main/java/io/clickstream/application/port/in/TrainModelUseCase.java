package io.clickstream.application.port.in;

import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.StepOutcome;
import java.util.Objects;

/** Trains a candidate model on the staged window and evaluates it against baselines on a time-based holdout. */
public interface TrainModelUseCase {

    StepOutcome train(TrainCommand command);

    record TrainCommand(JobMonitor monitor) {
        public TrainCommand {
            Objects.requireNonNull(monitor, "monitor");
        }
    }
}
