package io.clickstream.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProtocolErrorsTest {
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
    void wrong_method_on_a_known_path_is_405_with_the_allowed_methods() {
        HttpResponse<String> delete = api.send(api.request("/api/v1/jobs").DELETE());
        HttpResponse<String> postHealth = api.post("/health", null);
        HttpResponse<String> put = api.send(api.request("/api/v1/recommendations").PUT(BodyPublishers.noBody()));

        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow")).contains("GET, HEAD");
        assertThat(error(delete).get("code").asText()).isEqualTo("method_not_allowed");
        assertThat(postHealth.statusCode()).isEqualTo(405);
        assertThat(postHealth.headers().firstValue("Allow")).contains("GET, HEAD");
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).contains("GET, HEAD, POST");
    }

    @Test
    void unknown_path_is_404_in_the_envelope() {
        HttpResponse<String> response = api.get("/api/v2/nothing");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(error(response).get("code").asText()).isEqualTo("not_found");
        assertThat(error(response).get("message").asText()).contains("/api/v2/nothing");
    }

    @Test
    void body_over_the_cap_is_413() {
        String big = "{\"runId\": \"" + "a".repeat(2000) + "\"}";

        HttpResponse<String> response = api.post("/api/v1/jobs/ingest", big);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(error(response).get("code").asText()).isEqualTo("payload_too_large");
        assertThat(error(response).get("message").asText()).contains("1024 bytes");
        assertThat(api.jobs.list(new io.clickstream.application.port.in.JobsUseCase.ListJobsQuery(null, 10))).isEmpty();
    }

    @Test
    void chunked_body_over_the_cap_is_413_while_reading() {
        byte[] big = ("{\"items\": [\"" + "x".repeat(3000) + "\"]}").getBytes(StandardCharsets.UTF_8);

        // An input-stream body has no declared length, so the client sends it chunked.
        HttpResponse<String> response = api.send(api.request("/api/v1/recommendations")
                .header("Authorization", "Bearer " + ApiHarness.TOKEN).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(error(response).get("code").asText()).isEqualTo("payload_too_large");
    }

    @Test
    void body_that_is_not_json_is_415() {
        HttpResponse<String> response = api.send(api.request("/api/v1/jobs/ingest")
                .header("Authorization", "Bearer " + ApiHarness.TOKEN).header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString("runId=r1")));

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(error(response).get("code").asText()).isEqualTo("unsupported_media_type");
        assertThat(error(response).get("message").asText()).contains("text/plain");
    }

    @Test
    void json_content_type_with_charset_is_accepted() {
        HttpResponse<String> response = api.send(api.request("/api/v1/jobs/ingest")
                .header("Authorization", "Bearer " + ApiHarness.TOKEN).header("Content-Type", "application/json; charset=UTF-8")
                .POST(BodyPublishers.ofString("{\"runId\": \"r1\"}")));

        assertThat(response.statusCode()).isEqualTo(202);
    }

    @Test
    void malformed_json_is_a_bad_request() {
        HttpResponse<String> response = api.post("/api/v1/jobs/ingest", "{\"runId\": ");
        HttpResponse<String> array = api.post("/api/v1/jobs/ingest", "[\"r1\"]");
        HttpResponse<String> trailing = api.post("/api/v1/jobs/ingest", "{\"runId\": \"r1\"} {}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).get("code").asText()).isEqualTo("bad_request");
        assertThat(error(response).get("message").asText()).contains("not valid JSON");
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(error(array).get("message").asText()).contains("must be a JSON object");
        assertThat(trailing.statusCode()).isEqualTo(400);
    }

    @Test
    void get_endpoints_are_open_without_a_token() {
        assertThat(api.get("/api/v1/jobs").statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/models").statusCode()).isEqualTo(200);
    }

    @Test
    void without_a_configured_token_posts_need_no_header() {
        try (ApiHarness open = new ApiHarness(Map.of(), ApiHarness.settings().withToken(null))) {
            HttpResponse<String> response = open.postWithoutToken("/api/v1/jobs/ingest", null);

            assertThat(response.statusCode()).isEqualTo(202);
        }
    }

    private static JsonNode error(HttpResponse<String> response) {
        return ApiHarness.json(response).get("error");
    }
}
