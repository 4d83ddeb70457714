package io.clickstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickstream.adapter.csv.CommonsCsvLandingFormat;
import io.clickstream.adapter.dl4j.SyntheticModelWriter;
import io.clickstream.adapter.http.HttpApiServer;
import io.clickstream.adapter.kafka.EmbeddedKafkaBroker;
import io.clickstream.adapter.kafka.EmbeddedKafkaSettings;
import io.clickstream.adapter.localfs.LocalFsDataLakeAdapter;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.DataLake.LakeObject;
import io.clickstream.bootstrap.config.PipelineConfig;
import io.clickstream.domain.ClickstreamRecord;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.Source;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's acceptance: {@code POST /api/v1/events} against real servers, a real Kafka broker and a real local lake.
 * An event answered with 202 survives a SIGKILL of the server and is landed and published exactly once after a
 * restart; a user's events change their recommendations at once, and in a second serving process on the same lake
 * and broker within seconds.
 */
class LiveEventsAcceptanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "clickstream.raw";
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaBroker(EmbeddedKafkaSettings.under(work.resolve("broker"))).start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void events_answered_202_survive_a_sigkill_right_after_and_land_and_publish_exactly_once_after_a_restart()
            throws Exception {
        Path lakeDir = work.resolve("kill-lake");
        // Segments seal at 50 events and land at once; the last 10 wait in the open segment (the interval is an hour),
        // so the kill always leaves accepted events that only the restart can land.
        Map<String, String> env = Map.of("PIPELINE_DATA_DIR", work.resolve("kill-server").toString(),
                "PIPELINE_LAKE_URI", lakeDir.toString(), "PIPELINE_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "PIPELINE_EVENTS_LANDING_RECORDS", "50", "PIPELINE_EVENTS_LANDING_INTERVAL", "1h",
                "PIPELINE_EVENTS_RATE_PER_ADDRESS", "100000", "PIPELINE_EVENTS_RATE_BURST", "100000");
        DataLake lake = new LocalFsDataLakeAdapter(lakeDir);
        List<String> accepted = Collections.synchronizedList(new ArrayList<>());
        try (ServeProcess server = new ServeProcess(env, work.resolve("kill-server.log")).start()) {
            ServingApi api = new ServingApi(server.port(), null); // one client, its connections reused
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<?>> posts = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int client = c;
                posts.add(clients.submit(() -> {
                    for (int request = 0; request < 40; request++) {
                        accepted.addAll(postEvents(api, "k-" + client + "-" + request, 5, "u" + client));
                    }
                    return null;
                }));
            }
            for (Future<?> post : posts) {
                post.get();
            }
            clients.shutdown();
            // 1,600 so far, in batches of 5: exactly 32 full segments. These 10 stay in the open one.
            accepted.addAll(postEvents(api, "k-last", 10, "u-last"));
            server.kill();
            assertThat(accepted).hasSize(1_610).doesNotHaveDuplicates();
            List<String> landedAtKill = landedApiEventIds(lake);
            System.out.printf("at the kill: %d of %d accepted events landed%n", landedAtKill.size(), accepted.size());
            assertThat(landedAtKill).as("events only the restart can land").hasSizeLessThanOrEqualTo(1_600)
                    .doesNotContainAnyElementsOf(accepted.subList(1_600, 1_610));

            server.start();
            awaitCondition(() -> landedApiEventIds(lake).size() >= accepted.size(), Duration.ofSeconds(60),
                    "every accepted event landed after the restart", server.log());
            awaitCondition(() -> apiBatches(lake).stream().allMatch(b -> lake.exists(LakeLayout.publishedManifest(b))),
                    Duration.ofSeconds(30), "a manifest for every api batch", server.log());
        }

        assertThat(landedApiEventIds(lake)).as("landed once each").containsExactlyInAnyOrderElementsOf(accepted);
        List<String> published = IngestedState.readCommitted(broker.bootstrapServers(), TOPIC).stream()
                .map(ConsumerRecord::value).map(LiveEventsAcceptanceTest::eventId).filter(id -> id.startsWith("k-")).toList();
        assertThat(published).as("published once each").containsExactlyInAnyOrderElementsOf(accepted);
        try (Stream<Path> left = Files.list(work.resolve("kill-server/events-journal"))) {
            assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sealed") || n.endsWith(".open")))
                    .as("nothing left in the journal").isEmpty();
        }
    }

    @Test
    void an_unknown_users_views_and_purchase_change_recommendations_at_once_and_in_a_second_process_within_5s()
            throws Exception {
        Path lake = work.resolve("serve-lake");
        PipelineComponent first = PipelineComponent.create(PipelineConfig.of(Map.of(
                "data.dir", work.resolve("first").toString(), "lake.uri", lake.toString(), "http.port", "0",
                "kafka.bootstrap.servers", broker.bootstrapServers())));
        HttpApiServer firstServer = first.httpServer();
        try (ServeProcess second = new ServeProcess(Map.of("PIPELINE_DATA_DIR", work.resolve("second").toString(),
                "PIPELINE_LAKE_URI", lake.toString(), "PIPELINE_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "PIPELINE_SERVING_REFRESH_INTERVAL", "1s"), work.resolve("second.log"))) {
            int firstPort = firstServer.start();
            new SyntheticModelWriter(first.lake()).write(SyntheticModelWriter.Spec.planted("v1", T0, 2_000, 1, 0.2,
                    "synthetic-holdout"));
            assertThat(new ServingApi(firstPort, null).promote("v1").path("servedVersion").asText()).isEqualTo("v1");
            second.start();
            awaitCondition(() -> recommendFor(second.port(), "newcomer").path("modelVersion").asText().equals("v1"),
                    Duration.ofSeconds(30), "the second process serves v1", second.log());

            assertThat(recommendFor(firstPort, "newcomer").path("strategy").asText()).isEqualTo("popular_fallback");
            assertThat(recommendFor(second.port(), "newcomer").path("strategy").asText()).isEqualTo("popular_fallback");

            String views = "{\"events\": [" + Stream.of("item-7", "item-70", "item-700")
                    .map(item -> "{\"type\": \"view\", \"userId\": \"newcomer\", \"itemId\": \"" + item + "\"}")
                    .reduce((a, b) -> a + "," + b).orElseThrow() + "]}";
            assertThat(post(firstPort, "/api/v1/events", views).statusCode()).isEqualTo(202);
            JsonNode afterViews = recommendFor(firstPort, "newcomer");
            assertThat(afterViews.path("strategy").asText()).as("at once, in the process that took the events")
                    .isEqualTo("model");
            String top = afterViews.path("items").get(0).path("itemId").asText();

            Instant posted = Instant.now();
            awaitCondition(() -> recommendFor(second.port(), "newcomer").path("strategy").asText().equals("model"),
                    Duration.ofSeconds(5), "the second process recommends from the views", second.log());
            System.out.printf("the second process followed the views after %d ms%n",
                    Duration.between(posted, Instant.now()).toMillis());
            assertThat(itemIds(recommendFor(second.port(), "newcomer"))).isEqualTo(itemIds(afterViews));

            assertThat(post(firstPort, "/api/v1/events", "{\"events\": [{\"type\": \"purchase\", \"userId\": "
                    + "\"newcomer\", \"itemId\": \"" + top + "\"}]}").statusCode()).isEqualTo(202);
            assertThat(itemIds(recommendFor(firstPort, "newcomer"))).as("a purchase is excluded at once")
                    .doesNotContain(top).isNotEmpty();
            awaitCondition(() -> !itemIds(recommendFor(second.port(), "newcomer")).contains(top), Duration.ofSeconds(5),
                    "the second process excludes the purchase", second.log());
        } finally {
            firstServer.stop();
            first.jobs().shutdown(Duration.ofSeconds(5));
            first.lifecycle().close();
        }
    }

    /** Posts {@code size} view events with ids {@code <prefix>-<i>}; returns the ids, all accepted with a 202. */
    private static List<String> postEvents(ServingApi api, String prefix, int size, String user) throws Exception {
        List<String> ids = new ArrayList<>();
        StringBuilder body = new StringBuilder("{\"events\": [");
        for (int i = 0; i < size; i++) {
            String id = prefix + "-" + i;
            ids.add(id);
            body.append(i == 0 ? "" : ",").append("{\"eventId\": \"").append(id).append("\", \"type\": \"view\", ")
                    .append("\"userId\": \"").append(user).append("\", \"itemId\": \"item-").append(i).append("\"}");
        }
        HttpResponse<String> answer = api.post("/api/v1/events", body.append("]}").toString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(JSON.readTree(answer.body()).path("accepted").asInt()).isEqualTo(size);
        return ids;
    }

    private static HttpResponse<String> post(int port, String path, String body) throws IOException, InterruptedException {
        return new ServingApi(port, null).post(path, body);
    }

    private static JsonNode recommendFor(int port, String user) {
        try {
            return JSON.readTree(new ServingApi(port, null).get("/api/v1/recommendations?k=5&userId=" + user).body());
        } catch (IOException e) {
            return JSON.createObjectNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> itemIds(JsonNode recommendations) {
        List<String> ids = new ArrayList<>();
        recommendations.path("items").forEach(i -> ids.add(i.path("itemId").asText()));
        return ids;
    }

    private static List<String> apiBatches(DataLake lake) {
        return lake.list(LakeLayout.landingClickstream()).stream().map(LakeObject::path)
                .filter(p -> p.relative().contains("source=" + Source.API.wireName() + "/"))
                .map(p -> p.name().replaceFirst("\\.csv$", "")).toList();
    }

    /** The event id of every landed api row, a duplicate as often as it landed. */
    private static List<String> landedApiEventIds(DataLake lake) {
        CommonsCsvLandingFormat format = new CommonsCsvLandingFormat();
        List<String> ids = new ArrayList<>();
        for (LakeObject o : lake.list(LakeLayout.landingClickstream())) {
            if (!o.path().relative().contains("source=api/")) {
                continue;
            }
            try {
                for (ClickstreamRecord r : format.readBatch(new ByteArrayInputStream(lake.read(o.path()).orElseThrow()))) {
                    ids.add(r.interaction().eventId());
                }
            } catch (IOException e) {
                throw new AssertionError("unreadable landed batch " + o.path(), e);
            }
        }
        return ids;
    }

    private static String eventId(String row) {
        return row.substring(0, row.indexOf(','));
    }

    private static void awaitCondition(CheckedCondition condition, Duration bound, String what, Path log) throws Exception {
        Instant deadline = Instant.now().plus(bound);
        while (Instant.now().isBefore(deadline)) {
            if (condition.holds()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within " + bound + ": " + what + "\n" + Files.readString(log));
    }

    @FunctionalInterface
    private interface CheckedCondition {
        boolean holds() throws Exception;
    }
}
