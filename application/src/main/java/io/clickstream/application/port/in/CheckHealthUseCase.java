package io.clickstream.application.port.in;

import io.clickstream.domain.HealthStatus;
import java.util.List;

/** Liveness and readiness of each component. */
public interface CheckHealthUseCase {

    HealthReport check();

    /** @param ready true when every component is up */
    record HealthReport(boolean ready, List<HealthStatus> components) {
        public HealthReport {
            components = List.copyOf(components);
        }
    }
}
