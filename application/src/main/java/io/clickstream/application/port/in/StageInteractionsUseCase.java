package io.clickstream.application.port.in;

import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.StepOutcome;
import java.util.Objects;

/** Cleans what is new on the raw topic into partitioned Parquet and Hive tables in the staging zone. */
public interface StageInteractionsUseCase {

    StepOutcome stage(StageCommand command);

    record StageCommand(JobMonitor monitor) {
        public StageCommand {
            Objects.requireNonNull(monitor, "monitor");
        }
    }
}
