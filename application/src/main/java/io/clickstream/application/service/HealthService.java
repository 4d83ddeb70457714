package io.clickstream.application.service;

import io.clickstream.application.port.in.CheckHealthUseCase;
import io.clickstream.application.port.out.HealthIndicator;
import io.clickstream.domain.HealthStatus;
import java.util.ArrayList;
import java.util.List;

/** Asks every component whether it is ready; a component that throws is reported down, not propagated. */
public final class HealthService implements CheckHealthUseCase {
    private final List<HealthIndicator> indicators;

    public HealthService(List<HealthIndicator> indicators) {
        this.indicators = List.copyOf(indicators);
    }

    @Override
    public HealthReport check() {
        List<HealthStatus> statuses = new ArrayList<>();
        for (HealthIndicator indicator : indicators) {
            try {
                statuses.add(indicator.check());
            } catch (RuntimeException e) {
                statuses.add(HealthStatus.down(indicator.getClass().getSimpleName(), JobService.describe(e)));
            }
        }
        return new HealthReport(statuses.stream().allMatch(HealthStatus::up), statuses);
    }
}
