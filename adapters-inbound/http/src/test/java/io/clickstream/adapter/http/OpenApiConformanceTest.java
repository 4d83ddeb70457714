package io.clickstream.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 14 finding 7: where the API and its OpenAPI document disagreed, they now agree. */
class OpenApiConformanceTest {
    private ApiHarness api;

    @BeforeEach
    void start() {
        api = ApiHarness.start(Map.of());
        api.storeModel("v1", 0.2);
        api.post("/api/v1/models/v1/promote", null);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void head_is_answered_wherever_get_is() {
        for (String path : new String[]{"/health", "/openapi.json", "/api/v1/jobs", "/api/v1/models/current",
                "/api/v1/recommendations?userId=u1", "/api/v1/items/i1/similar"}) {
            HttpResponse<String> head = api.send(api.request(path).method("HEAD", BodyPublishers.noBody()));

            assertThat(head.statusCode()).as(path).isEqualTo(200);
            assertThat(head.body()).as(path).isEmpty();
        }
    }

    @Test
    void a_bad_percent_escape_or_too_many_parameters_is_400_in_the_envelope() {
        String[] badEscape = api.rawGet("/api/v1/recommendations?userId=u%ZZ");
        String[] badPath = api.rawGet("/api/v1/items/i%ZZ/similar");
        HttpResponse<String> many = api.get("/api/v1/recommendations?userId=u1" + "&p=1".repeat(1000));

        assertThat(badEscape[0]).startsWith("HTTP/1.1 400");
        assertThat(badEscape[1]).contains("\"parameter\":\"userId\"").contains("percent-encoding");
        assertThat(badPath[0]).startsWith("HTTP/1.1 400");
        assertThat(badPath[1]).contains("\"parameter\":\"itemId\"");
        assertThat(many.statusCode()).isEqualTo(400);
        assertThat(ApiHarness.json(many).at("/error/message").asText()).contains("at most 1000 query parameters");
        assertThat(api.get("/api/v1/recommendations?userId=u%201+x&exclude=i%2C2,i3").statusCode()).isEqualTo(200);
    }

    @Test
    void an_empty_run_id_is_refused_as_the_schema_says() {
        HttpResponse<String> response = api.post("/api/v1/jobs/ingest", "{\"runId\": \"\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(ApiHarness.json(response).at("/error/parameter").asText()).isEqualTo("runId");
    }

    @Test
    void user_ids_refuse_control_characters_like_item_ids_and_the_document_says_so() {
        assertThat(api.get("/api/v1/recommendations?userId=u1%0D%0A").statusCode()).isEqualTo(400);
        assertThat(api.get("/api/v1/recommendations?userId=u1%0A").statusCode()).isEqualTo(400);
        assertThat(api.get("/api/v1/recommendations?userId=").statusCode()).isEqualTo(400);
        assertThat(api.get("/api/v1/items/%C2%84/similar").statusCode()).isEqualTo(400);

        // ECMA-262 semantics, as JSON Schema means them: '$' is the end of the input, never before a final newline.
        Pattern id = Pattern.compile(ApiHarness.json(api.get("/openapi.json")).at("/components/schemas/Id/pattern").asText()
                .replace("$", "\\z"));
        assertThat(id.matcher("u1\r\n").find()).isFalse();
        assertThat(id.matcher("\u0084").find()).isFalse();
        assertThat(id.matcher("").find()).isFalse();
        assertThat(id.matcher("item-é 1").find()).isTrue();
    }

    @Test
    void an_id_of_200_characters_outside_the_basic_plane_is_accepted_as_the_schema_counts_them() {
        String emoji = "\uD83D\uDE00".repeat(200);

        HttpResponse<String> response = api.post("/api/v1/recommendations", "{\"items\": [\"" + emoji + "\"]}");

        assertThat(response.statusCode()).isEqualTo(200);
    }
}
