package io.clickstream.adapter.weblog;

import io.clickstream.domain.EventId;
import io.clickstream.domain.EventType;
import io.clickstream.domain.Interaction;
import io.clickstream.domain.Source;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Turns a parsed access-log line into an interaction with the first URL rule that matches it. Only 2xx and 3xx
 * responses are events (a 404 product page is not a view; a 302 after a checkout POST is a purchase).
 */
final class EventMapper {

    private final Compiled[] rules;

    EventMapper(List<UrlRule> rules) {
        this.rules = rules.stream().map(Compiled::new).toArray(Compiled[]::new);
    }

    /** A rule with its reusable matcher and which groups it has, looked up once rather than per line. */
    private static final class Compiled {
        final UrlRule rule;
        final Matcher matcher;
        final boolean item;
        final boolean query;
        final boolean user;
        final boolean session;

        Compiled(UrlRule rule) {
            this.rule = rule;
            this.matcher = rule.pattern().matcher("");
            this.item = rule.has(UrlRule.ITEM);
            this.query = rule.has(UrlRule.QUERY);
            this.user = rule.has(UrlRule.USER);
            this.session = rule.has(UrlRule.SESSION);
        }
    }

    /** The interaction, or null when the line is well-formed but no event (counted as unmatched). */
    Interaction map(String raw, AccessLogLine line) throws MalformedLineException {
        if (line.status < 200 || line.status >= 400) {
            return null;
        }
        // The request line is read in place in the raw line: only the target is copied out, for the rules.
        int from = line.requestFrom;
        int to = line.requestTo;
        int sp = raw.indexOf(' ', from);
        if (sp < 0 || sp >= to || sp == from) {
            throw new MalformedLineException("bad request line '" + line.request()
                    + "': expected 'METHOD target HTTP/x'");
        }
        for (int i = from; i < sp; i++) {
            char c = raw.charAt(i);
            if (c < 'A' || c > 'Z') {
                throw new MalformedLineException("bad request line '" + line.request() + "': method '"
                        + raw.substring(from, sp) + "' is not an HTTP method");
            }
        }
        String method = method(raw, from, sp);
        int last = raw.lastIndexOf(' ', to - 1);
        int targetTo = last > sp && raw.startsWith("HTTP/", last + 1) && last + 6 <= to ? last : to;
        int targetFrom = originFormStart(raw, sp + 1, targetTo);
        String target;
        if (targetFrom < 0) {
            target = "/";
        } else if (targetFrom == targetTo || raw.charAt(targetFrom) != '/') {
            if (targetTo - targetFrom == 1 && raw.charAt(targetFrom) == '*') {
                return null; // OPTIONS * : about the server, not a page
            }
            throw new MalformedLineException("bad request line '" + line.request()
                    + "': the target does not start with '/'");
        } else {
            target = raw.substring(targetFrom, targetTo);
        }
        for (Compiled rule : rules) {
            if (rule.rule.acceptsMethod(method) && matches(rule, target)) {
                return interaction(raw, line, rule, target.indexOf('?'));
            }
        }
        return null;
    }

    /** The method as a shared constant for the common ones, so that most lines copy nothing for it. */
    private static String method(String raw, int from, int to) {
        int length = to - from;
        if (length == 3 && raw.startsWith("GET", from)) {
            return "GET";
        }
        if (length == 4 && raw.startsWith("POST", from)) {
            return "POST";
        }
        return raw.substring(from, to);
    }

    private static boolean matches(Compiled rule, String target) throws MalformedLineException {
        try {
            return rule.matcher.reset(target).matches();
        } catch (StackOverflowError e) {
            // A configured regex with a repeated group recurses per repetition; one hostile URL must not end the job.
            throw new MalformedLineException("the " + rule.rule.eventType().wireName() + " rule's regex overflowed "
                    + "the stack on this " + target.length() + "-character target; simplify its repeated groups");
        }
    }

    private static Interaction interaction(String raw, AccessLogLine line, Compiled rule, int queryStart)
            throws MalformedLineException {
        EventType type = rule.rule.eventType();
        Matcher m = rule.matcher;
        String item = rule.item ? group(m, UrlRule.ITEM, queryStart) : null;
        String query = rule.query ? group(m, UrlRule.QUERY, queryStart) : null;
        String user = rule.user ? group(m, UrlRule.USER, queryStart) : null;
        String session = rule.session ? group(m, UrlRule.SESSION, queryStart) : null;
        if (type.requiresItem() && (item == null || item.isBlank())) {
            throw new MalformedLineException("the " + type.wireName() + " rule matched but the item is empty");
        }
        if (type == EventType.SEARCH && (query == null || query.isBlank())) {
            throw new MalformedLineException("the search rule matched but the query is empty");
        }
        return new Interaction(EventId.of(Source.WEBLOG, raw), line.time, Source.WEBLOG, type,
                user != null ? user : line.user(), session != null ? session : line.session(), item, query);
    }

    private static String group(Matcher m, String name, int queryStart) throws MalformedLineException {
        String v = m.group(name);
        if (v == null) {
            return null;
        }
        return PercentDecoder.decode(v, queryStart >= 0 && m.start(name) > queryStart);
    }

    /**
     * Where the path of a proxy-style absolute target ({@code http://host/path}) starts, so the rules see one form;
     * {@code from} for an origin-form target, -1 for an absolute target without a path (which is {@code /}).
     */
    private static int originFormStart(String raw, int from, int to) {
        int scheme = raw.startsWith("http://", from) ? 7 : raw.startsWith("https://", from) ? 8 : 0;
        if (scheme == 0 || from + scheme > to) {
            return from;
        }
        int slash = raw.indexOf('/', from + scheme);
        return slash < 0 || slash >= to ? -1 : slash;
    }
}
