package io.clickstream.adapter.weblog;

import java.time.Instant;

/**
 * The fields of one access-log line that the event mapping needs, as positions in the line rather than copies: most
 * lines are not events, and a field is copied out of the line only when an event needs it. One instance is reused
 * by its parser for every line.
 */
final class AccessLogLine {
    /** The whole line as read. */
    String raw;
    /** {@code %t} as an instant. */
    Instant time;
    /** {@code %u}: from (inclusive) and to (exclusive) in {@link #raw}; empty when {@code -}. */
    int userFrom;
    int userTo;
    /** The request line as logged, such as {@code GET /product/i1 HTTP/1.1}: bounds in {@link #raw}. */
    int requestFrom;
    int requestTo;
    /** The response status. */
    int status;
    /** The optional trailing session-cookie field: bounds in {@link #raw}; empty when absent or {@code -}. */
    int sessionFrom;
    int sessionTo;

    /** {@code %u}, null for {@code -}. */
    String user() {
        return userFrom == userTo ? null : raw.substring(userFrom, userTo);
    }

    /** The session cookie, null when absent or {@code -}. */
    String session() {
        return sessionFrom == sessionTo ? null : raw.substring(sessionFrom, sessionTo);
    }

    /** The request line, for messages. */
    String request() {
        return raw.substring(requestFrom, requestTo);
    }
}
