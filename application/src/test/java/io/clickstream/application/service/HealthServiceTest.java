package io.clickstream.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.application.port.in.CheckHealthUseCase.HealthReport;
import io.clickstream.application.port.out.HealthIndicator;
import io.clickstream.domain.HealthStatus;
import io.clickstream.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** HealthService: every component asked, a failing one reported down, and a report reused for its maximum age. */
class HealthServiceTest {
    private final MutableClock clock = MutableClock.at("2026-11-21T12:00:00Z");
    private final AtomicInteger checks = new AtomicInteger();
    private final AtomicBoolean lakeUp = new AtomicBoolean(true);
    private final HealthIndicator lake = () -> {
        checks.incrementAndGet();
        return lakeUp.get() ? HealthStatus.up("lake", "ok") : HealthStatus.down("lake", "not writable");
    };
    private final HealthIndicator broken = () -> {
        throw new IllegalStateException("broker unreachable");
    };

    @Test
    void a_component_that_throws_is_reported_down_and_the_report_is_not_ready() {
        HealthReport report = new HealthService(List.of(lake, broken)).check();

        assertThat(report.ready()).isFalse();
        assertThat(report.components()).hasSize(2).anySatisfy(s -> {
            assertThat(s.up()).isFalse();
            assertThat(s.detail()).contains("broker unreachable");
        });
    }

    @Test
    void a_report_is_reused_within_its_maximum_age_then_the_components_are_asked_again() {
        HealthService health = new HealthService(List.of(lake), Duration.ofSeconds(1), clock);
        assertThat(health.check().ready()).isTrue();
        lakeUp.set(false);

        clock.advance(Duration.ofMillis(999));
        assertThat(health.check().ready()).as("within a second: the last report").isTrue();
        assertThat(checks.get()).isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        assertThat(health.check().ready()).as("a second later: asked again").isFalse();
        assertThat(checks.get()).isEqualTo(2);
    }

    @Test
    void without_a_maximum_age_every_request_asks_the_components() {
        HealthService health = new HealthService(List.of(lake));
        health.check();
        health.check();
        assertThat(checks.get()).isEqualTo(2);
    }
}
