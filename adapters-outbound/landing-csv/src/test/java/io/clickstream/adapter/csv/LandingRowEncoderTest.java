package io.clickstream.adapter.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.domain.ClickstreamRecord;
import io.clickstream.domain.EventType;
import io.clickstream.domain.Interaction;
import io.clickstream.domain.Source;
import java.io.IOException;
import java.time.Instant;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;

/** The hand-written row encoder against Commons CSV, the library it replaces on the ingest's hot path. */
class LandingRowEncoderTest {
    // every character Commons CSV's minimal quoting looks at, the formula starts, and multi-unit code points
    private static final String[] PIECES = {"\"", ",", "\r", "\n", "\r\n", "\t", " ", "!", "#", "$", "'", "=", "+",
        "-", "@", ";", "\\", "\u0000", "\u001F", "\u007F", "é", "中", "😀", "\uFEFF", "a", "Z", "0", "/", "%22",
        "\"\"", "'=", "GET /p HTTP/1.1", "i123", "s-1f"};

    @Test
    void rows_are_what_commons_csv_prints_for_random_nasty_records() throws IOException {
        Random random = new Random(13);
        for (int n = 0; n < 50_000; n++) {
            ClickstreamRecord r = randomRecord(random);

            assertThat(LandingRowEncoder.encode(r)).as("record %s", r).isEqualTo(commonsCsv(r));
        }
    }

    @Test
    void rows_of_plain_access_log_records_are_what_commons_csv_prints() throws IOException {
        String raw = "37.48.119.168 - u2587 [21/Nov/2026:00:00:00 +0000] \"GET /product/i1817 HTTP/2.0\" 200 22521 "
                + "\"https://shop.example/product/i2461\" \"Mozilla/5.0 (iPad; CPU OS 17_7 like Mac OS X)\" \"s-c6\"";
        ClickstreamRecord r = new ClickstreamRecord(new Interaction("0123abcd", Instant.parse("2026-11-21T00:00:00Z"),
                Source.WEBLOG, EventType.VIEW, "u2587", "s-c6", "i1817", null), raw);

        assertThat(LandingRowEncoder.encode(r)).isEqualTo(commonsCsv(r));
    }

    @Test
    void event_time_is_written_as_instant_to_string_for_every_instant() {
        Random random = new Random(8601);
        long[] edges = {Long.MIN_VALUE / 1_000_000, -62_167_219_200L, -30_610_224_001L, -30_610_224_000L, -1, 0, 1,
            253_402_300_799L, 253_402_300_800L, Instant.MAX.getEpochSecond(), Instant.MIN.getEpochSecond()};
        for (long seconds : edges) {
            Instant t = Instant.ofEpochSecond(seconds);
            assertThat(LandingRowEncoder.isoInstant(t)).isEqualTo(t.toString());
        }
        for (int n = 0; n < 200_000; n++) {
            long seconds = switch (n % 3) {
                case 0 -> 1_600_000_000L + random.nextInt(400_000_000);
                case 1 -> random.nextLong() % 300_000_000_000L;
                default -> random.nextLong() % Instant.MAX.getEpochSecond();
            };
            Instant t = Instant.ofEpochSecond(seconds, n % 7 == 0 ? random.nextInt(1_000_000_000) : 0);

            assertThat(LandingRowEncoder.isoInstant(t)).isEqualTo(t.toString());
        }
    }

    @Test
    void unpaired_surrogate_is_refused_naming_the_record_and_column_as_before() {
        ClickstreamRecord r = new ClickstreamRecord(new Interaction("e1", Instant.EPOCH, Source.WEBLOG,
                EventType.VIEW, "u1", "s\uDC00", "i1", null), "raw \uD800");

        assertThatThrownBy(() -> LandingRowEncoder.encode(r))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("record e1: column 6 holds an unpaired UTF-16 surrogate at index 1, which UTF-8 cannot "
                        + "represent");
    }

    /** What encodeRow returned before issue 13: Commons CSV's record without its separator. */
    private static String commonsCsv(ClickstreamRecord r) throws IOException {
        StringBuilder row = new StringBuilder();
        CSVFormat.RFC4180.printRecord(row, LandingRowMapper.toValues(r).toArray());
        row.setLength(row.length() - CSVFormat.RFC4180.getRecordSeparator().length());
        return row.toString();
    }

    private static ClickstreamRecord randomRecord(Random random) {
        Source source = random.nextBoolean() ? Source.WEBLOG : Source.SEARCH;
        EventType type = EventType.values()[random.nextInt(EventType.values().length)];
        long seconds = random.nextInt(10) == 0 ? random.nextLong() % 400_000_000_000L
                : 1_700_000_000L + random.nextInt(100_000_000);
        Instant time = Instant.ofEpochSecond(seconds, random.nextInt(5) == 0 ? random.nextInt(1_000_000_000) : 0);
        String item = type.requiresItem() || random.nextBoolean() ? "i" + text(random, 8) : text(random, 3);
        String eventId = random.nextInt(10) == 0 ? nonNull(text(random, 4)) : Long.toHexString(random.nextLong());
        return new ClickstreamRecord(new Interaction(eventId, time, source, type, text(random, 12),
                text(random, 12), item, text(random, 12)), nonNull(text(random, 60)));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /** Null, empty, blank or a run of nasty pieces. */
    private static String text(Random random, int maxPieces) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return null;
        }
        if (kind == 1) {
            return random.nextBoolean() ? "" : " ";
        }
        StringBuilder s = new StringBuilder();
        int pieces = 1 + random.nextInt(maxPieces);
        for (int i = 0; i < pieces; i++) {
            s.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return s.toString();
    }
}
