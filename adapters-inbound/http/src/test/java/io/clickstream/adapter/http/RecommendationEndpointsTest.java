package io.clickstream.adapter.http;

import static io.clickstream.adapter.http.JobEndpointsTest.assertBadParameter;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecommendationEndpointsTest {
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
    void recommendations_without_a_published_model_are_404_in_the_envelope_never_a_5xx() {
        for (HttpResponse<String> response : new HttpResponse[] {
                api.get("/api/v1/recommendations?userId=u1"),
                api.post("/api/v1/recommendations", "{\"items\": [\"i1\"]}"),
                api.get("/api/v1/items/i1/similar")}) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(ApiHarness.json(response).at("/error/code").asText()).isEqualTo("not_found");
            assertThat(ApiHarness.json(response).at("/error/message").asText()).contains("no model is published");
        }
    }

    @Test
    void bad_query_parameters_are_bad_requests_naming_them_even_without_a_model() {
        assertBadParameter(api.get("/api/v1/recommendations?userId=u1&k=-1"), "k");
        assertBadParameter(api.get("/api/v1/recommendations?userId=u1&k=101"), "k");
        assertBadParameter(api.get("/api/v1/recommendations?userId=u1&k=ten"), "k");
        assertBadParameter(api.get("/api/v1/recommendations?k=5"), "userId");
        assertBadParameter(api.get("/api/v1/recommendations?userId=u1&userId=u2"), "userId");
        assertBadParameter(api.get("/api/v1/items/i1/similar?k=0"), "k");
    }

    @Test
    void known_user_gets_model_recommendations_without_purchased_or_excluded_items() {
        publish("v1");

        HttpResponse<String> response = api.get("/api/v1/recommendations?userId=known-user&k=2&exclude=i3");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = ApiHarness.json(response);
        assertThat(body.get("modelVersion").asText()).isEqualTo("v1");
        assertThat(body.get("strategy").asText()).isEqualTo("model");
        assertThat(body.get("fallback").asBoolean()).isFalse();
        // i1 was seen, i2 purchased, i3 excluded: the catalog order gives i4, i5
        assertThat(body.get("items")).extracting(i -> i.get("itemId").asText()).containsExactly("i4", "i5");
        assertThat(body.at("/items/0/score").asDouble()).isGreaterThan(body.at("/items/1/score").asDouble());
    }

    @Test
    void unknown_user_gets_popular_items_marked_as_fallback_with_default_k() {
        publish("v1");

        JsonNode body = ApiHarness.json(api.get("/api/v1/recommendations?userId=stranger"));

        assertThat(body.get("strategy").asText()).isEqualTo("popular_fallback");
        assertThat(body.get("fallback").asBoolean()).isTrue();
        assertThat(body.get("items")).hasSize(ApiHarness.CATALOG.size());
    }

    @Test
    void anonymous_session_gets_recommendations_from_its_items() {
        publish("v1");

        HttpResponse<String> response = api.post("/api/v1/recommendations", "{\"items\": [\"i1\", \"i2\"], \"k\": 2}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = ApiHarness.json(response);
        assertThat(body.get("strategy").asText()).isEqualTo("model");
        assertThat(body.get("items")).extracting(i -> i.get("itemId").asText()).containsExactly("i3", "i4");
    }

    @Test
    void session_body_errors_name_the_field() {
        publish("v1");

        assertBadParameter(api.post("/api/v1/recommendations", "{\"items\": \"i1\"}"), "items");
        assertBadParameter(api.post("/api/v1/recommendations", "{\"items\": [1, 2]}"), "items");
        assertBadParameter(api.post("/api/v1/recommendations", "{\"items\": [\"i1\"], \"k\": \"2\"}"), "k");
        assertBadParameter(api.post("/api/v1/recommendations", "{\"items\": [\"i1\"], \"k\": 2.5}"), "k");
        assertBadParameter(api.post("/api/v1/recommendations", "{\"items\": [\"i1\"], \"k\": 0}"), "k");
        assertBadParameter(api.post("/api/v1/recommendations", "{\"k\": 3}"), "items");
        assertBadParameter(api.post("/api/v1/recommendations", null), "items");
    }

    @Test
    void similar_items_come_from_the_model_and_an_unknown_item_is_not_found() {
        publish("v1");

        JsonNode similar = ApiHarness.json(api.get("/api/v1/items/i2/similar?k=2"));
        HttpResponse<String> unknown = api.get("/api/v1/items/nope/similar");

        assertThat(similar.get("items")).extracting(i -> i.get("itemId").asText()).containsExactly("i1", "i3");
        assertThat(similar.get("modelVersion").asText()).isEqualTo("v1");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(ApiHarness.json(unknown).at("/error/message").asText()).contains("nope");
    }

    private void publish(String version) {
        api.storeModel(version, 0.5);
        assertThat(api.post("/api/v1/models/" + version + "/promote", null).statusCode()).isEqualTo(200);
    }
}
