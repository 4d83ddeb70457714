package io.clickstream.adapter.http;

import static io.clickstream.adapter.http.JobEndpointsTest.assertBadParameter;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.domain.Catalogue;
import io.clickstream.domain.CatalogueItem;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The filters of every recommendation endpoint, as query parameters (GET) and body fields (POST). */
class RecommendationFiltersTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private ApiHarness api;

    @BeforeEach
    void start() {
        api = ApiHarness.start(Map.of());
        // The stand-in model ranks i1..i5 in that order; i3 is sold out, i5 hidden.
        api.catalogue.set(Catalogue.EMPTY.with(List.of(
                new CatalogueItem("i1", Set.of("a"), true, false, AT),
                new CatalogueItem("i2", Set.of("b", "c"), true, false, AT),
                new CatalogueItem("i3", Set.of("a"), false, false, AT),
                new CatalogueItem("i4", Set.of("c"), true, false, AT),
                new CatalogueItem("i5", Set.of("a"), true, true, AT))));
        api.storeModel("v1", 0.5);
        assertThat(api.post("/api/v1/models/v1/promote", null).statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void unavailable_and_hidden_items_are_never_recommended_on_any_endpoint_and_the_answer_counts_them() {
        JsonNode user = ApiHarness.json(api.get("/api/v1/recommendations?userId=stranger&k=5"));
        JsonNode session = ApiHarness.json(api.post("/api/v1/recommendations", "{\"items\": [\"i1\"], \"k\": 3}"));
        JsonNode similar = ApiHarness.json(api.get("/api/v1/items/i1/similar?k=3"));

        assertThat(ids(user)).containsExactly("i1", "i2", "i4");
        assertThat(user.get("filtered").asInt()).isEqualTo(2);
        assertThat(ids(session)).containsExactly("i2", "i4");
        assertThat(session.get("filtered").asInt()).isEqualTo(1);
        assertThat(ids(similar)).containsExactly("i2", "i4");
        assertThat(similar.get("filtered").asInt()).isEqualTo(1);
    }

    @Test
    void categories_keep_only_items_of_any_of_them_and_k_still_come_back_when_enough_qualify() {
        JsonNode user = ApiHarness.json(api.get("/api/v1/recommendations?userId=stranger&k=2&categories=b,c"));
        JsonNode session = ApiHarness.json(api.post("/api/v1/recommendations",
                "{\"items\": [\"i4\"], \"k\": 2, \"categories\": [\"a\", \"b\"]}"));
        JsonNode similar = ApiHarness.json(api.get("/api/v1/items/i2/similar?k=1&categories=c&categories=a"));

        assertThat(ids(user)).containsExactly("i2", "i4");
        assertThat(user.get("filtered").asInt()).isEqualTo(1);
        assertThat(ids(session)).containsExactly("i1", "i2");
        assertThat(ids(similar)).containsExactly("i1");
    }

    @Test
    void exclude_works_on_every_endpoint_and_unfiltered_answers_say_zero() {
        api.catalogue.set(Catalogue.EMPTY);

        JsonNode session = ApiHarness.json(api.post("/api/v1/recommendations",
                "{\"items\": [\"i1\"], \"k\": 2, \"exclude\": [\"i2\"]}"));
        JsonNode similar = ApiHarness.json(api.get("/api/v1/items/i1/similar?k=2&exclude=i2,i3"));
        JsonNode plain = ApiHarness.json(api.get("/api/v1/items/i1/similar?k=2"));

        assertThat(ids(session)).containsExactly("i3", "i4");
        assertThat(session.get("filtered").asInt()).isEqualTo(1);
        assertThat(ids(similar)).containsExactly("i4", "i5");
        assertThat(similar.get("filtered").asInt()).isEqualTo(2);
        assertThat(ids(plain)).containsExactly("i2", "i3");
        assertThat(plain.get("filtered").asInt()).isZero();
    }

    @Test
    void a_catalogue_change_applies_to_the_next_request_without_a_new_model() {
        assertThat(ids(ApiHarness.json(api.get("/api/v1/recommendations?userId=stranger&k=1")))).containsExactly("i1");

        api.catalogue.set(api.catalogue.get().with(List.of(new CatalogueItem("i1", Set.of("a"), false, false,
                AT.plusSeconds(1)))));

        assertThat(ids(ApiHarness.json(api.get("/api/v1/recommendations?userId=stranger&k=1")))).containsExactly("i2");
    }

    @Test
    void bad_filters_are_bad_requests_naming_the_parameter() {
        assertBadParameter(api.get("/api/v1/recommendations?userId=u1&excludeSeen=yes"), "excludeSeen");
        assertBadParameter(api.get("/api/v1/recommendations?userId=u1&excludeSeen=true&excludeSeen=false"), "excludeSeen");
        assertBadParameter(api.get("/api/v1/items/i1/similar?categories=%01"), "categories");
        assertBadParameter(api.get("/api/v1/items/i1/similar?exclude=" + "x".repeat(257)), "exclude");
        assertBadParameter(api.get("/api/v1/recommendations?userId=u1&categories="
                + String.join(",", java.util.stream.IntStream.range(0, 1001).mapToObj(i -> "c" + i).toList())), "categories");
        assertBadParameter(api.post("/api/v1/recommendations", "{\"items\": [], \"excludeSeen\": \"true\"}"), "excludeSeen");
        assertBadParameter(api.post("/api/v1/recommendations", "{\"items\": [], \"categories\": \"a\"}"), "categories");
        assertBadParameter(api.post("/api/v1/recommendations", "{\"items\": [], \"categories\": [\"\"]}"), "categories");
        assertBadParameter(api.post("/api/v1/recommendations", "{\"items\": [], \"exclude\": [1]}"), "exclude");
    }

    private static List<String> ids(JsonNode body) {
        List<String> ids = new java.util.ArrayList<>();
        body.get("items").forEach(i -> ids.add(i.get("itemId").asText()));
        return ids;
    }
}
