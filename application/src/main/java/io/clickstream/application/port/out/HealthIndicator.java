package io.clickstream.application.port.out;

import io.clickstream.domain.HealthStatus;

/** A component that can say whether it is ready. Checks are quick (about a second at most). */
public interface HealthIndicator {
    HealthStatus check();
}
