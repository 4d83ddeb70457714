package io.clickstream.adapter.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Fresh homes for test brokers under the module's target directory. */
final class TestBrokers {

    private TestBrokers() {
    }

    /** An empty directory {@code target/kafka-it/<name>}, emptied if an earlier run left it behind. */
    static Path freshHome(String name) {
        Path home = Path.of("target", "kafka-it", name).toAbsolutePath();
        deleteRecursively(home);
        try {
            Files.createDirectories(home);
            Files.createDirectories(Path.of("target", "tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return home;
    }

    static EmbeddedKafkaBroker startBroker(String name) {
        return new EmbeddedKafkaBroker(EmbeddedKafkaSettings.under(freshHome(name))).start();
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
