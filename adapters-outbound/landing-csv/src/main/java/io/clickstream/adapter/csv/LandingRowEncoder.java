package io.clickstream.adapter.csv;

import io.clickstream.application.port.out.LandingFormat;
import io.clickstream.domain.ClickstreamRecord;
import io.clickstream.domain.Interaction;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Encodes one landing record as one RFC 4180 row, character for character what Commons CSV's
 * {@code CSVFormat.RFC4180.printRecord} writes for {@link LandingRowMapper#toValues} (minimal quoting), without the
 * value list, the stream, the per-cell delimiter array and the date formatter that path costs for every record.
 * {@code LandingRowEncoderTest} holds it to Commons CSV's output. Stateless.
 */
final class LandingRowEncoder {

    private LandingRowEncoder() {
    }

    /**
     * The row without a record separator.
     *
     * @throws IllegalArgumentException when a value holds an unpaired surrogate, which UTF-8 cannot represent
     */
    static String encode(ClickstreamRecord record) {
        Interaction i = record.interaction();
        String raw = record.raw();
        String eventId = LandingFormat.escapeCell(i.eventId());
        String eventTime = LandingFormat.escapeCell(isoInstant(i.eventTime()));
        String source = LandingFormat.escapeCell(i.source().wireName());
        String eventType = LandingFormat.escapeCell(i.eventType().wireName());
        String user = LandingFormat.escapeCell(i.userId());
        String session = LandingFormat.escapeCell(i.sessionId());
        String item = LandingFormat.escapeCell(i.itemId());
        String query = LandingFormat.escapeCell(i.query());
        String escapedRaw = LandingFormat.escapeCell(raw);
        StringBuilder row = new StringBuilder(96 + eventId.length() + escapedRaw.length() * 9 / 8);
        cell(row, eventId, true, 1, i.eventId());
        cell(row, eventTime, false, 2, i.eventId());
        cell(row, source, false, 3, i.eventId());
        cell(row, eventType, false, 4, i.eventId());
        cell(row, user, false, 5, i.eventId());
        cell(row, session, false, 6, i.eventId());
        cell(row, item, false, 7, i.eventId());
        cell(row, query, false, 8, i.eventId());
        cell(row, escapedRaw, false, 9, i.eventId());
        return row.toString();
    }

    /** Appends one cell as Commons CSV's minimal quoting does; null is an empty, unquoted field. */
    private static void cell(StringBuilder row, String value, boolean first, int column, String eventId) {
        if (!first) {
            row.append(',');
        }
        if (value == null) {
            return;
        }
        int length = value.length();
        if (length == 0) {
            if (first) {
                row.append("\"\""); // an empty first field is quoted, or a one-field row would be an empty line
            }
            return;
        }
        boolean quote = value.charAt(0) <= '#'; // Commons CSV quotes a value starting with a char up to '#'
        for (int j = 0; j < length; j++) {
            char c = value.charAt(j);
            if (c == '"' || c == ',' || c == '\n' || c == '\r') {
                quote = true;
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && j + 1 < length && Character.isLowSurrogate(value.charAt(j + 1))) {
                    j++;
                } else {
                    throw new IllegalArgumentException("record " + eventId + ": column " + column + " holds an unpaired UTF-16"
                            + " surrogate at index " + j + ", which UTF-8 cannot represent");
                }
            }
        }
        if (!quote && value.charAt(length - 1) > ' ') {
            row.append(value);
            return;
        }
        row.append('"');
        int start = 0;
        for (int j = value.indexOf('"'); j >= 0; j = value.indexOf('"', j + 1)) {
            row.append(value, start, j + 1).append('"');
            start = j + 1;
        }
        row.append(value, start, length).append('"');
    }

    /** {@link Instant#toString()}, written by hand for the whole seconds of years 1000 to 9999 that logs hold. */
    static String isoInstant(Instant t) {
        long seconds = t.getEpochSecond();
        long day = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        if (t.getNano() != 0 || day < -354_285 || day > 2_932_896) { // outside 1000-01-01..9999-12-31
            return t.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(day);
        char[] c = new char[20];
        int y = date.getYear();
        c[0] = (char) ('0' + y / 1000);
        c[1] = (char) ('0' + y / 100 % 10);
        c[2] = (char) ('0' + y / 10 % 10);
        c[3] = (char) ('0' + y % 10);
        c[4] = '-';
        two(c, 5, date.getMonthValue());
        c[7] = '-';
        two(c, 8, date.getDayOfMonth());
        c[10] = 'T';
        two(c, 11, secondOfDay / 3600);
        c[13] = ':';
        two(c, 14, secondOfDay / 60 % 60);
        c[16] = ':';
        two(c, 17, secondOfDay % 60);
        c[19] = 'Z';
        return new String(c);
    }

    private static void two(char[] c, int at, int v) {
        c[at] = (char) ('0' + v / 10);
        c[at + 1] = (char) ('0' + v % 10);
    }
}
