package io.clickstream.adapter.weblog;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.domain.EventId;
import io.clickstream.domain.EventType;
import io.clickstream.domain.Interaction;
import io.clickstream.domain.RejectedRecord;
import io.clickstream.domain.Source;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessLogParsingTest {

    private final Path dir = Logs.newDir();

    private Logs.Drained collect(String... lines) {
        Logs.write(dir.resolve("access.log"), List.of(lines));
        return Logs.drain(new WeblogClickstreamSourceAdapter(WeblogSettings.defaults(dir)), Optional.empty(), 1000);
    }

    private RejectedRecord onlyRejection(String line) {
        Logs.Drained d = collect(line);
        assertThat(d.records).isEmpty();
        assertThat(d.rejected).hasSize(1);
        assertThat(d.lines).isEqualTo(1);
        return d.rejected.get(0);
    }

    @Test
    void combined_line_with_session_cookie_becomes_a_view_with_user_session_item_and_utc_time() {
        String raw = "203.0.113.7 - alice42 [21/Nov/2026:11:00:00 +0100] \"GET /product/i1234 HTTP/1.1\" 200 5123 "
                + "\"https://shop.example/search?q=red+shoes\" \"Mozilla/5.0 (X11; Linux x86_64)\" \"s-8f3a\"";
        Logs.Drained d = collect(raw);

        assertThat(d.records).hasSize(1);
        assertThat(d.records.get(0).raw()).isEqualTo(raw);
        assertThat(d.records.get(0).interaction()).isEqualTo(new Interaction(EventId.of(Source.WEBLOG, raw),
                Instant.parse("2026-11-21T10:00:00Z"), Source.WEBLOG, EventType.VIEW, "alice42", "s-8f3a",
                "i1234", null));
    }

    @Test
    void combined_line_without_cookie_has_no_session() {
        Interaction i = collect("198.51.100.2 - bob [21/Nov/2026:10:00:00 -0500] \"GET /product/i7 HTTP/2.0\" 200 12 "
                + "\"-\" \"curl/8.0\"").records.get(0).interaction();

        assertThat(i.userId()).isEqualTo("bob");
        assertThat(i.sessionId()).isNull();
        assertThat(i.eventTime()).isEqualTo(Instant.parse("2026-11-21T15:00:00Z"));
    }

    @Test
    void common_log_format_line_is_parsed_and_dash_user_is_anonymous() {
        Interaction i = collect("10.0.0.1 - - [01/Jan/2027:00:00:59 +0000] \"GET /product/i9 HTTP/1.0\" 304 -")
                .records.get(0).interaction();

        assertThat(i.userId()).isNull();
        assertThat(i.sessionId()).isNull();
        assertThat(i.itemId()).isEqualTo("i9");
        assertThat(i.eventTime()).isEqualTo(Instant.parse("2027-01-01T00:00:59Z"));
    }

    @Test
    void dash_cookie_means_no_session_and_escaped_quotes_in_user_agent_are_allowed() {
        Interaction i = collect("10.0.0.1 - carol [21/Nov/2026:10:00:00 +0000] \"GET /product/i3 HTTP/1.1\" 200 1 "
                + "\"-\" \"Bot \\\"quoted\\\" 1.0\" \"-\"").records.get(0).interaction();

        assertThat(i.userId()).isEqualTo("carol");
        assertThat(i.sessionId()).isNull();
    }

    @Test
    void crlf_line_endings_are_not_part_of_the_raw_line() {
        String raw = Logs.view(1);
        Logs.writeBytes(dir.resolve("access.log"), (raw + "\r\n").getBytes(StandardCharsets.UTF_8), false);
        Logs.Drained d = Logs.drain(new WeblogClickstreamSourceAdapter(WeblogSettings.defaults(dir)),
                Optional.empty(), 10);

        assertThat(d.records).extracting(r -> r.raw()).containsExactly(raw);
    }

    @Test
    void bad_date_is_rejected_with_the_reason_and_the_original_line() {
        String line = Logs.line("u", "30/Feb/2026:10:00:00 +0000", "GET /product/i1 HTTP/1.1", 200, null);
        RejectedRecord r = onlyRejection(line);

        assertThat(r.source()).isEqualTo(Source.WEBLOG);
        assertThat(r.origin()).isEqualTo("access.log:1");
        assertThat(r.reason()).startsWith("bad timestamp [30/Feb/2026:10:00:00 +0000]").contains("Invalid date");
        assertThat(r.raw()).isEqualTo(line);
    }

    @Test
    void unknown_month_and_wrong_timestamp_shape_are_rejected() {
        assertThat(onlyRejection(Logs.line("u", "21/Foo/2026:10:00:00 +0000", "GET /product/i1 HTTP/1.1", 200,
                null)).reason()).contains("unknown month 'Foo'");
        assertThat(onlyRejection(Logs.line("u", "2026-11-21T10:00:00Z", "GET /product/i1 HTTP/1.1", 200,
                null)).reason()).contains("expected dd/MMM/yyyy:HH:mm:ss +hhmm");
    }

    @Test
    void truncated_line_is_rejected_as_truncated() {
        String full = Logs.view(1);
        RejectedRecord r = onlyRejection(full.substring(0, full.indexOf("HTTP/1.1")));

        assertThat(r.reason()).isEqualTo("missing closing quote of the request line field (truncated line?)");
    }

    @Test
    void missing_quote_around_the_user_agent_is_rejected_with_the_column() {
        RejectedRecord r = onlyRejection("10.0.0.1 - - [21/Nov/2026:10:00:00 +0000] \"GET /product/i1 HTTP/1.1\" 200 1 "
                + "\"-\" Mozilla/5.0");

        assertThat(r.reason()).isEqualTo("expected '\"' opening the user-agent field at column 80, found 'M'");
    }

    @Test
    void text_after_the_optional_cookie_field_is_rejected() {
        RejectedRecord r = onlyRejection(Logs.line("u", "21/Nov/2026:10:00:00 +0000", "GET /product/i1 HTTP/1.1",
                200, "s1") + " \"extra\"");

        assertThat(r.reason()).startsWith("unexpected text after the session-cookie field");
    }

    @Test
    void garbage_bytes_are_rejected_as_binary() {
        byte[] garbage = {0x00, 0x01, (byte) 0xff, 'x', 0x7f, 0x02, '\n'};
        Logs.writeBytes(dir.resolve("access.log"), garbage, false);
        Logs.Drained d = Logs.drain(new WeblogClickstreamSourceAdapter(WeblogSettings.defaults(dir)),
                Optional.empty(), 10);

        assertThat(d.rejected).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("control character 0x00 at byte 1: binary garbage, not a log line");
            assertThat(r.raw()).hasSize(6);
        });
    }

    @Test
    void invalid_utf8_is_rejected_with_its_byte_position() {
        byte[] prefix = "10.0.0.1 - m".getBytes(StandardCharsets.US_ASCII);
        byte[] rest = " [21/Nov/2026:10:00:00 +0000] \"GET /product/i1 HTTP/1.1\" 200 1\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[prefix.length + 2 + rest.length];
        System.arraycopy(prefix, 0, line, 0, prefix.length);
        line[prefix.length] = (byte) 0xc3; // a lead byte followed by ASCII: malformed
        line[prefix.length + 1] = 'x';
        System.arraycopy(rest, 0, line, prefix.length + 2, rest.length);
        Logs.writeBytes(dir.resolve("access.log"), line, false);
        Logs.Drained d = Logs.drain(new WeblogClickstreamSourceAdapter(WeblogSettings.defaults(dir)),
                Optional.empty(), 10);

        assertThat(d.rejected).singleElement().satisfies(r -> {
            assertThat(r.reason()).startsWith("invalid UTF-8 at byte 13");
            assertThat(r.raw()).startsWith("10.0.0.1 - m\uFFFDx [21/Nov");
        });
    }

    @Test
    void valid_utf8_user_names_are_kept() {
        Interaction i = collect(Logs.line("jürgen", "21/Nov/2026:10:00:00 +0000", "GET /product/i1 HTTP/1.1", 200,
                null)).records.get(0).interaction();

        assertThat(i.userId()).isEqualTo("jürgen");
    }

    @Test
    void empty_and_blank_lines_are_rejected_not_dropped() {
        Logs.Drained d = collect(Logs.view(1), "", "   ", Logs.view(2));

        assertThat(d.records).hasSize(2);
        assertThat(d.rejected).extracting(RejectedRecord::reason, RejectedRecord::origin)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("empty line", "access.log:2"),
                        org.assertj.core.groups.Tuple.tuple("blank line", "access.log:3"));
        assertThat(d.lines).isEqualTo(4);
    }

    @Test
    void over_long_line_is_rejected_with_its_length_and_the_next_line_is_still_read() {
        String longLine = Logs.line("u", "21/Nov/2026:10:00:00 +0000", "GET /product/i1?x=" + "a".repeat(200_000)
                + " HTTP/1.1", 200, null);
        Logs.Drained d = collect(Logs.view(1), longLine, Logs.view(2));

        assertThat(d.items()).containsExactly("i1", "i2");
        assertThat(d.rejected).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("line of " + longLine.length() + " bytes is longer than the limit of "
                    + "65536 bytes (sources.weblog.max.line.bytes); raw holds its first 4096 bytes");
            assertThat(r.raw()).isEqualTo(longLine.substring(0, 4096));
            assertThat(r.origin()).isEqualTo("access.log:2");
        });
    }

    @Test
    void bad_request_line_on_a_successful_response_is_rejected() {
        assertThat(onlyRejection(Logs.line("u", "21/Nov/2026:10:00:00 +0000", "-", 200, null)).reason())
                .isEqualTo("bad request line '-': expected 'METHOD target HTTP/x'");
        assertThat(onlyRejection(Logs.line("u", "21/Nov/2026:10:00:00 +0000", "GET product/i1 HTTP/1.1", 200,
                null)).reason()).contains("does not start with '/'");
    }

    @Test
    void bad_status_and_size_fields_are_rejected() {
        assertThat(onlyRejection("10.0.0.1 - - [21/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 2x0 1").reason())
                .isEqualTo("bad status '2x0': expected 100..599");
        assertThat(onlyRejection("10.0.0.1 - - [21/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 12k").reason())
                .isEqualTo("bad response size '12k': expected digits or '-'");
    }
}
