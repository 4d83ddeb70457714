package io.clickstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.adapter.dl4j.SyntheticModelWriter;
import io.clickstream.adapter.http.HttpApiServer;
import io.clickstream.bootstrap.config.PipelineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
    private ServeProcess replica;

    @AfterEach
    void stop() throws InterruptedException {
        if (replica != null) {
            replica.close(); // SIGTERM: the graceful stop of `serve`
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

        Path log = work.resolve("replica.log");
        replica = new ServeProcess(Map.of("PIPELINE_DATA_DIR", work.resolve("replica").toString(),
                "PIPELINE_LAKE_URI", lake.toString(), "PIPELINE_API_TOKEN", TOKEN,
                "PIPELINE_SERVING_REFRESH_INTERVAL", "1s", "PIPELINE_SERVING_RETIRE_DELAY", "1s"), log).start();
        ServingApi second = new ServingApi(replica.port(), TOKEN);
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

    /** Polls the replica until its recommendations name {@code version}; returns how long that took. */
    private Duration awaitVersion(ServingApi api, String version, Duration bound, Path log) throws Exception {
        long start = System.nanoTime();
        Instant deadline = Instant.now().plus(bound);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!replica.isAlive()) {
                throw new AssertionError("the replica exited:\n" + Files.readString(log));
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
}
