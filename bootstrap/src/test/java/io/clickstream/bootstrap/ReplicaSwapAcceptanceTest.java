package io.clickstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.adapter.dl4j.SyntheticModelWriter;
import io.clickstream.adapter.http.HttpApiServer;
import io.clickstream.bootstrap.config.PipelineConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second serving process on the same lake, which publishes nothing itself, follows {@code analytics/models/CURRENT}
 * on its own: it is {@code pipeline serve} (the {@link Main} of {@code bin/pipeline}) in a JVM of its own with
 * {@code PIPELINE_SERVING_REFRESH_INTERVAL=1s}, while this JVM's server publishes and rolls back.
 */
class ReplicaSwapAcceptanceTest {
    private static final String TOKEN = "s3cret";
    private static final int ITEMS = 2_000;
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Duration SWAP_BOUND = Duration.ofSeconds(15);
    private static final List<String> SESSION = List.of("item-7", "item-70");

    @TempDir
    Path work;

    private PipelineComponent publisher;
    private HttpApiServer publisherServer;
    private Process replica;

    @AfterEach
    void stop() throws InterruptedException {
        if (replica != null && replica.isAlive()) {
            replica.destroy(); // SIGTERM: the graceful stop of `serve`
            if (!replica.waitFor(30, TimeUnit.SECONDS)) {
                replica.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (publisherServer != null) {
            publisherServer.stop();
        }
        if (publisher != null) {
            publisher.jobs().shutdown(Duration.ofSeconds(5));
            publisher.lifecycle().close();
        }
    }

    @Test
    void a_replica_that_did_not_publish_swaps_to_the_published_version_and_follows_a_rollback() throws Exception {
        Path lake = work.resolve("lake");
        publisher = PipelineComponent.create(PipelineConfig.of(Map.of("data.dir", work.resolve("publisher").toString(),
                "lake.uri", lake.toString(), "http.port", "0", "api.token", TOKEN)));
        publisherServer = publisher.httpServer();
        ServingApi first = new ServingApi(publisherServer.start(), TOKEN);
        SyntheticModelWriter models = new SyntheticModelWriter(publisher.lake());
        models.write(SyntheticModelWriter.Spec.planted("v1", T0, ITEMS, 1, 0.2, "synthetic-holdout"));
        assertThat(first.publish().path("state").asText()).isEqualTo("SUCCEEDED");

        int port = freePort();
        Path log = work.resolve("replica.log");
        replica = startReplica(lake, port, log);
        ServingApi second = new ServingApi(port, TOKEN);
        awaitVersion(second, "v1", Duration.ofSeconds(60), log);

        models.write(SyntheticModelWriter.Spec.planted("v2", T0.plusSeconds(3600), ITEMS, 2, 0.4, "synthetic-holdout"));
        assertThat(first.publish().path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(first.servedVersion(SESSION)).isEqualTo("v2");
        Duration swap = awaitVersion(second, "v2", SWAP_BOUND, log);

        first.promote("v1");
        Duration rollback = awaitVersion(second, "v1", SWAP_BOUND, log);
        System.out.printf("replica swapped to v2 after %d ms and back to v1 after %d ms%n", swap.toMillis(), rollback.toMillis());
        assertThat(Files.readString(log)).contains("now serving model v2").contains("now serving model v1 (was v2)");
    }

    private static Process startReplica(Path lake, int port, Path log) throws IOException {
        Path dataDir = lake.resolveSibling("replica");
        Files.createDirectories(dataDir.resolve("tmp"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1"); // a short-lived test server: start fast rather than peak
        command.add("--add-modules=jdk.incubator.vector"); // the scorer's output layer (bin/jvm.options has it too)
        command.add("-Djava.io.tmpdir=" + dataDir.resolve("tmp"));
        command.add("-Dorg.bytedeco.javacpp.cachedir=" + dataDir.resolve("javacpp"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.add("serve");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PIPELINE_") || k.equals("JAVA_TOOL_OPTIONS"));
        pb.environment().putAll(Map.of("PIPELINE_DATA_DIR", dataDir.toString(), "PIPELINE_LAKE_URI", lake.toString(),
                "PIPELINE_HTTP_PORT", String.valueOf(port), "PIPELINE_API_TOKEN", TOKEN,
                "PIPELINE_SERVING_REFRESH_INTERVAL", "1s", "PIPELINE_SERVING_RETIRE_DELAY", "1s"));
        return pb.start();
    }

    /** Polls the replica until its recommendations name {@code version}; returns how long that took. */
    private Duration awaitVersion(ServingApi api, String version, Duration bound, Path log) throws Exception {
        long start = System.nanoTime();
        Instant deadline = Instant.now().plus(bound);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!replica.isAlive()) {
                throw new AssertionError("the replica exited (" + replica.exitValue() + "):\n" + Files.readString(log));
            }
            try {
                String served = api.servedVersion(SESSION);
                if (served.equals(version)) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
                last = "serving " + served;
            } catch (IOException notListeningYet) {
                last = notListeningYet.toString();
            } catch (AssertionError notServingYet) {
                last = notServingYet.getMessage();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the replica did not serve " + version + " within " + bound + " (last: " + last + "):\n"
                + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
