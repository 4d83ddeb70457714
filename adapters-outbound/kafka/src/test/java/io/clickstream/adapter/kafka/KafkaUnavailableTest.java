package io.clickstream.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.clickstream.domain.DependencyUnavailableException;
import io.clickstream.domain.HealthStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What callers get when no broker answers: a bounded wait, then an error naming Kafka. */
class KafkaUnavailableTest {
    private static String deadAddress;

    @BeforeAll
    static void findAPortNobodyListensOn() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadAddress = "127.0.0.1:" + socket.getLocalPort();
        }
    }

    private static KafkaSettings settings() {
        return KafkaSettings.defaults(deadAddress)
                .withTransactionalId("tx-unavailable")
                .withTimeouts(Duration.ofSeconds(1), 2, Duration.ofMillis(100));
    }

    @Test
    void publish_to_an_unreachable_broker_fails_naming_kafka_within_the_configured_bound() {
        KafkaSettings settings = settings();
        try (var publisher = new KafkaRawEventPublisherAdapter(settings)) {
            long start = System.nanoTime();
            DependencyUnavailableException failure = catchThrowableOfType(DependencyUnavailableException.class,
                    () -> publisher.publish("batch-down", KafkaRawEventPublisherAdapterTest.messages("d", 10)));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(failure).isNotNull();
            assertThat(failure.dependency()).isEqualTo("Kafka (" + deadAddress + ")");
            assertThat(failure.getMessage()).contains("Kafka (" + deadAddress + ")", "after 2 attempt(s)");
            assertThat(elapsed).isGreaterThanOrEqualTo(settings.timeout())
                    .isLessThan(settings.unreachableBound().plusSeconds(3));
        }
    }

    @Test
    void after_repeated_failures_the_circuit_breaker_fails_the_next_publish_at_once() {
        try (var publisher = new KafkaRawEventPublisherAdapter(settings())) {
            assertThatThrownBy(() -> publisher.publish("batch-1", KafkaRawEventPublisherAdapterTest.messages("x", 1)))
                    .isInstanceOf(DependencyUnavailableException.class);

            long start = System.nanoTime();
            assertThatThrownBy(() -> publisher.publish("batch-2", KafkaRawEventPublisherAdapterTest.messages("y", 1)))
                    .isInstanceOf(DependencyUnavailableException.class)
                    .hasMessageContaining("circuit breaker");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        }
    }

    @Test
    void health_reports_down_within_about_a_second() {
        try (var health = new KafkaHealthAdapter(settings())) {
            long start = System.nanoTime();
            HealthStatus status = health.check();

            assertThat(status.up()).isFalse();
            assertThat(status.detail()).contains(deadAddress);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }
}
