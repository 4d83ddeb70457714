package io.clickstream.adapter.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.application.port.out.LandingFormat;
import io.clickstream.domain.ClickstreamRecord;
import io.clickstream.domain.EventId;
import io.clickstream.domain.EventType;
import io.clickstream.domain.Interaction;
import io.clickstream.domain.RejectedRecord;
import io.clickstream.domain.Source;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class CommonsCsvLandingFormatTest {
    private static final String HEADER = "event_id,event_time,source,event_type,user_id,session_id,item_id,query,raw";
    // characters that break naive CSV handling, plus multi-byte and supplementary code points
    private static final String[] NASTY = {"\"", ",", "\r", "\n", "\r\n", "\t", " ", "#", ";", "\\", "'", "\u0000",
            "é", "ß", "中", "\u2028", "😀", "\uFEFF", "a", "Z", "0", "/", "=", "%22", "\"\"", "+", "-", "@", "'="};

    private final CommonsCsvLandingFormat format = new CommonsCsvLandingFormat();

    @Test
    void batch_round_trips_nasty_text_in_every_column_exactly() throws IOException {
        Random random = new Random(4180);
        for (int batch = 0; batch < 40; batch++) {
            List<ClickstreamRecord> records = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                records.add(randomRecord(random));
            }

            List<ClickstreamRecord> read = format.readBatch(new ByteArrayInputStream(write(records)));

            assertThat(read).containsExactlyElementsOf(records);
        }
    }

    /** Issue 14 finding 5: no cell can run as a spreadsheet formula, and every value reads back exactly. */
    @Test
    void cells_a_spreadsheet_would_run_are_escaped_and_read_back_exactly() throws IOException {
        ClickstreamRecord hostile = record(Instant.parse("2026-11-21T10:00:00Z"), EventType.SEARCH, "=cmd|' /C calc'!A0",
                "+1+1", "-2", "@SUM(A1)", "\t=1+1");
        ClickstreamRecord quoted = record(Instant.parse("2026-11-21T10:00:00Z"), EventType.VIEW, "'already quoted",
                "\rs", "''i", null, "'=x");

        byte[] written = write(List.of(hostile, quoted));
        ByteArrayOutputStream rejected = new ByteArrayOutputStream();
        format.writeRejected(List.of(new RejectedRecord(Source.WEBLOG, "access.log:1", "-bad", "=HYPERLINK(\"x\")")),
                rejected);

        for (byte[] file : List.of(written, rejected.toByteArray())) {
            for (CSVRecord row : CSVFormat.RFC4180.parse(new StringReader(new String(file, StandardCharsets.UTF_8)))) {
                for (String cell : row) {
                    assertThat(cell).as("a cell a spreadsheet opens").doesNotStartWith("=").doesNotStartWith("+")
                            .doesNotStartWith("-").doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r");
                }
            }
        }
        assertThat(new String(written, StandardCharsets.UTF_8)).contains(",'=cmd|' /C calc'!A0,'+1+1,'-2,'@SUM(A1),")
                .contains(",''already quoted,\"'\rs\",'''i,");
        assertThat(format.readBatch(new ByteArrayInputStream(written))).containsExactly(hostile, quoted);
        assertThat(format.decodeRow(format.encodeRow(hostile))).isEqualTo(hostile);
        assertThat(LandingFormat.unescapeCell(LandingFormat.escapeCell("'"))).isEqualTo("'");
    }

    @Test
    void header_row_is_exactly_the_landing_columns() throws IOException {
        String text = new String(write(List.of()), StandardCharsets.UTF_8);

        assertThat(text).isEqualTo(HEADER + "\r\n");
        assertThat(HEADER.split(",")).containsExactlyElementsOf(LandingFormat.COLUMNS);
    }

    @Test
    void header_only_batch_reads_as_no_records() throws IOException {
        assertThat(format.readBatch(stream(HEADER + "\r\n"))).isEmpty();
        assertThat(format.readBatch(stream(HEADER))).isEmpty();
    }

    @Test
    void absent_values_are_empty_fields_and_time_is_iso_utc() throws IOException {
        Instant time = Instant.parse("2026-11-21T10:00:00.123456789Z");
        ClickstreamRecord search = record(time, EventType.SEARCH, null, null, null, "red shoes", "GET /search?q=red+shoes");

        String text = new String(write(List.of(search)), StandardCharsets.UTF_8);

        assertThat(text).isEqualTo(HEADER + "\r\n" + search.interaction().eventId()
                + ",2026-11-21T10:00:00.123456789Z,weblog,search,,,,red shoes,GET /search?q=red+shoes\r\n");
    }

    @Test
    void crlf_lf_and_quotes_inside_raw_survive_as_written() throws IOException {
        String raw = "line one\r\nline \"two\"\nthree,\tfour\r";
        ClickstreamRecord r = record(Instant.EPOCH, EventType.VIEW, "u1", "s-1", "i1", null, raw);

        ClickstreamRecord back = format.readBatch(new ByteArrayInputStream(write(List.of(r)))).get(0);

        assertThat(back.raw()).isEqualTo(raw);
        assertThat(back.raw().getBytes(StandardCharsets.UTF_8)).isEqualTo(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void byte_order_mark_before_header_is_tolerated() throws IOException {
        ClickstreamRecord r = record(Instant.EPOCH, EventType.VIEW, "u1", "s-1", "i1", null, "x");
        byte[] body = write(List.of(r));
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);

        assertThat(format.readBatch(new ByteArrayInputStream(withBom))).containsExactly(r);
    }

    @Test
    void wrong_header_is_refused_naming_the_expected_columns() {
        assertThatThrownBy(() -> format.readBatch(stream("event_id,event_time,source,event_type,user,session_id,"
                + "item_id,query,raw\r\n")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("header")
                .hasMessageContaining("[event_id, event_time, source, event_type, user_id, session_id, item_id,"
                        + " query, raw]")
                .hasMessageContaining("user,");
    }

    @Test
    void reordered_header_is_refused() {
        assertThatThrownBy(() -> format.readBatch(stream(
                "event_time,event_id,source,event_type,user_id,session_id,item_id,query,raw\r\n")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("header");
    }

    @Test
    void empty_input_is_refused_as_missing_header() {
        assertThatThrownBy(() -> format.readBatch(stream("")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("empty")
                .hasMessageContaining(HEADER);
    }

    @Test
    void row_with_missing_field_is_reported_with_row_and_line() throws IOException {
        String good = goodRow("a");
        String text = HEADER + "\r\n" + good + "\r\n" + "\"multi\r\nline\"," + good.substring(good.indexOf(',') + 1)
                + "\r\n" + "b,2026-11-21T10:00:00Z,weblog,view,u1,s1,i1,q\r\n";

        assertThatThrownBy(() -> format.readBatch(stream(text)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("row 3 (line 5)")
                .hasMessageContaining("expected 9 fields")
                .hasMessageContaining("found 8");
    }

    @Test
    void unterminated_quote_is_reported_with_row_not_dropped() {
        String text = HEADER + "\r\n" + goodRow("a") + "\r\n" + "b,2026-11-21T10:00:00Z,weblog,view,u1,s1,i1,,\"raw\r\n";

        assertThatThrownBy(() -> format.readBatch(stream(text)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("row 2 (line 3)")
                .hasMessageContaining("not valid CSV");
    }

    @Test
    void garbage_after_closing_quote_is_reported() {
        String text = HEADER + "\r\n" + "b,2026-11-21T10:00:00Z,weblog,view,u1,s1,i1,,\"raw\"x\r\n";

        assertThatThrownBy(() -> format.readBatch(stream(text)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("row 1 (line 2)")
                .hasMessageContaining("not valid CSV");
    }

    @Test
    void stray_empty_line_is_reported_not_skipped() {
        String text = HEADER + "\r\n" + goodRow("a") + "\r\n\r\n" + goodRow("b") + "\r\n";

        assertThatThrownBy(() -> format.readBatch(stream(text)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("row 2 (line 3)")
                .hasMessageContaining("found 1");
    }

    @Test
    void bad_values_are_reported_with_the_column_and_value() {
        assertThatThrownBy(() -> format.readBatch(stream(HEADER + "\r\n"
                + "a,21/Nov/2026:10:00:00 +0000,weblog,view,u1,s1,i1,,raw\r\n")))
                .hasMessageContaining("row 1 (line 2)")
                .hasMessageContaining("event_time '21/Nov/2026:10:00:00 +0000'");
        assertThatThrownBy(() -> format.readBatch(stream(HEADER + "\r\n" + goodRow("a") + "\r\n"
                + "b,2026-11-21T10:00:00Z,weblog,click,u1,s1,i1,,raw\r\n")))
                .hasMessageContaining("row 2 (line 3)")
                .hasMessageContaining("event_type 'click'");
        assertThatThrownBy(() -> format.readBatch(stream(HEADER + "\r\n"
                + "a,2026-11-21T10:00:00Z,nginx,view,u1,s1,i1,,raw\r\n")))
                .hasMessageContaining("row 1")
                .hasMessageContaining("unknown source 'nginx'");
        assertThatThrownBy(() -> format.readBatch(stream(HEADER + "\r\n"
                + "a,2026-11-21T10:00:00Z,weblog,view,u1,s1,,,raw\r\n")))
                .hasMessageContaining("row 1")
                .hasMessageContaining("needs an item id");
        assertThatThrownBy(() -> format.readBatch(stream(HEADER + "\r\n"
                + ",2026-11-21T10:00:00Z,weblog,view,u1,s1,i1,,raw\r\n")))
                .hasMessageContaining("row 1")
                .hasMessageContaining("event_id is empty");
    }

    @Test
    void invalid_utf8_is_reported_not_replaced() {
        byte[] head = (HEADER + "\r\n" + goodRow("a") + "\r\nb,2026-11-21T10:00:00Z,weblog,view,u1,s1,i1,,")
                .getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 3];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xFF;
        bytes[head.length + 1] = '\r';
        bytes[head.length + 2] = '\n';

        assertThatThrownBy(() -> format.readBatch(new ByteArrayInputStream(bytes)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not valid UTF-8")
                .hasMessageContaining("(line 3)");
    }

    @Test
    void unpaired_surrogate_is_refused_rather_than_written_as_question_mark() {
        ClickstreamRecord r = record(Instant.EPOCH, EventType.VIEW, "u1", "s1", "i1", null, "bad \uD800 text");

        assertThatThrownBy(() -> write(List.of(r)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("record 1")
                .hasMessageContaining("column 9")
                .hasMessageContaining("surrogate");
    }

    @Test
    void encoded_row_is_one_record_with_the_landing_columns_and_no_trailing_break() throws IOException {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            ClickstreamRecord r = randomRecord(random);

            String row = format.encodeRow(r);

            assertThat(row).doesNotEndWith("\r\n");
            List<CSVRecord> parsed = CSVFormat.RFC4180.parse(new StringReader(row)).getRecords();
            assertThat(parsed).hasSize(1);
            assertThat(parsed.get(0).toList()).hasSize(LandingFormat.COLUMNS.size());
            assertThat(LandingFormat.unescapeCell(parsed.get(0).get(8))).isEqualTo(r.raw());
            assertThat(format.decodeRow(row)).isEqualTo(r);
        }
    }

    @Test
    void encoded_row_matches_the_batch_row() throws IOException {
        ClickstreamRecord r = record(Instant.parse("2026-11-21T10:00:00Z"), EventType.CART, "u1", "s-1", "i9", null,
                "1.2.3.4 - u1 [21/Nov/2026:10:00:00 +0000] \"GET /cart/add?item=i9 HTTP/1.1\" 200 10 \"-\" \"x, y\"");

        String batch = new String(write(List.of(r)), StandardCharsets.UTF_8);

        assertThat(batch).isEqualTo(HEADER + "\r\n" + format.encodeRow(r) + "\r\n");
    }

    @Test
    void decoding_two_rows_as_one_is_refused() {
        String two = goodRow("a") + "\r\n" + goodRow("b");

        assertThatThrownBy(() -> format.decodeRow(two)).hasMessageContaining("more than one");
    }

    @Test
    void rejected_lines_are_written_with_their_reason_and_exact_raw() throws IOException {
        List<RejectedRecord> rejected = List.of(
                new RejectedRecord(Source.WEBLOG, "access.log.1:17", "bad date '32/Nov/2026'", "1.2.3.4 - - [32/No"),
                new RejectedRecord(Source.SEARCH, "opensearch:events", "no timestamp", "{\"a\":\"x,\r\ny\"}"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        format.writeRejected(rejected, out);

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("source,origin,reason,raw\r\n");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text)).getRecords();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).toList()).containsExactly("weblog", "access.log.1:17", "bad date '32/Nov/2026'",
                "1.2.3.4 - - [32/No");
        assertThat(rows.get(1).get("raw")).isEqualTo("{\"a\":\"x,\r\ny\"}");
        assertThat(rows.get(1).get("source")).isEqualTo("search");
    }

    @Test
    void caller_stream_stays_open_after_writing() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                throw new AssertionError("the format must not close the caller's stream");
            }
        };
        format.writeBatch(List.of(), out);
        format.writeRejected(List.of(), out);

        assertThat(out.size()).isPositive();
    }

    private byte[] write(List<ClickstreamRecord> records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.writeBatch(records, out);
        return out.toByteArray();
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String goodRow(String id) {
        return id + ",2026-11-21T10:00:00Z,weblog,view,u1,s1,i1,,raw " + id;
    }

    private static ClickstreamRecord record(Instant time, EventType type, String user, String session, String item,
                                            String query, String raw) {
        return new ClickstreamRecord(new Interaction(EventId.of(Source.WEBLOG, raw), time, Source.WEBLOG, type,
                user, session, item, query), raw);
    }

    private static ClickstreamRecord randomRecord(Random random) {
        Source source = random.nextBoolean() ? Source.WEBLOG : Source.SEARCH;
        EventType type = EventType.values()[random.nextInt(EventType.values().length)];
        String raw = nasty(random, 60);
        Instant time = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000), random.nextInt(1_000_000_000));
        String item = type.requiresItem() || random.nextBoolean() ? "i" + nasty(random, 8) : null;
        return new ClickstreamRecord(new Interaction(EventId.of(source, raw), time, source, type,
                maybe(random), maybe(random), item, maybe(random)), raw);
    }

    private static String maybe(Random random) {
        return random.nextInt(4) == 0 ? null : nasty(random, 12);
    }

    private static String nasty(Random random, int maxPieces) {
        StringBuilder s = new StringBuilder();
        int pieces = random.nextInt(maxPieces + 1);
        for (int i = 0; i < pieces; i++) {
            if (random.nextInt(5) == 0) {
                s.appendCodePoint(randomCodePoint(random));
            } else {
                s.append(NASTY[random.nextInt(NASTY.length)]);
            }
        }
        return s.toString();
    }

    /** Any valid code point outside the surrogate range, from control characters to supplementary planes. */
    private static int randomCodePoint(Random random) {
        while (true) {
            int cp = random.nextInt(4) == 0 ? random.nextInt(0x110000) : random.nextInt(0x800);
            if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
                return cp;
            }
        }
    }
}
