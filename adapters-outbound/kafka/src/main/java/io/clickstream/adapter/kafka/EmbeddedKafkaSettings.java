package io.clickstream.adapter.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how the embedded single-node broker runs.
 *
 * @param directory        the broker's home: configuration, data (topics) and logs
 * @param port             client port on 127.0.0.1; 0 picks a free one at every start
 * @param startTimeout     how long {@code start()} waits for the broker to answer
 * @param jvmOptions       options of the broker's JVM (heap, collector)
 * @param brokerProperties extra or overriding broker properties (e.g. {@code log.retention.hours})
 */
public record EmbeddedKafkaSettings(Path directory, int port, Duration startTimeout, List<String> jvmOptions,
                                    Map<String, String> brokerProperties) {

    public static final List<String> DEFAULT_JVM_OPTIONS =
            List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-Djava.awt.headless=true");
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    public EmbeddedKafkaSettings {
        Objects.requireNonNull(directory, "directory");
        directory = directory.toAbsolutePath().normalize();
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("kafka.embedded.port must be 0 (any free port) or a port, got " + port);
        }
        Objects.requireNonNull(startTimeout, "startTimeout");
        jvmOptions = jvmOptions == null ? DEFAULT_JVM_OPTIONS : List.copyOf(jvmOptions);
        brokerProperties = brokerProperties == null ? Map.of() : Map.copyOf(brokerProperties);
    }

    /** A broker living in {@code <dataDir>/kafka} on a free port, with the default JVM options. */
    public static EmbeddedKafkaSettings under(Path dataDir) {
        return new EmbeddedKafkaSettings(dataDir.resolve("kafka"), 0, DEFAULT_START_TIMEOUT, DEFAULT_JVM_OPTIONS,
                Map.of());
    }

    public EmbeddedKafkaSettings withPort(int newPort) {
        return new EmbeddedKafkaSettings(directory, newPort, startTimeout, jvmOptions, brokerProperties);
    }

    public EmbeddedKafkaSettings withBrokerProperties(Map<String, String> properties) {
        return new EmbeddedKafkaSettings(directory, port, startTimeout, jvmOptions, properties);
    }

    public EmbeddedKafkaSettings withStartTimeout(Duration timeout) {
        return new EmbeddedKafkaSettings(directory, port, timeout, jvmOptions, brokerProperties);
    }
}
