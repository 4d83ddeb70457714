package io.clickstream.adapter.weblog;

import io.clickstream.domain.EventId;
import io.clickstream.domain.EventType;
import io.clickstream.domain.Interaction;
import io.clickstream.domain.Source;
import java.util.List;
import java.util.regex.Matcher;

/**
 * The event mapper as it was before issue 13's rewrite, kept as the oracle of {@code ParserDifferentialTest}.
 * Turns a parsed access-log line into an interaction with the first URL rule that matches it. Only 2xx and 3xx
 * responses are events (a 404 product page is not a view; a 302 after a checkout POST is a purchase).
 */
final class LegacyEventMapper {

    private final Compiled[] rules;

    LegacyEventMapper(List<UrlRule> rules) {
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
    Interaction map(String raw, LegacyAccessLogParser.Line line) throws MalformedLineException {
        if (line.status() < 200 || line.status() >= 400) {
            return null;
        }
        String request = line.request();
        int sp = request.indexOf(' ');
        if (sp <= 0) {
            throw new MalformedLineException("bad request line '" + request + "': expected 'METHOD target HTTP/x'");
        }
        String method = request.substring(0, sp);
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (c < 'A' || c > 'Z') {
                throw new MalformedLineException("bad request line '" + request + "': method '" + method
                        + "' is not an HTTP method");
            }
        }
        int last = request.lastIndexOf(' ');
        String target = last > sp && request.startsWith("HTTP/", last + 1)
                ? request.substring(sp + 1, last) : request.substring(sp + 1);
        target = originForm(target);
        if (target.isEmpty() || target.charAt(0) != '/') {
            if (target.equals("*")) {
                return null; // OPTIONS * : about the server, not a page
            }
            throw new MalformedLineException("bad request line '" + request + "': the target does not start with '/'");
        }
        for (Compiled rule : rules) {
            if (rule.rule.acceptsMethod(method) && matches(rule, target)) {
                return interaction(raw, line, rule, target.indexOf('?'));
            }
        }
        return null;
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

    private static Interaction interaction(String raw, LegacyAccessLogParser.Line line, Compiled rule, int queryStart)
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
        return new Interaction(EventId.of(Source.WEBLOG, raw), line.time(), Source.WEBLOG, type,
                user != null ? user : line.user(), session != null ? session : line.session(), item, query);
    }

    private static String group(Matcher m, String name, int queryStart) throws MalformedLineException {
        String v = m.group(name);
        if (v == null) {
            return null;
        }
        return PercentDecoder.decode(v, queryStart >= 0 && m.start(name) > queryStart);
    }

    /** A proxy-style absolute target ({@code http://host/path}) reduced to its path, so the rules see one form. */
    private static String originForm(String target) {
        if (target.startsWith("http://") || target.startsWith("https://")) {
            int slash = target.indexOf('/', target.indexOf("//") + 2);
            return slash < 0 ? "/" : target.substring(slash);
        }
        return target;
    }
}
