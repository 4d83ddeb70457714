package io.clickstream.application.port.in;

import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.StepOutcome;

/** Collects catalogue changes from every catalogue source into the landing zone, exactly once. */
public interface CollectCatalogueUseCase {

    StepOutcome collect(CollectCatalogueCommand command);

    record CollectCatalogueCommand(JobMonitor monitor) {
    }
}
