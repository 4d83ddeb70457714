package io.clickstream.adapter.weblog;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.domain.Interaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The parser and event mapper of issue 13 (positions instead of copies) against the ones they replaced, kept in test
 * scope as the oracle: every line must be landed as the same interaction, counted unmatched, or rejected with the same
 * reason. Lines: generated access-log lines of every format, then the same lines truncated, with characters replaced,
 * inserted and deleted at random.
 */
class ParserDifferentialTest {

    private static final String[] USERS = {"-", "alice", "u2587", "-x", "a\"b", "", "--", "'=1"};
    private static final String[] TIMES = {"21/Nov/2026:10:00:00 +0000", "01/Jan/2027:00:00:59 -0500",
        "29/Feb/2025:10:00:00 +0000", "21/Nov/2026:24:00:00 +0000", "21/Xyz/2026:10:00:00 +0000",
        "21/Nov/2026:10:00:00 +1900", "21/Nov/2026:10:00:00 0000", "21/Nov/2026 10:00:00 +0000"};
    private static final String[] REQUESTS = {"GET /product/i1817 HTTP/2.0", "GET /product/i2861?ref=search&q=a HTTP/1.1",
        "POST /cart/add?item=i9&qty=1 HTTP/1.1", "GET /cart/add?qty=1&item=i%20x HTTP/1.1",
        "POST /checkout/confirm?order=7&item=i3 HTTP/1.1", "GET /checkout?item= HTTP/1.1",
        "GET /search?q=red+shoes HTTP/1.1", "GET /search?q=%E4%B8%AD HTTP/1.1", "GET /search?q=%0A HTTP/1.1",
        "GET /search?q=%zz HTTP/1.1", "GET /search?q= HTTP/1.1", "GET /static/app.css HTTP/2.0", "GET /health HTTP/1.1",
        "GET http://shop.example/product/i5 HTTP/1.1", "GET https://shop.example HTTP/1.1", "GET http:/x HTTP/1.1",
        "GET https://shop.example/search?q=x HTTP/1.1", "OPTIONS * HTTP/1.1", "GET * HTTP/1.1", "get /product/i1 HTTP/1.1",
        "GET /product/i1", "GET  /product/i1 HTTP/1.1", "GET /product/i1  HTTP/1.1", "GET", "GET ", " GET /product/i1",
        "", "-", "GET product/i1 HTTP/1.1", "PUT /product/i1 HTTP/1.1", "GET /product/ HTTP/1.1",
        "GET /product/i1/ HTTP/1.1", "GET /product/i\\\"1 HTTP/1.1", "G3T /product/i1 HTTP/1.1",
        "GET /product/i1 HTTP/", "GET /product/i1 XHTTP/1.1", "GET /product/%C2%84 HTTP/1.1", "DELETE / HTTP/1.1",
        "GET /product/i1?u=1 HTTP/1.1 extra"};
    private static final int[] STATUSES = {200, 304, 302, 404, 500, 99, 600, 201};
    private static final String[] TAILS = {"", " \"-\" \"curl/8.0\"", " \"https://shop.example/\" \"Mozilla/5.0 (X11)\"",
        " \"-\" \"Bot \\\"quoted\\\" 1.0\" \"s-8f3a\"", " \"-\" \"ua\" \"-\"", " \"-\" \"ua\" \"\"", " \"-\" \"ua\" \"s\" \"x\"",
        " \"-\" \"ua\" s", " \"-\" \"ua", " \"-\"", " -", "\t", "  "};
    private static final String NASTY = " \"\\[]-/?&=%+:0123456789AGTPSaz*\t\u00e9";

    private final LegacyAccessLogParser oldParser = new LegacyAccessLogParser();
    private final LegacyEventMapper oldMapper = new LegacyEventMapper(UrlRules.defaults());
    private final AccessLogParser newParser = new AccessLogParser();
    private final EventMapper newMapper = new EventMapper(UrlRules.defaults());

    @Test
    void every_generated_and_mutated_line_is_classified_as_before() {
        Random random = new Random(1313);
        List<String> lines = generated(random);
        for (String line : lines) {
            agree(line);
            for (int cut = 0; cut <= line.length(); cut += 1 + random.nextInt(9)) {
                agree(line.substring(0, cut));
            }
            for (int m = 0; m < 6; m++) {
                agree(mutate(line, random));
            }
        }
        assertThat(lines).hasSizeGreaterThan(20_000);
    }

    @Test
    void lines_with_custom_rules_naming_user_and_session_are_classified_as_before() {
        List<UrlRule> rules = UrlRules.parse("view:GET:/u/(?<user>[^/]*)/s/(?<session>[^/]*)/p/(?<item>[^/?]+).*;"
                + "search:*:/find\\?(?<query>.*)");
        LegacyEventMapper oldCustom = new LegacyEventMapper(rules);
        EventMapper newCustom = new EventMapper(rules);
        for (String request : List.of("GET /u/bob/s/s1/p/i1 HTTP/1.1", "GET /u//s//p/i1 HTTP/1.1",
                "PATCH /find?a+b HTTP/1.1", "GET /find? HTTP/1.1", "GET /u/%41/s/%0A/p/i1 HTTP/1.1")) {
            String line = "10.0.0.1 - carol [21/Nov/2026:10:00:00 +0000] \"" + request + "\" 200 1 \"-\" \"ua\" \"c1\"";
            assertThat(outcome(line, newParser, newCustom)).as(line).isEqualTo(oldOutcome(line, oldCustom));
        }
    }

    private void agree(String line) {
        assertThat(outcome(line, newParser, newMapper)).as(line).isEqualTo(oldOutcome(line, oldMapper));
    }

    private static String outcome(String line, AccessLogParser parser, EventMapper mapper) {
        try {
            Interaction i = mapper.map(line, parser.parse(line));
            return i == null ? "unmatched" : "landed " + i;
        } catch (MalformedLineException e) {
            return "rejected: " + e.getMessage();
        }
    }

    private String oldOutcome(String line, LegacyEventMapper mapper) {
        try {
            Interaction i = mapper.map(line, oldParser.parse(line));
            return i == null ? "unmatched" : "landed " + i;
        } catch (MalformedLineException e) {
            return "rejected: " + e.getMessage();
        }
    }

    private static List<String> generated(Random random) {
        List<String> lines = new ArrayList<>();
        for (String request : REQUESTS) {
            for (String tail : TAILS) {
                for (int k = 0; k < 60; k++) {
                    String user = USERS[random.nextInt(USERS.length)];
                    String time = random.nextInt(4) == 0 ? TIMES[random.nextInt(TIMES.length)] : TIMES[0];
                    int status = random.nextInt(3) == 0 ? STATUSES[random.nextInt(STATUSES.length)] : 200;
                    String size = switch (random.nextInt(5)) {
                        case 0 -> "-";
                        case 1 -> "12a";
                        default -> Integer.toString(random.nextInt(100_000));
                    };
                    lines.add("203.0.113." + random.nextInt(256) + " - " + user + " [" + time + "] \"" + request
                            + "\" " + status + " " + size + tail);
                }
            }
        }
        return lines;
    }

    private static String mutate(String line, Random random) {
        StringBuilder s = new StringBuilder(line);
        for (int edits = 1 + random.nextInt(3); edits > 0 && s.length() > 0; edits--) {
            int at = random.nextInt(s.length());
            char c = NASTY.charAt(random.nextInt(NASTY.length()));
            switch (random.nextInt(3)) {
                case 0 -> s.setCharAt(at, c);
                case 1 -> s.insert(at, c);
                default -> s.deleteCharAt(at);
            }
        }
        return s.toString();
    }
}
