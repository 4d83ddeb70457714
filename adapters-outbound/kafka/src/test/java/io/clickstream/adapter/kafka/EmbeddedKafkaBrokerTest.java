package io.clickstream.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.clickstream.application.port.out.RawEventPublisher.PublishReceipt;
import io.clickstream.domain.DependencyUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/** The embedded broker's lifecycle: restarts keep the data, a broker that cannot start says why. */
class EmbeddedKafkaBrokerTest {

    @Test
    void outage_fails_publish_in_bounded_time_and_restart_keeps_cluster_topic_and_data() throws Exception {
        int port = freePort();
        EmbeddedKafkaSettings brokerSettings =
                EmbeddedKafkaSettings.under(TestBrokers.freshHome("restart")).withPort(port);
        KafkaSettings kafka = KafkaSettings.defaults("127.0.0.1:" + port)
                .withTopic("raw.restart", 3, (short) 1)
                .withTransactionalId("tx-restart")
                .withTimeouts(Duration.ofSeconds(2), 2, Duration.ofMillis(100));
        try (var publisher = new KafkaRawEventPublisherAdapter(kafka)) {
            String clusterId;
            PublishReceipt before;
            try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(brokerSettings).start()) {
                clusterId = broker.clusterId().orElseThrow();
                before = publisher.publish("batch-1", KafkaRawEventPublisherAdapterTest.messages("one", 300));
            }

            long start = System.nanoTime();
            DependencyUnavailableException failure = catchThrowableOfType(DependencyUnavailableException.class,
                    () -> publisher.publish("batch-2", KafkaRawEventPublisherAdapterTest.messages("two", 100)));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            assertThat(failure).isNotNull();
            assertThat(failure.dependency()).isEqualTo("Kafka (127.0.0.1:" + port + ")");
            assertThat(elapsed).isLessThan(kafka.failureBound().plusSeconds(5));

            try (EmbeddedKafkaBroker restarted = new EmbeddedKafkaBroker(brokerSettings).start()) {
                assertThat(restarted.clusterId()).contains(clusterId);
                assertThat(partitions(restarted, "raw.restart")).isEqualTo(3);
                var read = TopicReader.readCommitted(restarted.bootstrapServers(), "raw.restart");
                assertThat(TopicReader.ofBatch(read, "batch-1")).hasSize(300);
                assertThat(TopicReader.ofBatch(read, "batch-2")).isEmpty();
                assertThat(read.stream().mapToLong(r -> r.offset()).max().orElseThrow())
                        .isEqualTo(before.partitions().stream().mapToLong(p -> p.lastOffset()).max().orElseThrow());

                Thread.sleep(kafka.timeout().toMillis()); // the circuit breaker lets a trial call through again
                publisher.publish("batch-2", KafkaRawEventPublisherAdapterTest.messages("two", 100));

                var after = TopicReader.readCommitted(restarted.bootstrapServers(), "raw.restart");
                assertThat(TopicReader.ofBatch(after, "batch-1")).hasSize(300);
                assertThat(TopicReader.ofBatch(after, "batch-2")).hasSize(100);
            }
        }
    }

    @Test
    void start_stops_a_broker_left_running_on_the_same_directory_and_takes_over_its_data() {
        EmbeddedKafkaSettings settings = EmbeddedKafkaSettings.under(TestBrokers.freshHome("orphan"));
        EmbeddedKafkaBroker orphan = new EmbeddedKafkaBroker(settings).start();
        try {
            // As if the application had been killed: the first broker is never closed by its owner.
            try (EmbeddedKafkaBroker successor = new EmbeddedKafkaBroker(settings).start()) {
                assertThat(orphan.isRunning()).isFalse();
                assertThat(successor.isRunning()).isTrue();
                assertThat(successor.clusterId()).isEqualTo(orphan.clusterId());
                try (var health = new KafkaHealthAdapter(KafkaSettings.defaults(successor.bootstrapServers()))) {
                    assertThat(health.check().up()).isTrue();
                }
            }
            assertThat(Files.exists(settings.directory().resolve("broker.pid"))).isFalse();
        } finally {
            orphan.close();
        }
    }

    @Test
    void broker_that_cannot_start_fails_with_the_tail_of_its_log() throws Exception {
        Path home = TestBrokers.freshHome("blocked");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(
                    EmbeddedKafkaSettings.under(home).withPort(taken.getLocalPort()));

            assertThatThrownBy(broker::start)
                    .isInstanceOf(DependencyUnavailableException.class)
                    .hasMessageContaining("did not start")
                    .hasMessageContaining("last lines of")
                    .hasMessageContaining("Address already in use");
            assertThat(broker.isRunning()).isFalse();
            assertThat(Files.exists(home.resolve("kafka").resolve("broker.pid"))).isFalse();
        }
    }

    private static int partitions(EmbeddedKafkaBroker broker, String topic) throws Exception {
        try (Admin admin = AdminClients.create(broker.bootstrapServers(), Duration.ofSeconds(10), "test")) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
