package io.clickstream.adapter.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.domain.EventId;
import io.clickstream.domain.EventType;
import io.clickstream.domain.Source;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchEventMapperTest {

    private static final Instant TS = Instant.parse("2026-11-21T10:00:00.123Z");
    private final SearchEventMapper mapper = new SearchEventMapper(SearchEventFields.defaults());

    @Test
    void a_click_becomes_a_search_click_on_its_item_with_the_query() throws Exception {
        ObjectNode source = (ObjectNode) SearchEventFixtures.JSON.readTree("""
                {"session_id":"s-ab12","item_id":"i1234","position":3,"event":"click","id":"e1",
                 "timestamp":"2026-11-21T10:00:00.123Z","query":"red shoes","user_id":"u123"}""");

        SearchEventMapper.Mapped mapped = mapper.map(new EngineDocument("idx/e1", source, TS, "e1"));

        assertThat(mapped.rejected()).isNull();
        var i = mapped.record().interaction();
        assertThat(i.eventType()).isEqualTo(EventType.SEARCH_CLICK);
        assertThat(i.itemId()).isEqualTo("i1234");
        assertThat(i.query()).isEqualTo("red shoes");
        assertThat(i.userId()).isEqualTo("u123");
        assertThat(i.sessionId()).isEqualTo("s-ab12");
        assertThat(i.eventTime()).isEqualTo(TS);
        assertThat(mapped.record().raw()).isEqualTo("{\"event\":\"click\",\"id\":\"e1\",\"item_id\":\"i1234\","
                + "\"position\":3,\"query\":\"red shoes\",\"session_id\":\"s-ab12\","
                + "\"timestamp\":\"2026-11-21T10:00:00.123Z\",\"user_id\":\"u123\"}");
        assertThat(i.eventId()).isEqualTo(EventId.of(Source.SEARCH, mapped.record().raw()));
    }

    @Test
    void the_same_document_in_another_key_order_gets_the_same_raw_text_and_event_id() throws Exception {
        ObjectNode a = (ObjectNode) SearchEventFixtures.JSON.readTree(
                "{\"id\":\"e2\",\"event\":\"search\",\"query\":\"hat\",\"user_id\":null,\"meta\":{\"b\":1,\"a\":[2]}}");
        ObjectNode b = (ObjectNode) SearchEventFixtures.JSON.readTree(
                "{\"meta\":{\"a\":[2],\"b\":1},\"user_id\":null,\"query\":\"hat\",\"event\":\"search\",\"id\":\"e2\"}");

        var first = mapper.map(new EngineDocument("idx/e2", a, TS, "e2")).record();
        var second = mapper.map(new EngineDocument("idx/e2", b, TS, "e2")).record();

        assertThat(first.raw()).isEqualTo(second.raw());
        assertThat(first.interaction().eventId()).isEqualTo(second.interaction().eventId());
        assertThat(first.interaction().eventType()).isEqualTo(EventType.SEARCH);
        assertThat(first.interaction().userId()).isNull();
        assertThat(first.interaction().itemId()).isNull();
    }

    @Test
    void configured_field_names_and_event_values_are_used() {
        SearchEventFields fields = new SearchEventFields("eid", "ts", "kind", "q", "uid", "sid", "product", "rank",
                "SEARCH", "CLICK");
        ObjectNode source = SearchEventFixtures.doc(Map.of("eid", "x", "kind", "CLICK", "q", "lamp",
                "product", "p9", "uid", "u1", "sid", "s1"));

        var i = new SearchEventMapper(fields).map(new EngineDocument("c/x", source, TS, "x")).record().interaction();

        assertThat(i.eventType()).isEqualTo(EventType.SEARCH_CLICK);
        assertThat(i.itemId()).isEqualTo("p9");
        assertThat(i.query()).isEqualTo("lamp");
        assertThat(i.userId()).isEqualTo("u1");
        assertThat(i.sessionId()).isEqualTo("s1");
    }

    @Test
    void unmappable_documents_are_rejected_with_a_precise_reason_and_their_raw_text() {
        assertRejected(SearchEventFixtures.doc(Map.of("id", "a", "event", "search")), null,
                "no timestamp: field 'timestamp' is missing");
        assertRejected(SearchEventFixtures.doc(Map.of("id", "a", "event", "search", "timestamp", "yesterday")), null,
                "not a date the engine indexed (\"yesterday\")");
        assertRejected(SearchEventFixtures.doc(Map.of("id", "a", "event", "view")), TS,
                "unknown event 'view' in field 'event': expected 'search' or 'click'");
        assertRejected(SearchEventFixtures.doc(Map.of("id", "a")), TS, "no event type: field 'event'");
        assertRejected(SearchEventFixtures.doc(Map.of("id", "a", "event", "click", "item_id", " ")), TS,
                "click without an item: field 'item_id' is missing or empty");
        assertRejected(SearchEventFixtures.doc(Map.of("id", "a", "event", "search", "query", new String[] {"x"})),
                TS, "field 'query' must hold a single value");
    }

    private void assertRejected(ObjectNode source, Instant ts, String reason) {
        SearchEventMapper.Mapped mapped = mapper.map(new EngineDocument("events/a", source, ts, "a"));
        assertThat(mapped.record()).isNull();
        assertThat(mapped.rejected().reason()).contains(reason);
        assertThat(mapped.rejected().origin()).isEqualTo("events/a");
        assertThat(mapped.rejected().source()).isEqualTo(Source.SEARCH);
        assertThat(mapped.rejected().raw()).isEqualTo(SearchEventMapper.canonicalJson(source));
    }
}
