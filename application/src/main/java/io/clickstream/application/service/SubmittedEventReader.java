package io.clickstream.application.service;

import io.clickstream.application.port.in.RecordEventsUseCase.SubmittedEvent;
import io.clickstream.domain.ClickstreamRecord;
import io.clickstream.domain.EventId;
import io.clickstream.domain.EventType;
import io.clickstream.domain.Interaction;
import io.clickstream.domain.Source;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns one event a client posted into the record it lands as, or says in one sentence why it cannot: the rules the
 * events API documents. Ids and queries come from browsers, so their size and characters are bounded here, before
 * they reach the journal, the served histories or the lake.
 */
final class SubmittedEventReader {
    static final int MAX_ID_LENGTH = 256;
    static final int MAX_QUERY_LENGTH = 1024;
    static final int MAX_RAW_LENGTH = 8192;
    /** How far ahead of this server's clock an event's time may be: clients' clocks drift. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    // An event id a client chooses is used in file and key names downstream: the lake's safe-id characters.
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final String TYPES = Arrays.stream(EventType.values()).map(EventType::wireName)
            .collect(Collectors.joining(", "));

    private SubmittedEventReader() {
    }

    /**
     * The record for {@code event}, the {@code index}-th of a batch that arrived at {@code arrival}.
     *
     * @throws IllegalArgumentException with the reason the client is told
     */
    static ClickstreamRecord read(SubmittedEvent event, int index, Instant arrival) {
        if (event.raw().length() > MAX_RAW_LENGTH) {
            throw new IllegalArgumentException("the event is longer than " + MAX_RAW_LENGTH + " characters");
        }
        if (event.type() == null) {
            throw new IllegalArgumentException("type is required (one of " + TYPES + ")");
        }
        EventType type = EventType.parse(event.type())
                .orElseThrow(() -> new IllegalArgumentException("type '" + printable(event.type()) + "' is not one of " + TYPES));
        String user = id(event.userId(), "userId");
        String session = id(event.sessionId(), "sessionId");
        String item = id(event.itemId(), "itemId");
        String query = text(event.query(), "query", MAX_QUERY_LENGTH);
        if (user == null && session == null) {
            throw new IllegalArgumentException("an event needs a userId or a sessionId");
        }
        if (type.requiresItem() && item == null) {
            throw new IllegalArgumentException("a " + type.wireName() + " event needs an itemId");
        }
        if (type == EventType.SEARCH && query == null) {
            throw new IllegalArgumentException("a search event needs a query");
        }
        Instant time = time(event.time(), arrival);
        String eventId = event.eventId() == null ? generatedId(event, index, time) : eventId(event.eventId());
        return new ClickstreamRecord(new Interaction(eventId, time, Source.API, type, user, session, item, query),
                event.raw());
    }

    /**
     * The same event text at the same time and place in its batch gets the same id; two identical clicks sent without
     * a time are told apart by their arrival time.
     */
    private static String generatedId(SubmittedEvent event, int index, Instant time) {
        return EventId.of(Source.API, time + "\u0000" + index + "\u0000" + event.raw());
    }

    private static String eventId(String value) {
        if (!EVENT_ID.matcher(value).matches()) {
            throw new IllegalArgumentException("eventId must be 1 to 128 of the characters A-Z a-z 0-9 . _ : - "
                    + "starting with a letter or digit");
        }
        return value;
    }

    private static Instant time(String value, Instant arrival) {
        if (value == null) {
            return arrival;
        }
        Instant time;
        try {
            time = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time '" + printable(value) + "' is not an ISO-8601 date-time with an "
                    + "offset, such as 2026-12-02T10:15:30Z");
        }
        if (time.isAfter(arrival.plus(MAX_CLOCK_SKEW))) {
            throw new IllegalArgumentException("time " + time + " is more than " + MAX_CLOCK_SKEW.toMinutes()
                    + " minutes in the future");
        }
        return time;
    }

    /** An id: no whitespace or control characters (ids are tokens in the training data), bounded length. */
    private static String id(String value, String field) {
        String text = text(value, field, MAX_ID_LENGTH);
        if (text != null && text.codePoints().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(field + " must not contain whitespace");
        }
        return text;
    }

    private static String text(String value, String field, int maxLength) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(field + " is longer than " + maxLength + " characters");
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(field + " must not contain control characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(++i)))) {
                throw new IllegalArgumentException(field + " is not valid Unicode (an unpaired surrogate)");
            }
        }
        return value;
    }

    /** A value echoed in a reason, cut short: the reason must not carry a client's megabyte back. */
    private static String printable(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
