package io.clickstream.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/events}: each event judged on its own, ingest keys, limits, and the histories it feeds. */
class EventEndpointsTest {
    private static final String INGEST_KEY = "shop-beacon";
    private static final String EVENTS = "/api/v1/events";

    private ApiHarness api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    private void start(int maxBatch, int rate, int burst) {
        api = ApiHarness.withEvents(ApiHarness.settings().withClientKeys(List.of("shop-front")),
                new EventIntake(events -> null, List.of(INGEST_KEY, "next-key"), maxBatch, rate, burst));
    }

    private HttpResponse<String> post(String path, String authorization, String contentType, String body) {
        HttpRequest.Builder request = api.request(path).header("Content-Type", contentType).POST(BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", "Bearer " + authorization);
        }
        return api.send(request);
    }

    private HttpResponse<String> events(String body) {
        return post(EVENTS, INGEST_KEY, "application/json", body);
    }

    @Test
    void each_event_is_judged_on_its_own_and_only_the_accepted_ones_reach_the_journal() {
        start(500, 1000, 1000);
        String future = Instant.now().plusSeconds(3600).toString();
        HttpResponse<String> answer = events("""
                {"events": [
                  {"type": "view", "userId": "u1", "itemId": "i1"},
                  {"userId": "u1", "itemId": "i1"},
                  {"type": "teleport", "userId": "u1", "itemId": "i1"},
                  {"type": "purchase", "sessionId": "s1"},
                  {"type": "view", "userId": "u1", "itemId": "i2", "time": "%s"},
                  "not an object",
                  {"type": "view", "userId": "u1", "itemId": "i3", "price": 3},
                  {"type": "view", "itemId": "i3"},
                  {"type": "view", "userId": 42, "itemId": "i4", "time": "2026-01-02T03:04:05+01:00", "eventId": "e-1"},
                  {"type": "view", "userId": "u 1", "itemId": "i4"},
                  null
                ]}""".formatted(future));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode body = ApiHarness.json(answer);
        assertThat(body.path("accepted").asInt()).isEqualTo(2);
        List<String> reasons = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        body.path("rejected").forEach(r -> {
            indexes.add(r.path("index").asInt());
            reasons.add(r.path("reason").asText());
        });
        assertThat(indexes).containsExactly(1, 2, 3, 4, 5, 6, 7, 9, 10);
        assertThat(reasons.get(0)).contains("type is required");
        assertThat(reasons.get(1)).contains("'teleport'");
        assertThat(reasons.get(2)).contains("needs an itemId");
        assertThat(reasons.get(3)).contains("in the future");
        assertThat(reasons.get(4)).contains("JSON object");
        assertThat(reasons.get(5)).contains("unknown field 'price'");
        assertThat(reasons.get(6)).contains("userId or a sessionId");
        assertThat(reasons.get(7)).contains("whitespace");
        assertThat(reasons.get(8)).contains("JSON object");

        List<String> journal = api.journal.entries();
        assertThat(journal).hasSize(2);
        assertThat(journal.get(0)).contains("\tapi\tview\tu1\t").contains("\ti1\t");
        assertThat(journal.get(1)).contains("\te-1\t2026-01-02T02:04:05Z\tapi\tview\t42\t");
    }

    @Test
    void a_users_views_and_purchases_change_their_recommendations_at_once() {
        start(500, 1000, 1000);
        api.storeModel("v1", 0.2);
        api.post("/api/v1/models/v1/promote", null);
        JsonNode before = ApiHarness.json(recommendFor("newcomer"));
        assertThat(before.path("strategy").asText()).isEqualTo("popular_fallback");

        assertThat(events("{\"events\": [{\"type\": \"view\", \"userId\": \"newcomer\", \"itemId\": \"i1\"}]}")
                .statusCode()).isEqualTo(202);
        JsonNode afterView = ApiHarness.json(recommendFor("newcomer"));
        assertThat(afterView.path("strategy").asText()).isEqualTo("model");
        assertThat(itemIds(afterView)).doesNotContain("i1").contains("i2");

        assertThat(events("{\"events\": [{\"type\": \"purchase\", \"userId\": \"newcomer\", \"itemId\": \"i2\"}]}")
                .statusCode()).isEqualTo(202);
        assertThat(itemIds(ApiHarness.json(recommendFor("newcomer")))).doesNotContain("i1", "i2").contains("i3");
    }

