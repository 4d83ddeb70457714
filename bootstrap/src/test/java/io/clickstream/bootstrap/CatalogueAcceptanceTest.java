package io.clickstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.adapter.dl4j.SyntheticModelWriter;
import io.clickstream.adapter.http.HttpApiServer;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.bootstrap.config.PipelineConfig;
import io.clickstream.domain.LakeLayout;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogue through the real wiring: a shop drops a catalogue CSV into the landing zone, the ingest job lands it
 * once (malformed rows rejected with a reason), and every recommendation endpoint of this process and of a replica on
 * the same lake leaves out unavailable and hidden items, keeps to the asked categories and applies a change within
 * seconds, without a new model.
 */
class CatalogueAcceptanceTest {
    private static final String TOKEN = "s3cret";
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final int ITEMS = 2_000;

    @TempDir
    Path work;

    private final List<PipelineComponent> apps = new ArrayList<>();
    private final List<HttpApiServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(HttpApiServer::stop);
        apps.forEach(app -> {
            app.jobs().shutdown(Duration.ofSeconds(5));
            app.lifecycle().close();
        });
    }

    @Test
    void a_dropped_catalogue_lands_once_and_filters_every_endpoint_and_a_sold_out_item_disappears_without_a_retrain()
            throws Exception {
        PipelineComponent app = start("first");
        ServingApi api = serve(app);
        new SyntheticModelWriter(app.lake()).write(SyntheticModelWriter.Spec.of("v1", T0, ITEMS, 3, 0.1, 0.1, 0.1));
        api.promote("v1");
        // item-n is in category c(n % 3); item-1 is sold out and item-2 hidden; one row is malformed.
        StringBuilder csv = new StringBuilder("item_id,categories,available,hidden,updated_at\n");
        IntStream.range(0, 300).forEach(n -> csv.append("item-").append(n).append(",c").append(n % 3).append(',')
                .append(n != 1).append(',').append(n == 2).append(",2026-03-01T00:00:00Z\n"));
        csv.append("item-x,c0,perhaps,false,2026-03-01T00:00:00Z\n");
        drop(app.lake(), "shop-1.csv", csv.toString());

        JsonNode first = runIngest(api);
        JsonNode again = runIngest(api);

        assertThat(first.path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(first.path("counts").path("catalogue.landed").asLong()).isEqualTo(300);
        assertThat(first.path("counts").path("catalogue.rejected").asLong()).isEqualTo(1);
        assertThat(again.path("counts").path("catalogue.landed").asLong()).isZero();
        // No clickstream source here: the job is the catalogue's, and says so without clickstream counts.
        assertThat(first.path("counts").has("landed")).as(first.toString()).isFalse();
        assertThat(first.path("message").asText()).contains("landed 300 catalogue rows");
        assertThat(app.lake().list(LakeLayout.landingCatalogue())).hasSize(1);
        assertThat(new String(app.lake().read(app.lake().list(
                io.clickstream.domain.ZonePath.of(io.clickstream.domain.DataZone.LANDING, "_rejected/catalogue"))
                .get(0).path()).orElseThrow(), StandardCharsets.UTF_8)).contains("available must be true or false, got 'perhaps'");

        JsonNode popular = json(api.get("/api/v1/recommendations?userId=stranger&k=5"));
        assertThat(ids(popular)).containsExactly("item-0", "item-3", "item-4", "item-5", "item-6");
        assertThat(popular.path("filtered").asInt()).isEqualTo(2);

        List<String> session = List.of("item-9", "item-4", "item-27");
        JsonNode filtered = json(api.post("/api/v1/recommendations", "{\"items\": [\"item-9\", \"item-4\", \"item-27\"], "
                + "\"k\": 20, \"excludeSeen\": true, \"categories\": [\"c0\", \"c1\"]}"));
        assertThat(ids(filtered)).hasSize(20).doesNotContainAnyElementsOf(session).allSatisfy(id -> {
            int n = Integer.parseInt(id.substring("item-".length()));
            assertThat(n).isLessThan(300).isNotEqualTo(1);
            assertThat(n % 3).isIn(0, 1);
        });
        assertThat(filtered.path("filtered").asInt()).isPositive();
        JsonNode similar = json(api.get("/api/v1/items/item-5/similar?k=20&categories=c2"));
        assertThat(ids(similar)).hasSize(20).allSatisfy(id -> assertThat(Integer.parseInt(id.substring(5)) % 3).isEqualTo(2))
                .doesNotContain("item-2", "item-5");

        // A replica on the same lake follows the catalogue on its poll.
        PipelineComponent replica = start("replica");
        ServingApi replicaApi = serve(replica);
        replica.servingModel().refresh();
        replica.catalogueFollower().follow(replica.catalogue(), Duration.ofMillis(200));
        String sold = ids(json(api.post("/api/v1/recommendations", "{\"items\": [\"item-9\"], \"k\": 1}"))).get(0);
        String soldSimilarTo = ids(json(api.get("/api/v1/items/" + sold + "/similar?k=1"))).get(0);

        drop(app.lake(), "shop-2.csv", "item_id,categories,available,updated_at\n"
                + "item-0,c0,false,2026-03-02T00:00:00Z\n" + sold + ",c0,false,2026-03-02T00:00:00Z\n");
        assertThat(runIngest(api).path("counts").path("catalogue.landed").asLong()).isEqualTo(2);

        // The shop replaces its first file under the same name: it is read again (and only it).
        drop(app.lake(), "shop-1.csv", "item_id,categories,available,updated_at\n" + "item-3,c0,false,2026-03-03T00:00:00Z\n");
        assertThat(runIngest(api).path("counts").path("catalogue.landed").asLong()).isEqualTo(1);
        assertThat(runIngest(api).path("counts").path("catalogue.landed").asLong()).isZero();

        for (ServingApi served : List.of(api, replicaApi)) {
            awaitGone(served, "item-0", "/api/v1/recommendations?userId=stranger&k=5");
            awaitGone(served, sold, "/api/v1/recommendations?userId=stranger&k=100");
            awaitGone(served, "item-3", "/api/v1/recommendations?userId=stranger&k=5");
            JsonNode sessionAnswer = json(served.post("/api/v1/recommendations", "{\"items\": [\"item-9\"], \"k\": 20}"));
            assertThat(ids(sessionAnswer)).hasSize(20).doesNotContain("item-0", sold, "item-1", "item-2");
            assertThat(sessionAnswer.path("modelVersion").asText()).isEqualTo("v1");
            assertThat(ids(json(served.get("/api/v1/items/" + soldSimilarTo + "/similar?k=20"))))
                    .hasSize(20).doesNotContain("item-0", sold);
        }
    }

    private PipelineComponent start(String name) {
        PipelineComponent app = PipelineComponent.create(PipelineConfig.of(Map.of("data.dir", work.resolve(name).toString(),
                "lake.uri", work.resolve("lake").toString(), "http.port", "0", "api.token", TOKEN)));
        apps.add(app);
        return app;
    }

    private ServingApi serve(PipelineComponent app) {
        HttpApiServer server = app.httpServer();
        servers.add(server);
        return new ServingApi(server.start(), TOKEN);
    }

    private static void drop(DataLake lake, String name, String csv) {
        lake.write(LakeLayout.catalogueDrops().resolve(name), csv.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode runIngest(ServingApi api) throws Exception {
        HttpResponse<String> accepted = api.post("/api/v1/jobs/ingest", "{}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String jobId = json(accepted).path("jobId").asText();
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            JsonNode job = json(api.get("/api/v1/jobs/" + jobId));
            if (ServingApi.TERMINAL.contains(job.path("state").asText())) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("ingest job " + jobId + " did not finish within 60 s");
    }

    /** Polls until {@code item} is not in the answer to {@code path}: the replica's poll takes a moment. */
    private static void awaitGone(ServingApi api, String item, String path) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        List<String> last = List.of();
        while (Instant.now().isBefore(deadline)) {
            last = ids(json(api.get(path)));
            if (!last.contains(item)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(item + " still recommended after 10 s: " + last);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isIn(200, 202);
        return ServingApi.parse(response.body());
    }

    private static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.path("items").forEach(i -> ids.add(i.path("itemId").asText()));
        return ids;
    }
}
