package io.clickstream.adapter.weblog;

import java.time.Instant;

/**
 * The fields of one access-log line that the event mapping needs.
 *
 * @param time    {@code %t} as an instant
 * @param user    {@code %u}, null for {@code -}
 * @param request the request line as logged, such as {@code GET /product/i1 HTTP/1.1}
 * @param status  the response status
 * @param session the optional trailing session-cookie field, null when absent or {@code -}
 */
record AccessLogLine(Instant time, String user, String request, int status, String session) {
}