    @Test
    void an_ingest_key_opens_the_events_api_in_the_header_or_the_query_and_nothing_else() {
        start(500, 1000, 1000);
        String one = "{\"events\": [{\"type\": \"view\", \"sessionId\": \"s1\", \"itemId\": \"i1\"}]}";

        // the appender watches every accepted post, since an access line is written when the exchange completes,
        // which may be just after the client has its answer; navigator.sendBeacon's key, in the URL, stays out of it
        ch.qos.logback.classic.Logger accessLog = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger(HttpApiServer.ACCESS_LOG);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        accessLog.addAppender(logged);
        List<String> lines;
        try {
            assertThat(post(EVENTS, INGEST_KEY, "application/json", one).statusCode()).isEqualTo(202);
            assertThat(post(EVENTS, "next-key", "application/json", one).statusCode()).isEqualTo(202);
            assertThat(post(EVENTS, ApiHarness.TOKEN, "application/json", one).statusCode()).isEqualTo(202);
            // navigator.sendBeacon: no header, the key in the URL, the body as text/plain
            assertThat(post(EVENTS + "?key=" + INGEST_KEY, null, "text/plain;charset=UTF-8", one).statusCode()).isEqualTo(202);
            long deadline = System.nanoTime() + 5_000_000_000L;
            do {
                synchronized (logged) { // the appender appends under its own lock
                    lines = logged.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
                }
                Thread.onSpinWait();
            } while (lines.size() < 4 && System.nanoTime() < deadline);
        } finally {
            accessLog.detachAppender(logged);
        }
        assertThat(lines).hasSize(4).allSatisfy(line -> assertThat(line)
                .contains("POST /api/v1/events").doesNotContain(INGEST_KEY));

        HttpResponse<String> none = post(EVENTS, null, "application/json", one);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(ApiHarness.json(none).at("/error/message").asText()).contains("events.keys");
        assertThat(post(EVENTS, "shop-front", "application/json", one).statusCode()).isEqualTo(401);
        assertThat(post(EVENTS + "?key=wrong", null, "text/plain", one).statusCode()).isEqualTo(401);

        assertThat(post("/api/v1/recommendations", INGEST_KEY, "application/json", "{\"items\": [\"i1\"]}").statusCode())
                .isEqualTo(401);
        assertThat(post("/api/v1/jobs/ingest", INGEST_KEY, "application/json", "{}").statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/recommendations?key=" + INGEST_KEY, null, "application/json", "{\"items\": [\"i1\"]}")
                .statusCode()).isEqualTo(401);
        assertThat(api.journal.entries()).hasSize(4);
    }

    @Test
    void a_batch_beyond_the_limit_an_empty_one_and_a_foreign_media_type_are_refused_whole() {
        start(3, 1000, 1000);
        String event = "{\"type\": \"view\", \"sessionId\": \"s1\", \"itemId\": \"i1\"}";

        HttpResponse<String> tooMany = events("{\"events\": [" + String.join(",", event, event, event, event) + "]}");
        assertThat(tooMany.statusCode()).isEqualTo(413);
        assertThat(ApiHarness.json(tooMany).at("/error/message").asText()).contains("events.batch.max");
        assertThat(events("{\"events\": []}").statusCode()).isEqualTo(400);
        assertThat(events("{\"evnts\": [" + event + "]}").statusCode()).isEqualTo(400);
        assertThat(events("{\"events\": [" + event).statusCode()).isEqualTo(400);
        assertThat(post(EVENTS, INGEST_KEY, "text/html", "{\"events\": [" + event + "]}").statusCode()).isEqualTo(415);
        assertThat(api.journal.entries()).isEmpty();
        assertThat(events("{\"events\": [" + String.join(",", event, event, event) + "]}").statusCode()).isEqualTo(202);
        assertThat(api.journal.entries()).hasSize(3);
    }

    @Test
    void an_address_beyond_its_rate_gets_429_with_retry_after() {
        start(500, 1, 2);
        String one = "{\"events\": [{\"type\": \"view\", \"sessionId\": \"s1\", \"itemId\": \"i1\"}]}";
        assertThat(events(one).statusCode()).isEqualTo(202);
        assertThat(events(one).statusCode()).isEqualTo(202);
        HttpResponse<String> third = events(one);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(api.journal.entries()).hasSize(2);
        // the limit is the events API's own: recommendations from the same address still answer
        assertThat(api.get("/health").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> recommendFor(String user) {
        return api.send(api.request("/api/v1/recommendations?userId=" + user + "&k=3")
                .header("Authorization", "Bearer shop-front").GET());
    }

    private static List<String> itemIds(JsonNode recommendations) {
        List<String> ids = new ArrayList<>();
        recommendations.path("items").forEach(i -> ids.add(i.path("itemId").asText()));
        return ids;
    }
}
