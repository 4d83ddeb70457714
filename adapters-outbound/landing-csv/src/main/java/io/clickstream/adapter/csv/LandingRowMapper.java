package io.clickstream.adapter.csv;

import io.clickstream.application.port.out.LandingFormat;
import io.clickstream.domain.ClickstreamRecord;
import io.clickstream.domain.EventType;
import io.clickstream.domain.Interaction;
import io.clickstream.domain.Source;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Maps a landing record to the values of one CSV row, in {@link LandingFormat#COLUMNS} order, and back. */
final class LandingRowMapper {
    private static final int EVENT_ID = 0;
    private static final int EVENT_TIME = 1;
    private static final int SOURCE = 2;
    private static final int EVENT_TYPE = 3;
    private static final int USER_ID = 4;
    private static final int SESSION_ID = 5;
    private static final int ITEM_ID = 6;
    private static final int QUERY = 7;
    private static final int RAW = 8;

    private LandingRowMapper() {
    }

    /** Absent values are null here; the printer writes them as empty fields. Cells are escaped against formulas. */
    static List<String> toValues(ClickstreamRecord record) {
        Interaction i = record.interaction();
        return Arrays.asList(i.eventId(), i.eventTime().toString(), i.source().wireName(),
                i.eventType().wireName(), i.userId(), i.sessionId(), i.itemId(), i.query(), record.raw())
                .stream().map(LandingFormat::escapeCell).toList();
    }

    /**
     * Builds a record from one row's values.
     *
     * @throws IllegalArgumentException saying which column is wrong and why
     */
    static ClickstreamRecord fromValues(List<String> cells) {
        if (cells.size() != LandingFormat.COLUMNS.size()) {
            throw new IllegalArgumentException("expected " + LandingFormat.COLUMNS.size() + " fields ("
                    + String.join(",", LandingFormat.COLUMNS) + ") but found " + cells.size());
        }
        List<String> values = cells.stream().map(LandingFormat::unescapeCell).toList();
        String eventId = values.get(EVENT_ID);
        if (eventId.isBlank()) {
            throw new IllegalArgumentException("event_id is empty");
        }
        Interaction interaction = new Interaction(eventId, eventTime(values.get(EVENT_TIME)),
                source(values.get(SOURCE)), eventType(values.get(EVENT_TYPE)), values.get(USER_ID),
                values.get(SESSION_ID), values.get(ITEM_ID), values.get(QUERY));
        return new ClickstreamRecord(interaction, values.get(RAW));
    }

    private static Instant eventTime(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("event_time '" + value + "' is not an ISO-8601 UTC instant"
                    + " (like 2026-11-21T10:00:00Z)", e);
        }
    }

    private static Source source(String value) {
        try {
            return Source.fromWireName(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("source: " + e.getMessage(), e);
        }
    }

    private static EventType eventType(String value) {
        return EventType.parse(value).orElseThrow(() -> new IllegalArgumentException("event_type '" + value
                + "' is unknown, valid: " + Arrays.stream(EventType.values()).map(EventType::wireName)
                .collect(Collectors.joining(", "))));
    }
}
