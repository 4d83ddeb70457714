package io.clickstream.adapter.weblog;

import io.clickstream.domain.EventType;
import io.clickstream.domain.InvalidParameterException;
import java.util.ArrayList;
import java.util.List;

/**
 * The default URL rules of the shop, and the parser of the {@code sources.weblog.rules} text: entries
 * {@code event_type:METHODS:regex} separated by {@code ;} or new lines (a {@code ;} inside a regex is written
 * {@code \;}, which is also a literal {@code ;} in the regex), {@code METHODS} like {@code GET} or
 * {@code GET,POST} or {@code *}, and the entry {@code defaults} standing for the default rules at that position.
 */
final class UrlRules {

    // "Any parameters, then &" as one greedy .* rather than a repeated group: java.util.regex recurses once per
    // repetition of a group, so (?:[^&]*&)* overflows the stack on a long query string; .* backs off in a loop.
    private static final String PARAMS_BEFORE = "(?:.*&)?";

    private static final List<UrlRule> DEFAULTS = List.of(
            UrlRule.of(EventType.VIEW, "GET", "/product/(?<item>[^/?#]+)/?(?:\\?.*)?"),
            UrlRule.of(EventType.CART, "GET,POST", "/cart/add\\?" + PARAMS_BEFORE + "item=(?<item>[^&]*).*"),
            UrlRule.of(EventType.PURCHASE, "GET,POST",
                    "/checkout(?:/[^?]*)?\\?" + PARAMS_BEFORE + "item=(?<item>[^&]*).*"),
            UrlRule.of(EventType.SEARCH, "GET", "/search\\?" + PARAMS_BEFORE + "q=(?<query>[^&]*).*"));

    private UrlRules() {
    }

    /**
     * {@code GET /product/{item}} (any query string) → view; {@code /cart/add?item=} → cart;
     * {@code /checkout...?...item=} → purchase (the last item parameter if several); {@code GET /search?q=} → search.
     */
    public static List<UrlRule> defaults() {
        return DEFAULTS;
    }

    /** Parses the rules text described in the class comment; blank text gives the defaults. */
    public static List<UrlRule> parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return DEFAULTS;
        }
        List<UrlRule> rules = new ArrayList<>();
        for (String entry : spec.split("(?<!\\\\);|\\R")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            if (e.equalsIgnoreCase("defaults")) {
                rules.addAll(DEFAULTS);
                continue;
            }
            int first = e.indexOf(':');
            int second = first < 0 ? -1 : e.indexOf(':', first + 1);
            if (second < 0) {
                throw new InvalidParameterException(WeblogSettings.RULES_KEY, "rule '" + e
                        + "' is not event_type:METHODS:regex");
            }
            String type = e.substring(0, first).strip();
            EventType eventType;
            try {
                eventType = EventType.fromWireName(type);
            } catch (IllegalArgumentException ex) {
                throw new InvalidParameterException(WeblogSettings.RULES_KEY, "rule '" + e + "': " + ex.getMessage());
            }
            rules.add(UrlRule.of(eventType, e.substring(first + 1, second), e.substring(second + 1).strip()));
        }
        if (rules.isEmpty()) {
            throw new InvalidParameterException(WeblogSettings.RULES_KEY, "no rule in '" + spec + "'");
        }
        return List.copyOf(rules);
    }
}
