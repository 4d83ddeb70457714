package io.clickstream.adapter.http;

import static io.clickstream.adapter.http.JobEndpointsTest.assertBadParameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.adapter.http.ServingTimeline.Point;
import io.clickstream.adapter.http.ServingTimeline.RouteTimeline;
import io.clickstream.adapter.http.ServingTimeline.Snapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The dashboard's serving view: requests and latency per route in 10-second slots, and model swaps. */
class ServingTimelineTest {
    private static final long T0 = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();

    private final AtomicLong clock = new AtomicLong(T0);
    private final AtomicReference<Optional<String>> served = new AtomicReference<>(Optional.empty());
    private final ServingTimeline timeline = new ServingTimeline(served::get, clock::get);

    @Test
    void counts_requests_per_slot_with_their_rate_and_percentiles_within_ten_percent() {
        ServingTimeline.Ring ring = timeline.ring("POST", "/api/v1/recommendations");
        for (int i = 1; i <= 100; i++) {
            ring.record(i * 1_000_000L); // 1 ms .. 100 ms
        }
        clock.addAndGet(10_000);
        ring.record(5_000_000L);
        clock.addAndGet(5_000);

        Snapshot snapshot = timeline.last(1);

        assertThat(snapshot.slotSeconds()).isEqualTo(10);
        assertThat(snapshot.routes()).hasSize(1);
        RouteTimeline route = snapshot.routes().get(0);
        assertThat(route.method()).isEqualTo("POST");
        assertThat(route.route()).isEqualTo("/api/v1/recommendations");
        assertThat(route.points()).hasSize(6);
        Point full = route.points().get(4);
        assertThat(full.at()).isEqualTo(Instant.ofEpochMilli(T0));
        assertThat(full.requests()).isEqualTo(100);
        assertThat(full.perSecond()).isEqualTo(10.0);
        assertThat(full.p50Millis()).isBetween(50.0, 55.0);
        assertThat(full.p99Millis()).isBetween(99.0, 99.0 * 1.1);
        Point filling = route.points().get(5);
        assertThat(filling.requests()).isEqualTo(1);
        assertThat(filling.perSecond()).isCloseTo(1 / 5.0, within(1e-9)); // 5 s of the current slot have passed
        assertThat(route.points().get(0).requests()).isZero();
        assertThat(route.points().get(0).p50Millis()).isNull();
    }

    @Test
    void a_slot_is_reused_after_ten_minutes_and_routes_without_requests_in_the_window_are_left_out() {
        ServingTimeline.Ring ring = timeline.ring("GET", "/health");
        ring.record(1_000_000L);
        timeline.ring("GET", "/metrics");
        clock.addAndGet(ServingTimeline.SLOTS * ServingTimeline.SLOT_SECONDS * 1000L);
        ring.record(2_000_000L);

        Snapshot snapshot = timeline.last(10);

        assertThat(snapshot.routes()).extracting(RouteTimeline::route).containsExactly("/health");
        assertThat(snapshot.routes().get(0).points().stream().mapToLong(Point::requests).sum()).isEqualTo(1);
        assertThat(snapshot.routes().get(0).points()).hasSize(60);
    }

    @Test
    void a_change_of_the_served_version_is_a_swap_noticed_when_a_slot_begins_or_the_timeline_is_read() {
        ServingTimeline.Ring ring = timeline.ring("GET", "/health");
        ring.record(1_000L);
        served.set(Optional.of("v1"));
        clock.addAndGet(10_000);
        ring.record(1_000L); // a new slot: notices v1
        served.set(Optional.of("v2"));
        clock.addAndGet(3_000);

        Snapshot snapshot = timeline.last(10); // notices v2

        assertThat(snapshot.servedVersion()).isEqualTo("v2");
        assertThat(snapshot.swaps()).extracting(ServingTimeline.Swap::from, ServingTimeline.Swap::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(null, "v1"), org.assertj.core.groups.Tuple.tuple("v1", "v2"));
        assertThat(snapshot.swaps().get(0).at()).isEqualTo(Instant.ofEpochMilli(T0 + 10_000));
        assertThat(timeline.last(10).swaps()).hasSize(2);
    }

    @Test
    void only_one_to_ten_minutes_can_be_asked_for() {
        assertThatThrownBy(() -> timeline.last(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> timeline.last(11)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buckets_grow_by_ten_percent_so_a_percentile_is_never_below_and_at_most_ten_percent_above() {
        for (long nanos : new long[] {60_000, 1_000_000, 7_777_777, 123_456_789, 2_000_000_000L}) {
            double upper = ServingTimeline.upperMillis(ServingTimeline.bucket(nanos));
            assertThat(upper).as("%d ns", nanos).isBetween(nanos / 1e6, nanos / 1e6 * 1.1);
        }
    }

    @Test
    void the_endpoint_shows_the_routes_that_were_asked_and_refuses_a_window_outside_one_to_ten_minutes() {
        try (ApiHarness api = ApiHarness.start(Map.of())) {
            api.get("/health");
            api.get("/health");
            api.get("/api/v1/models");

            JsonNode timeline = ApiHarness.json(api.get("/api/v1/serving/timeline?minutes=2"));

            assertThat(timeline.get("slotSeconds").asInt()).isEqualTo(10);
            JsonNode health = null;
            for (JsonNode route : timeline.get("routes")) {
                if (route.get("route").asText().equals("/health")) {
                    health = route;
                }
            }
            assertThat(health).as(timeline.toString()).isNotNull();
            assertThat(health.get("points")).hasSize(12);
            long requests = 0;
            for (JsonNode p : health.get("points")) {
                requests += p.get("requests").asLong();
            }
            assertThat(requests).isEqualTo(2);
            assertThat(timeline.get("swaps").isArray()).isTrue();
            assertBadParameter(api.get("/api/v1/serving/timeline?minutes=0"), "minutes");
            assertBadParameter(api.get("/api/v1/serving/timeline?minutes=11"), "minutes");
        }
    }
}
