package io.clickstream.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 14 finding 2: JSON nulls are bad requests, never a 500. */
class NullBodiesTest {
    private ApiHarness api;

    @BeforeEach
    void start() {
        api = ApiHarness.start(Map.of());
        api.storeModel("v1", 0.2);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void a_null_body_is_400_on_every_post() {
        for (String path : new String[]{"/api/v1/recommendations", "/api/v1/jobs/ingest", "/api/v1/models/v1/promote"}) {
            HttpResponse<String> response = api.post(path, "null");

            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(error(response).get("message").asText()).as(path).contains("must be a JSON object");
        }
    }

    @Test
    void a_null_item_is_400_naming_items() {
        HttpResponse<String> response = api.post("/api/v1/recommendations", "{\"items\": [\"i1\", null]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).get("parameter").asText()).isEqualTo("items");
        assertThat(error(response).get("message").asText()).contains("items[1]");
    }

    @Test
    void an_explicit_null_field_is_400_naming_it() {
        assertNullRefused("/api/v1/recommendations", "{\"items\": [\"i1\"], \"k\": null}", "k");
        assertNullRefused("/api/v1/recommendations", "{\"items\": null}", "items");
        assertNullRefused("/api/v1/jobs/ingest", "{\"runId\": null}", "runId");
        assertNullRefused("/api/v1/models/v1/promote", "{\"reason\": null}", "reason");
    }

    private void assertNullRefused(String path, String body, String field) {
        HttpResponse<String> response = api.post(path, body);

        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(error(response).get("parameter").asText()).as(body).isEqualTo(field);
        assertThat(error(response).get("message").asText()).as(body).isEqualTo(field + ": must not be null");
    }

    private static JsonNode error(HttpResponse<String> response) {
        return ApiHarness.json(response).get("error");
    }
}
