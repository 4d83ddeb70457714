package io.clickstream.application.port.in;

import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.StepOutcome;
import java.util.Objects;

/** Collects new clickstream from every configured source into the landing zone, then publishes it to Kafka. */
public interface IngestClickstreamUseCase {

    StepOutcome ingest(IngestCommand command);

    record IngestCommand(JobMonitor monitor) {
        public IngestCommand {
            Objects.requireNonNull(monitor, "monitor");
        }
    }
}
