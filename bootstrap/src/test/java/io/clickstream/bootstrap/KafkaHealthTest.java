package io.clickstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.bootstrap.config.PipelineConfig;
import io.clickstream.domain.HealthStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14 finding 3: the health check never waits for the embedded broker while it starts. */
class KafkaHealthTest {

    @Test
    void health_says_starting_at_once_while_the_embedded_broker_starts() throws Exception {
        try (Lifecycle lifecycle = new Lifecycle()) {
            KafkaEndpoint kafka = new KafkaEndpoint(PipelineConfig.of(Map.of("data.dir", dataDir.toString())), lifecycle);
            KafkaHealth health = new KafkaHealth(kafka, () -> KafkaModule.kafkaHealthAdapter(kafka, lifecycle));
            assertThat(health.check().starting()).isFalse();

            CompletableFuture<String> start = CompletableFuture.supplyAsync(kafka::bootstrapServers);
            List<HealthStatus> whileStarting = new ArrayList<>();
            long slowest = 0;
            while (!start.isDone()) {
                long t0 = System.nanoTime();
                HealthStatus status = health.check();
                long millis = (System.nanoTime() - t0) / 1_000_000;
                if (status.starting()) {
                    whileStarting.add(status);
                    slowest = Math.max(slowest, millis);
                }
                Thread.sleep(20);
            }
            start.get(2, TimeUnit.MINUTES);

            assertThat(whileStarting).as("probes answered during the start").isNotEmpty();
            assertThat(whileStarting).allSatisfy(s -> {
                assertThat(s.up()).as("a starting broker leaves the process ready").isTrue();
                assertThat(s.detail()).contains("starting");
            });
            assertThat(Duration.ofMillis(slowest)).isLessThan(Duration.ofMillis(500));
            assertThat(health.check().starting()).isFalse();
        }
    }

    @TempDir
    Path dataDir;
}
