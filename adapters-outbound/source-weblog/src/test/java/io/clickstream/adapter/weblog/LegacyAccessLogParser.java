package io.clickstream.adapter.weblog;

import java.time.Instant;

/**
 * The access-log parser as it was before issue 13's rewrite, kept as the oracle of {@code ParserDifferentialTest}.
 * Parses Common Log Format, Combined Log Format, and Combined followed by one quoted session-cookie field, by
 * scanning rather than by regex: one pass, no backtracking, and a precise reason when a line is malformed.
 * Not thread-safe (it caches the last date).
 */
final class LegacyAccessLogParser {

    /** What the old parser returned (the old {@code AccessLogLine}). */
    record Line(Instant time, String user, String request, int status, String session) {
    }

    private final LogTimestamps timestamps = new LogTimestamps();

    Line parse(String s) throws MalformedLineException {
        int n = s.length();
        while (n > 0 && (s.charAt(n - 1) == ' ' || s.charAt(n - 1) == '\t')) {
            n--;
        }
        if (n == 0) {
            throw new MalformedLineException(s.isEmpty() ? "empty line" : "blank line");
        }
        int hostEnd = s.indexOf(' ');
        if (hostEnd <= 0 || hostEnd >= n) {
            throw new MalformedLineException("not an access-log line: no space-separated remote host field");
        }
        int identEnd = fieldEnd(s, hostEnd + 1, n, "ident (%l)");
        int userEnd = fieldEnd(s, identEnd + 1, n, "user (%u)");
        String user = dashToNull(s.substring(identEnd + 1, userEnd));

        int i = userEnd + 1;
        expect(s, i, n, '[', "'[' opening the timestamp");
        int close = s.indexOf(']', i + 1);
        if (close < 0 || close >= n) {
            throw new MalformedLineException("missing ']' closing the timestamp");
        }
        Instant time = timestamps.parse(s, i + 1, close);

        i = close + 1;
        expect(s, i, n, ' ', "a space after the timestamp");
        expect(s, i + 1, n, '"', "'\"' opening the request line");
        int requestEnd = closingQuote(s, i + 1, n, "request line");
        String request = s.substring(i + 2, requestEnd);

        i = requestEnd + 1;
        expect(s, i, n, ' ', "a space after the request line");
        int statusEnd = fieldEnd(s, i + 1, n, "status");
        int status = status(s, i + 1, statusEnd);
        int bytesEnd = s.indexOf(' ', statusEnd + 1);
        if (bytesEnd < 0 || bytesEnd > n) {
            bytesEnd = n;
        }
        checkBytes(s, statusEnd + 1, bytesEnd);
        if (bytesEnd == n) {
            return new Line(time, user, request, status, null); // Common Log Format
        }

        i = quoted(s, bytesEnd, n, "referer");
        i = quoted(s, i, n, "user-agent");
        if (i == n) {
            return new Line(time, user, request, status, null); // Combined Log Format
        }
        int cookieStart = i + 2;
        i = quoted(s, i, n, "session cookie");
        if (i != n) {
            throw new MalformedLineException("unexpected text after the session-cookie field at column " + (i + 1)
                    + ": at most one extra quoted field may follow the user agent");
        }
        return new Line(time, user, request, status, dashToNull(s.substring(cookieStart, i - 1)));
    }

    /** Reads {@code  "…"} starting at the space at {@code at}; returns the index after the closing quote. */
    private static int quoted(String s, int at, int n, String field) throws MalformedLineException {
        expect(s, at, n, ' ', "a space before the " + field + " field");
        expect(s, at + 1, n, '"', "'\"' opening the " + field + " field");
        return closingQuote(s, at + 1, n, field) + 1;
    }

    private static int closingQuote(String s, int open, int n, String field) throws MalformedLineException {
        for (int j = open + 1; j < n; j++) {
            char c = s.charAt(j);
            if (c == '\\') {
                j++; // Apache escapes '"' and '\' with a backslash
            } else if (c == '"') {
                return j;
            }
        }
        throw new MalformedLineException("missing closing quote of the " + field + " field (truncated line?)");
    }

    private static int fieldEnd(String s, int from, int n, String field) throws MalformedLineException {
        int end = s.indexOf(' ', from);
        if (end < 0 || end >= n) {
            throw new MalformedLineException("line ends in the " + field + " field (truncated line?)");
        }
        if (end == from) {
            throw new MalformedLineException("empty " + field + " field at column " + (from + 1));
        }
        return end;
    }

    private static void expect(String s, int at, int n, char c, String what) throws MalformedLineException {
        if (at >= n) {
            throw new MalformedLineException("line ends where " + what + " was expected (truncated line?)");
        }
        if (s.charAt(at) != c) {
            throw new MalformedLineException("expected " + what + " at column " + (at + 1) + ", found '"
                    + s.charAt(at) + "'");
        }
    }

    private static int status(String s, int from, int to) throws MalformedLineException {
        if (to - from == 3) {
            int v = 0;
            for (int j = from; j < to; j++) {
                char c = s.charAt(j);
                if (c < '0' || c > '9') {
                    v = -1;
                    break;
                }
                v = v * 10 + (c - '0');
            }
            if (v >= 100 && v <= 599) {
                return v;
            }
        }
        throw new MalformedLineException("bad status '" + s.substring(from, to) + "': expected 100..599");
    }

    private static void checkBytes(String s, int from, int to) throws MalformedLineException {
        if (to == from + 1 && s.charAt(from) == '-') {
            return;
        }
        boolean ok = to > from && to - from <= 19;
        for (int j = from; ok && j < to; j++) {
            char c = s.charAt(j);
            ok = c >= '0' && c <= '9';
        }
        if (!ok) {
            throw new MalformedLineException("bad response size '" + s.substring(from, to)
                    + "': expected digits or '-'");
        }
    }

    private static String dashToNull(String v) {
        return v.isEmpty() || v.equals("-") ? null : v;
    }
}
