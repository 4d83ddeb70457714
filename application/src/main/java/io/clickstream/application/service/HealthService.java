package io.clickstream.application.service;

import io.clickstream.application.port.in.CheckHealthUseCase;
import io.clickstream.application.port.out.HealthIndicator;
import io.clickstream.domain.HealthStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks every component whether it is ready; a component that throws is reported down, not propagated. A report is
 * reused for {@code maxAge}: probes from load balancers and monitors can come many times a second, and a readiness
 * check may cost a write to the lake (an S3 request) or a broker round trip.
 */
public final class HealthService implements CheckHealthUseCase {
    private final List<HealthIndicator> indicators;
    private final Duration maxAge;
    private final Clock clock;
    private volatile Checked last;

    /** Checks the components on every call. */
    public HealthService(List<HealthIndicator> indicators) {
        this(indicators, Duration.ZERO, Clock.systemUTC());
    }

    public HealthService(List<HealthIndicator> indicators, Duration maxAge, Clock clock) {
        this.indicators = List.copyOf(indicators);
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public HealthReport check() {
        Checked c = last;
        Instant now = clock.instant();
        if (c != null && !maxAge.isZero() && now.isBefore(c.at.plus(maxAge)) && !now.isBefore(c.at)) {
            return c.report;
        }
        HealthReport report = checkNow();
        last = new Checked(report, now);
        return report;
    }

    private HealthReport checkNow() {
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

    private record Checked(HealthReport report, Instant at) {
    }
}
