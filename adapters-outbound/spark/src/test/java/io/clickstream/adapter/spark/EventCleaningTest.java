package io.clickstream.adapter.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class EventCleaningTest {
    private static final String LOG_LINE = "203.0.113.7 - u4463 [21/Nov/2026:10:00:00 +0000] \"GET /product/i1234 HTTP/1.1\" "
            + "200 5123 \"https://shop.example/\" \"Mozilla/5.0 (X11; Linux)\" \"s-8e56051931657fb8\"";
    private final EventCleaning cleaning = new EventCleaning(64, 1024);

    private static String row(String id, String time, String source, String type, String user, String session,
                              String item, String query, String raw) {
        return String.join(",", id, time, source, type, user, session, item, query, raw);
    }

    @Test
    void each_rule_gives_its_reason_and_valid_rows_have_none() {
        List<String> values = java.util.Arrays.asList(
                row("e1", "2026-11-21T10:00:00Z", "weblog", "view", "u1", "", "i1", "", "x"),
                row("e2", "2026-11-21T10:00:00.123456789Z", "search", "search", "", "s1", "", "red  Shoes ", "{}"),
                "\"unterminated,quote",
                "a,b,c",
                "",
                null,
                row("e3", "2026-11-21T10:00:00Z", "weblog", "view", "u1", "", "i" + "9".repeat(80), "", "x"),
                row("", "2026-11-21T10:00:00Z", "weblog", "view", "u1", "", "i1", "", "x"),
                row("e4", "21/Nov/2026:10:00:00", "weblog", "view", "u1", "", "i1", "", "x"),
                row("e5", "2026-13-45T10:00:00Z", "weblog", "view", "u1", "", "i1", "", "x"),
                row("e6", "2026-11-21T10:00:00Z", "ftp", "view", "u1", "", "i1", "", "x"),
                row("e7", "2026-11-21T10:00:00Z", "weblog", "wishlist", "u1", "", "i1", "", "x"),
                row("e8", "2026-11-21T10:00:00Z", "weblog", "cart", "u1", "", " ", "", "x"),
                row("e9", "2026-11-21T10:00:00Z", "weblog", "view", "u1", "", "i1", "", "x".repeat(2000)));
        List<Row> out = cleaning.classify(KafkaRows.of(TestEnvironment.spark(), values))
                .orderBy("kafka_offset").collectAsList();
        Map<Long, String> reasons = new TreeMap<>();
        for (Row r : out) {
            reasons.put(r.getLong(r.fieldIndex("kafka_offset")), r.getString(r.fieldIndex("reason")));
        }
        assertThat(reasons.values()).containsExactly(null, null, "unparseable_csv", "unparseable_csv",
                "unparseable_csv", "unparseable_csv", "oversized_field", "missing_event_id", "bad_time", "bad_time",
                "unknown_source", "unknown_event_type", "missing_item", "oversized_field");
        assertThat(out).allSatisfy(r -> assertThat(r.getString(r.fieldIndex("batch_id"))).isEqualTo("b1"));
    }

    /** Issue 14 finding 5: staging reads back the value the landing format escaped against spreadsheet formulas. */
    @Test
    void cells_escaped_against_spreadsheet_formulas_are_read_back_as_they_were() {
        List<String> values = List.of(
                row("e1", "2026-11-21T10:00:00Z", "weblog", "view", "'=u1", "'+s1", "'-i1", "", "x"),
                row("e2", "2026-11-21T10:00:00Z", "search", "search", "''u2", "s2", "", "'@sum", "'=raw"));
        List<Row> out = cleaning.classify(KafkaRows.of(TestEnvironment.spark(), values))
                .orderBy("kafka_offset").collectAsList();

        assertThat(out.get(0).getString(out.get(0).fieldIndex("user_id"))).isEqualTo("=u1");
        assertThat(out.get(0).getString(out.get(0).fieldIndex("session_id"))).isEqualTo("+s1");
        assertThat(out.get(0).getString(out.get(0).fieldIndex("item_id"))).isEqualTo("-i1");
        assertThat(out.get(1).getString(out.get(1).fieldIndex("user_id"))).isEqualTo("'u2");
        assertThat(out.get(1).getString(out.get(1).fieldIndex("query"))).isEqualTo("@sum");
    }

    @Test
    void ids_and_text_are_normalised_and_the_client_comes_from_the_access_log_line() {
        String quotedRaw = "\"" + LOG_LINE.replace("\"", "\"\"") + "\"";
        List<String> values = List.of(
                row(" E1 ", "2026-11-21T10:00:00Z", "WebLog", " VIEW", " u4463 ", "-", " I1234 ", "", quotedRaw),
                row("e2", "2026-11-21T23:59:59.5Z", "search", "search", "", "s1", "", "  Red \t Shoes ", "{}"));
        List<Row> out = cleaning.classify(KafkaRows.of(TestEnvironment.spark(), values))
                .orderBy("kafka_offset").collectAsList();
        Row weblog = out.get(0);
        assertThat(weblog.getString(weblog.fieldIndex("reason"))).isNull();
        assertThat(weblog.getString(weblog.fieldIndex("event_id"))).isEqualTo("e1");
        assertThat(weblog.getString(weblog.fieldIndex("source"))).isEqualTo("weblog");
        assertThat(weblog.getString(weblog.fieldIndex("event_type"))).isEqualTo("view");
        assertThat(weblog.getString(weblog.fieldIndex("user_id"))).isEqualTo("u4463");
        assertThat(weblog.isNullAt(weblog.fieldIndex("session_id"))).isTrue();
        assertThat(weblog.getString(weblog.fieldIndex("item_id"))).isEqualTo("i1234");
        assertThat(weblog.getString(weblog.fieldIndex("user_agent"))).isEqualTo("Mozilla/5.0 (X11; Linux)");
        assertThat(weblog.getString(weblog.fieldIndex("client_id"))).hasSize(16);
        assertThat(weblog.getString(weblog.fieldIndex("dt"))).isEqualTo("2026-11-21");
        Row search = out.get(1);
        assertThat(search.getString(search.fieldIndex("query"))).isEqualTo("red shoes");
        assertThat(search.isNullAt(search.fieldIndex("client_id"))).isTrue();
        assertThat(search.getString(search.fieldIndex("dt"))).isEqualTo("2026-11-21");
    }
}
