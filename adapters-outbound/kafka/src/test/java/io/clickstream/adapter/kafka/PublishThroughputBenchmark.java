package io.clickstream.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.application.port.out.RawEventPublisher.PublishReceipt;
import io.clickstream.application.port.out.RawEventPublisher.RawMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Publish throughput into the embedded broker: 1,000,000 messages of about 250 bytes in batches of 100,000.
 * Prints the figure, asserts none. Run with
 * {@code mvn -B -q -pl adapters-outbound/kafka install -Dtest=PublishThroughputBenchmark -Dkafka.benchmark=true}.
 */
@EnabledIfSystemProperty(named = "kafka.benchmark", matches = "true")
class PublishThroughputBenchmark {
    private static final int TOTAL = Integer.getInteger("kafka.benchmark.messages", 1_000_000);
    private static final int BATCH = Integer.getInteger("kafka.benchmark.batch", 100_000);
    private static final String COMPRESSION = System.getProperty("kafka.benchmark.compression");

    @Test
    void publishes_a_million_messages_and_reports_events_per_second() {
        try (EmbeddedKafkaBroker broker = TestBrokers.startBroker("benchmark");
             var publisher = new KafkaRawEventPublisherAdapter(KafkaSettings.defaults(broker.bootstrapServers())
                     .withTransactionalId("tx-benchmark")
                     .withTimeouts(Duration.ofSeconds(30), 3, Duration.ofSeconds(1))
                     .withExtraProducerProps(COMPRESSION == null ? Map.of() : Map.of("compression.type", COMPRESSION)))) {
            publisher.publish("warm-up", batch(new Random(1), 0, 10_000));
            Random random = new Random(42);
            long published = 0;
            long bytes = 0;
            long nanos = 0;
            for (int start = 0; start < TOTAL; start += BATCH) {
                List<RawMessage> batch = batch(random, start, Math.min(BATCH, TOTAL - start));
                bytes += batch.stream().mapToLong(m -> m.key().length() + m.value().length()).sum();
                long t0 = System.nanoTime();
                PublishReceipt receipt = publisher.publish("bench-" + start, batch);
                nanos += System.nanoTime() - t0;
                published += receipt.messages();
            }
            double seconds = nanos / 1e9;
            System.out.printf("KAFKA PUBLISH BENCHMARK: %,d messages (%.1f MB, %d per batch, compression %s) in %.2f s"
                    + " = %,.0f events/s, %.1f MB/s%n", published, bytes / 1e6, BATCH,
                    COMPRESSION == null ? "default (lz4)" : COMPRESSION, seconds, published / seconds, bytes / 1e6 / seconds);
            assertThat(published).isEqualTo(TOTAL);
        }
    }

    /** Landing-CSV-like rows of about 250 bytes, keyed by session. */
    private static List<RawMessage> batch(Random random, int offset, int size) {
        List<RawMessage> messages = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int n = offset + i;
            String session = "s-" + random.nextInt(50_000);
            String value = String.format("%016x,weblog,%s,u-%d,view,item-%d,2026-05-12T10:%02d:%02dZ,"
                            + "\"203.0.113.%d - - [12/May/2026:10:%02d:%02d +0000] \"\"GET /product/%d HTTP/1.1\"\" 200 %d"
                            + " \"\"https://shop.example/category/%d?ref=home\"\" \"\"Mozilla/5.0 (X11; Linux x86_64)\"\"\"",
                    (long) n * 2654435761L, session, random.nextInt(20_000), random.nextInt(5_000), n % 60,
                    (n / 60) % 60, random.nextInt(255), n % 60, (n / 60) % 60, random.nextInt(5_000),
                    1000 + random.nextInt(9000), random.nextInt(100));
            messages.add(new RawMessage(session, value));
        }
        return messages;
    }
}
