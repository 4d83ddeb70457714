package io.clickstream.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 14 finding 9: the admin token for jobs and promote, client keys (or nothing) for recommendations. */
class ScopesTest {
    private static final String SESSION = "{\"items\": [\"i1\"], \"k\": 2}";

    private ApiHarness api;

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void recommendations_need_no_admin_token() {
        api = ApiHarness.start(Map.of());
        api.storeModel("v1", 0.2);
        api.post("/api/v1/models/v1/promote", null);

        assertThat(api.postWithoutToken("/api/v1/recommendations", SESSION).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/recommendations?userId=u1").statusCode()).isEqualTo(200);
        assertThat(api.postWithoutToken("/api/v1/jobs/ingest", null).statusCode()).isEqualTo(401);
        assertThat(api.postWithoutToken("/api/v1/models/v1/promote", null).statusCode()).isEqualTo(401);
    }

    @Test
    void with_client_keys_recommendations_need_a_key_that_cannot_run_jobs_or_promote() {
        api = new ApiHarness(Map.of(), ApiHarness.settings().withClientKeys(List.of("shop-front", "mobile-app")));
        api.storeModel("v1", 0.2);
        api.post("/api/v1/models/v1/promote", null);

        assertThat(withKey("shop-front", "/api/v1/recommendations", SESSION).statusCode()).isEqualTo(200);
        assertThat(withKey("mobile-app", "/api/v1/recommendations", SESSION).statusCode()).isEqualTo(200);
        assertThat(withKey(ApiHarness.TOKEN, "/api/v1/recommendations", SESSION).statusCode()).isEqualTo(200);
        assertThat(api.send(api.request("/api/v1/items/i1/similar").header("Authorization", "Bearer shop-front").GET())
                .statusCode()).isEqualTo(200);

        HttpResponse<String> noKey = api.postWithoutToken("/api/v1/recommendations", SESSION);
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(ApiHarness.json(noKey).at("/error/message").asText()).contains("api.client.keys");
        assertThat(api.get("/api/v1/recommendations?userId=u1").statusCode()).isEqualTo(401);
        assertThat(withKey("wrong", "/api/v1/recommendations", SESSION).statusCode()).isEqualTo(401);

        assertThat(withKey("shop-front", "/api/v1/jobs/ingest", null).statusCode()).isEqualTo(401);
        assertThat(withKey("shop-front", "/api/v1/models/v1/promote", null).statusCode()).isEqualTo(401);
        assertThat(api.get("/health").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> withKey(String key, String path, String json) {
        return api.send(api.request(path).header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(json == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(json)));
    }
}
