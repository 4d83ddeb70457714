package io.clickstream.adapter.spark;

import io.clickstream.adapter.kafka.EmbeddedKafkaBroker;
import io.clickstream.adapter.kafka.EmbeddedKafkaSettings;
import io.clickstream.adapter.kafka.KafkaRawEventPublisherAdapter;
import io.clickstream.adapter.kafka.KafkaSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * What the tests of this module share in one JVM, because each takes seconds to start: one Kafka broker (its own
 * JVM), one Spark session with an embedded Derby metastore. Every file lives under {@code target/}.
 */
final class TestEnvironment {
    static final Path TARGET = Path.of(System.getProperty("basedir", "."), "target").toAbsolutePath().normalize();
    static final Path DATA_DIR = TARGET.resolve("spark-it");
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static EmbeddedKafkaBroker broker;

    private TestEnvironment() {
    }

    static synchronized String kafka() {
        if (broker == null) {
            Path home = TARGET.resolve("kafka-it");
            deleteRecursively(home);
            broker = new EmbeddedKafkaBroker(EmbeddedKafkaSettings.under(home)).start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "test-kafka-stop"));
        }
        return broker.bootstrapServers();
    }

    /** A name unique in this JVM run, for a topic, a database or a lake folder. */
    static String unique(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + NAMES.incrementAndGet();
    }

    /** Settings of the shared local session; tests vary database, topic and rules. */
    static SparkStagingSettings settings(String database, String topic) {
        return settings(database, topic, kafka());
    }

    static SparkStagingSettings settings(String database, String topic, String kafka) {
        return SparkStagingSettings.defaults(DATA_DIR, kafka)
                .withMetastore("", database)
                .withTopic(topic)
                .withLease(Duration.ofSeconds(3))
                .withSparkConf(Map.of("spark.sql.shuffle.partitions", "4"))
                .withMaster("local[2]");
    }

    static SparkSession spark() {
        return SparkSessions.getOrCreate(settings("clickstream_test", "unused", "127.0.0.1:9"));
    }

    static KafkaRawEventPublisherAdapter publisher(String topic) {
        return new KafkaRawEventPublisherAdapter(KafkaSettings.defaults(kafka()).withTopic(topic, 3, (short) 1)
                .withTransactionalId("test-" + topic));
    }

    static Path freshDir(String name) {
        Path dir = TARGET.resolve("spark-it-work").resolve(name);
        deleteRecursively(dir);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
