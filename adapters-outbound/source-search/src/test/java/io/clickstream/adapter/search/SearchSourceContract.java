package io.clickstream.adapter.search;

import static io.clickstream.adapter.search.SearchEventFixtures.JSON;
import static io.clickstream.adapter.search.SearchEventFixtures.withoutNulls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.application.port.out.ClickstreamSource;
import io.clickstream.application.port.out.ClickstreamSource.Chunk;
import io.clickstream.application.port.out.HealthIndicator;
import io.clickstream.domain.ClickstreamRecord;
import io.clickstream.domain.DependencyUnavailableException;
import io.clickstream.domain.EventId;
import io.clickstream.domain.EventType;
import io.clickstream.domain.Interaction;
import io.clickstream.domain.RejectedRecord;
import io.clickstream.domain.Source;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What every search-engine source must do against a real engine: each event read exactly once across chunks,
 * ties on timestamp kept across page boundaries, only newer events after a checkpoint, bad documents rejected with
 * a reason, and an engine that goes down reported by name. Subclasses say which engine; it is started once per class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SearchSourceContract extends EngineContract {

    static final Instant START = Instant.parse("2026-11-21T10:00:00Z");
    static final ResilienceSettings FAST = new ResilienceSettings(3, Duration.ofMillis(50), Duration.ofSeconds(1),
            Duration.ofSeconds(20), Duration.ofSeconds(1));

    ClickstreamSource source(int pageSize, Duration safetyLag, Clock clock) {
        return new SearchClickstreamSourceAdapter(engine().settings().withPageSize(pageSize).withSafetyLag(safetyLag)
                .withResilience(FAST), clock);
    }

    /** How the adapter names the engine in errors, such as {@code OpenSearch (http://127.0.0.1:9201)}. */
    String dependencyName() {
        return engine().dependencyName();
    }

    /** The origin of a rejected document is this followed by the document's id. */
    String originPrefix() {
        return engine().index() + "/";
    }

    void stopEngine() {
        engine().close();
    }

    ClickstreamSource source(int pageSize) {
        return source(pageSize, Duration.ZERO, Clock.systemUTC());
    }

    @BeforeEach
    void startEmpty() {
        clear();
    }

    @Test
    void collects_every_event_exactly_once_in_chunks_with_correct_mapping() {
        List<ObjectNode> events = SearchEventFixtures.generate(5_000, 1, START);
        load(events);
        ClickstreamSource source = source(250);

        Drained drained = drain(source, Optional.empty(), 700);

        assertThat(drained.calls).isEqualTo(8);
        assertThat(drained.rejected).isEmpty();
        assertThat(drained.records).hasSize(events.size());
        Map<String, ClickstreamRecord> byId = drained.records.stream()
                .collect(Collectors.toMap(r -> read(r.raw()).get("id").asText(), Function.identity()));
        assertThat(byId).hasSize(events.size());
        for (ObjectNode event : events) {
            assertMapped(byId.get(event.get("id").asText()), event);
        }
        assertThat(drained.records).extracting(r -> r.interaction().eventTime())
                .isSortedAccordingTo(Comparator.naturalOrder());

        Chunk again = source.collect(Optional.of(drained.checkpoint), 700);
        assertThat(again.records()).isEmpty();
        assertThat(again.rejected()).isEmpty();
        assertThat(again.endReached()).isTrue();
        assertThat(again.nextCheckpoint()).isEqualTo(drained.checkpoint);
    }

    @Test
    void a_later_run_reads_only_the_events_added_after_its_checkpoint() {
        List<ObjectNode> first = SearchEventFixtures.generate(300, 2, START);
        load(first);
        ClickstreamSource source = source(100);
        Drained before = drain(source, Optional.empty(), 1_000);
        assertThat(before.records).hasSize(300);

        Instant last = Instant.parse(first.get(first.size() - 1).get("timestamp").asText());
        List<ObjectNode> newer = SearchEventFixtures.generate(150, 3, last);
        load(newer);
        Drained after = drain(source, Optional.of(before.checkpoint), 1_000);

        assertThat(ids(after.records)).containsExactlyInAnyOrderElementsOf(
                newer.stream().map(e -> e.get("id").asText()).toList());
    }

    @Test
    void ties_on_timestamp_across_page_boundaries_are_neither_lost_nor_duplicated() {
        List<ObjectNode> tied = new ArrayList<>();
        Instant same = START.plusMillis(123);
        for (int i = 0; i < 40; i++) {
            tied.add(SearchEventFixtures.doc(Map.of("id", String.format("tie-%02d", (i * 17) % 40),
                    "timestamp", same.toString(), "event", "search", "query", "q" + i, "session_id", "s1")));
        }
        load(tied);

        Drained drained = drain(source(7), Optional.empty(), 10);

        assertThat(drained.calls).isEqualTo(5);
        List<String> expected = tied.stream().map(e -> e.get("id").asText()).sorted().toList();
        assertThat(ids(drained.records)).containsExactlyElementsOf(expected);
        assertThat(drained.checkpoints.get(0)).contains(same.toString()).contains("tie-09");
    }

    @Test
    void documents_that_are_not_events_are_rejected_with_their_reason() {
        ObjectNode search = SearchEventFixtures.doc(Map.of("id", "b-ok-1", "timestamp", "2026-11-21T10:00:01Z",
                "event", "search", "query", "red shoes", "session_id", "s1"));
        ObjectNode unknownEvent = SearchEventFixtures.doc(Map.of("id", "b-bad-1",
                "timestamp", "2026-11-21T10:00:02Z", "event", "purchase", "session_id", "s1"));
        ObjectNode clickWithoutItem = SearchEventFixtures.doc(Map.of("id", "b-bad-2",
                "timestamp", "2026-11-21T10:00:03Z", "event", "click", "query", "red shoes", "position", 2));
        ObjectNode noTimestamp = SearchEventFixtures.doc(Map.of("id", "b-bad-3", "event", "search",
                "query", "blue hat"));
        ObjectNode click = SearchEventFixtures.doc(Map.of("id", "b-ok-2", "timestamp", "2026-11-21T10:00:04Z",
                "event", "click", "query", "red shoes", "item_id", "i42", "position", 1));
        load(List.of(search, unknownEvent, clickWithoutItem, noTimestamp, click));
        ClickstreamSource source = source(2);

        Drained drained = drain(source, Optional.empty(), 3);

        assertThat(ids(drained.records)).containsExactly("b-ok-1", "b-ok-2");
        assertThat(drained.rejected).extracting(RejectedRecord::origin).containsExactly(
                originPrefix() + "b-bad-3", originPrefix() + "b-bad-1", originPrefix() + "b-bad-2");
        assertThat(drained.rejected.get(0).reason()).contains("no timestamp").contains("'timestamp'");
        assertThat(drained.rejected.get(1).reason()).contains("unknown event 'purchase'");
        assertThat(drained.rejected.get(2).reason()).contains("click without an item").contains("'item_id'");
        assertThat(drained.rejected).allSatisfy(r -> assertThat(r.source()).isEqualTo(Source.SEARCH));
        assertThat(read(drained.rejected.get(0).raw())).isEqualTo(noTimestamp);

        assertThat(drain(source, Optional.of(drained.checkpoint), 3).all()).isEmpty();
        ObjectNode laterNoTimestamp = SearchEventFixtures.doc(Map.of("id", "b-bad-4", "event", "search"));
        load(List.of(laterNoTimestamp));
        Drained later = drain(source, Optional.of(drained.checkpoint), 3);
        assertThat(later.records).isEmpty();
        assertThat(later.rejected).extracting(RejectedRecord::origin).containsExactly(originPrefix() + "b-bad-4");
    }

    @Test
    void the_same_checkpoint_gives_the_same_chunk() {
        load(SearchEventFixtures.generate(500, 4, START));
        ClickstreamSource source = source(50);

        Chunk first = source.collect(Optional.empty(), 120);
        Chunk again = source.collect(Optional.empty(), 120);
        Chunk next = source.collect(Optional.of(first.nextCheckpoint()), 120);
        Chunk nextAgain = source.collect(Optional.of(first.nextCheckpoint()), 120);

        assertThat(first.records()).hasSize(120);
        assertThat(again).isEqualTo(first);
        assertThat(nextAgain).isEqualTo(next);
        assertThat(ids(next.records())).doesNotContainAnyElementsOf(ids(first.records()));
    }

    @Test
    void a_safety_lag_holds_back_events_newer_than_now_minus_the_lag() {
        Instant now = Instant.parse("2026-11-21T12:00:00Z");
        load(List.of(
                searchAt("lag-old-1", now.minus(Duration.ofHours(2))),
                searchAt("lag-old-2", now.minus(Duration.ofMinutes(6))),
                searchAt("lag-new-1", now.minus(Duration.ofMinutes(4))),
                searchAt("lag-new-2", now.minusSeconds(1))));

        Drained early = drain(source(10, Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC)),
                Optional.empty(), 100);
        Drained later = drain(source(10, Duration.ofMinutes(5), Clock.fixed(now.plusSeconds(600), ZoneOffset.UTC)),
                Optional.of(early.checkpoint), 100);

        assertThat(ids(early.records)).containsExactly("lag-old-1", "lag-old-2");
        assertThat(ids(later.records)).containsExactly("lag-new-1", "lag-new-2");
    }

    @Test
    void reports_itself_healthy_while_the_engine_answers() {
        load(SearchEventFixtures.generate(3, 5, START));

        var status = ((HealthIndicator) source(10)).check();

        assertThat(status.up()).as(status.detail()).isTrue();
        assertThat(status.detail()).contains("3 documents");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void an_engine_that_is_down_fails_the_collection_naming_it() {
        ClickstreamSource source = source(10);
        stopEngine();

        assertThatThrownBy(() -> source.collect(Optional.empty(), 10))
                .isInstanceOfSatisfying(DependencyUnavailableException.class,
                        e -> assertThat(e.dependency()).isEqualTo(dependencyName()))
                .hasMessageContaining(dependencyName() + " is unavailable");
        assertThat(((HealthIndicator) source).check().up()).isFalse();
    }

    private static ObjectNode searchAt(String id, Instant ts) {
        return SearchEventFixtures.doc(Map.of("id", id, "timestamp", ts.toString(), "event", "search",
                "query", "q", "session_id", "s"));
    }

    private static void assertMapped(ClickstreamRecord record, ObjectNode event) {
        assertThat(record).as("record of %s", event).isNotNull();
        Interaction i = record.interaction();
        assertThat(i.eventId()).isEqualTo(EventId.of(Source.SEARCH, record.raw()));
        assertThat(i.source()).isEqualTo(Source.SEARCH);
        assertThat(i.eventTime()).isEqualTo(Instant.parse(event.get("timestamp").asText()));
        boolean click = event.get("event").asText().equals("click");
        assertThat(i.eventType()).isEqualTo(click ? EventType.SEARCH_CLICK : EventType.SEARCH);
        assertThat(i.query()).isEqualTo(event.get("query").asText());
        assertThat(i.userId()).isEqualTo(event.get("user_id").isNull() ? null : event.get("user_id").asText());
        assertThat(i.sessionId()).isEqualTo(event.get("session_id").asText());
        assertThat(i.itemId()).isEqualTo(click ? event.get("item_id").asText() : null);
        assertThat(withoutNulls(read(record.raw()))).isEqualTo(withoutNulls(event));
        assertThat(SearchEventMapper.canonicalJson(read(record.raw()))).isEqualTo(record.raw());
    }

    static JsonNode read(String raw) {
        try {
            return JSON.readTree(raw);
        } catch (Exception e) {
            throw new AssertionError("raw is not JSON: " + raw, e);
        }
    }

    static List<String> ids(List<ClickstreamRecord> records) {
        return records.stream().map(r -> read(r.raw()).get("id").asText()).toList();
    }

    /** Collects until the source says it reached the end, as the ingest service does. */
    static Drained drain(ClickstreamSource source, Optional<String> checkpoint, int maxRecords) {
        Drained drained = new Drained();
        Optional<String> at = checkpoint;
        for (int guard = 0; guard < 10_000; guard++) {
            Chunk chunk = source.collect(at, maxRecords);
            drained.calls++;
            assertThat(chunk.linesRead()).isEqualTo(chunk.records().size() + chunk.rejected().size())
                    .isLessThanOrEqualTo(maxRecords);
            drained.records.addAll(chunk.records());
            drained.rejected.addAll(chunk.rejected());
            drained.checkpoints.add(chunk.nextCheckpoint());
            drained.checkpoint = chunk.nextCheckpoint();
            at = Optional.of(chunk.nextCheckpoint());
            if (chunk.endReached()) {
                return drained;
            }
        }
        throw new AssertionError("the source never reached the end");
    }

    static final class Drained {
        final List<ClickstreamRecord> records = new ArrayList<>();
        final List<RejectedRecord> rejected = new ArrayList<>();
        final List<String> checkpoints = new ArrayList<>();
        String checkpoint;
        int calls;

        List<Object> all() {
            List<Object> all = new ArrayList<>(records);
            all.addAll(rejected);
            return all;
        }
    }
}
