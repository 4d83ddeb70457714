package io.clickstream.adapter.http;

import static io.clickstream.adapter.http.JobEndpointsTest.assertBadParameter;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import io.clickstream.domain.ModelMetrics;
import io.clickstream.domain.ModelVersion;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelEndpointsTest {
    private ApiHarness api;

    @BeforeEach
    void start() {
        api = ApiHarness.start(Map.of());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void current_model_is_not_found_in_the_envelope_before_any_publication() {
        HttpResponse<String> response = api.get("/api/v1/models/current");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(ApiHarness.json(response).at("/error/code").asText()).isEqualTo("not_found");
        assertThat(ApiHarness.json(response).at("/error/message").asText()).contains("no model is published");
    }

    @Test
    void promotion_publishes_a_stored_version_and_the_process_serves_it() {
        api.storeModel("v1", 0.30);
        api.storeModel("v2", 0.20);

        HttpResponse<String> promoted = api.post("/api/v1/models/v1/promote", "{\"reason\": \"rollback after incident\"}");

        assertThat(promoted.statusCode()).isEqualTo(200);
        assertThat(ApiHarness.json(promoted).at("/model/version").asText()).isEqualTo("v1");
        assertThat(ApiHarness.json(promoted).get("reason").asText()).isEqualTo("rollback after incident");
        assertThat(ApiHarness.json(promoted).get("servedVersion").asText()).isEqualTo("v1");
        assertThat(api.registry.history().get(0).reason()).isEqualTo("rollback after incident");

        JsonNode current = ApiHarness.json(api.get("/api/v1/models/current"));
        assertThat(current.at("/model/version").asText()).isEqualTo("v1");
        assertThat(current.at("/model/metrics/HR@20").asDouble()).isEqualTo(0.30);
        assertThat(current.at("/model/evaluatedPredictions").asLong()).isEqualTo(42);
        assertThat(current.get("servedVersion").asText()).isEqualTo("v1");
    }

    @Test
    void model_list_marks_the_published_and_served_versions() {
        api.storeModel("v1", 0.30);
        assertThat(api.post("/api/v1/models/v1/promote", null).statusCode()).isEqualTo(200);

        JsonNode list = ApiHarness.json(api.get("/api/v1/models"));

        assertThat(list.get("publishedVersion").asText()).isEqualTo("v1");
        assertThat(list.get("servedVersion").asText()).isEqualTo("v1");
        assertThat(list.get("models")).hasSize(1);
        assertThat(list.at("/models/0/published").asBoolean()).isTrue();
        assertThat(list.at("/models/0/served").asBoolean()).isTrue();
        assertThat(list.at("/models/0/createdAt").asText()).isEqualTo("2024-05-01T00:00:00Z");
    }

    @Test
    void promoting_an_unknown_version_is_not_found() {
        HttpResponse<String> response = api.post("/api/v1/models/v9/promote", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(ApiHarness.json(response).at("/error/message").asText()).contains("v9");
        assertThat(api.registry.currentVersion()).isEmpty();
    }

    @Test
    void promoting_a_malformed_version_is_a_bad_request_naming_version() {
        assertBadParameter(api.post("/api/v1/models/v!1/promote", null), "version");
    }

    @Test
    void promotion_needs_the_token() {
        api.storeModel("v1", 0.30);

        HttpResponse<String> response = api.postWithoutToken("/api/v1/models/v1/promote", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(api.registry.currentVersion()).isEmpty();
    }

    /** Issue 16: each version carries the other recommenders' scores on its holdout, for the dashboard's plot. */
    @Test
    void model_list_carries_every_recommenders_scores_on_the_versions_holdout() {
        api.registry.store(new ModelVersion("v1", Instant.parse("2024-05-02T00:00:00Z"),
                new ModelMetrics(Map.of(ModelMetrics.HR_20, 0.4), 42), "test", null,
                Map.of("session-knn", new ModelMetrics(Map.of(ModelMetrics.HR_20, 0.35, ModelMetrics.MRR_20, 0.2), 42),
                        "most-popular", new ModelMetrics(Map.of(ModelMetrics.HR_20, 0.1), 42))));
        api.storeModel("v0", 0.3);

        JsonNode list = ApiHarness.json(api.get("/api/v1/models"));

        JsonNode v1 = list.at("/models/0");
        assertThat(v1.get("version").asText()).isEqualTo("v1");
        assertThat(v1.at("/baselines/session-knn/HR@20").asDouble()).isEqualTo(0.35);
        assertThat(v1.at("/baselines/session-knn/MRR@20").asDouble()).isEqualTo(0.2);
        assertThat(v1.at("/baselines/most-popular/HR@20").asDouble()).isEqualTo(0.1);
        assertThat(list.at("/models/1/baselines").isObject()).isTrue();
        assertThat(list.at("/models/1/baselines").size()).isZero();
    }
}
