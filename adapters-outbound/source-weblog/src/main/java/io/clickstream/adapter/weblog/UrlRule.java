package io.clickstream.adapter.weblog;

import io.clickstream.domain.EventType;
import io.clickstream.domain.InvalidParameterException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One URL-to-event mapping: requests with one of {@code methods} (empty: any method) whose whole request target
 * matches {@code pattern} become an event of {@code eventType}. The pattern's named groups {@code item},
 * {@code user}, {@code session} and {@code query} supply those fields; {@code user} and {@code session} override
 * the log's user and session-cookie fields.
 */
record UrlRule(EventType eventType, Set<String> methods, Pattern pattern) {

    static final String ITEM = "item";
    static final String USER = "user";
    static final String SESSION = "session";
    static final String QUERY = "query";

    public UrlRule {
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(pattern, "pattern");
        methods = Set.copyOf(methods);
        if (eventType.requiresItem() && !hasGroup(pattern, ITEM)) {
            throw new InvalidParameterException(WeblogSettings.RULES_KEY, "the " + eventType.wireName()
                    + " rule '" + pattern.pattern() + "' has no named group (?<item>...)");
        }
        if (eventType == EventType.SEARCH && !hasGroup(pattern, QUERY)) {
            throw new InvalidParameterException(WeblogSettings.RULES_KEY, "the search rule '" + pattern.pattern()
                    + "' has no named group (?<query>...)");
        }
    }

    /** A rule from text: methods separated by {@code ,} or {@code |}, {@code *} or empty for any method. */
    public static UrlRule of(EventType eventType, String methods, String regex) {
        Set<String> set = new TreeSet<>();
        String m = methods == null ? "" : methods.trim();
        if (!m.isEmpty() && !m.equals("*")) {
            for (String one : m.split("[,|]")) {
                String method = one.trim().toUpperCase(Locale.ROOT);
                if (!method.matches("[A-Z]+")) {
                    throw new InvalidParameterException(WeblogSettings.RULES_KEY, "bad HTTP method '" + one
                            + "' in '" + methods + "'");
                }
                set.add(method);
            }
        }
        try {
            return new UrlRule(eventType, set, Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            throw new InvalidParameterException(WeblogSettings.RULES_KEY, "bad regex for the "
                    + eventType.wireName() + " rule: " + e.getMessage());
        }
    }

    boolean acceptsMethod(String method) {
        return methods.isEmpty() || methods.contains(method);
    }

    boolean has(String group) {
        return hasGroup(pattern, group);
    }

    // Java 17 has no Pattern.namedGroups(); the literal group syntax is the only way to declare one.
    private static boolean hasGroup(Pattern pattern, String group) {
        return pattern.pattern().contains("(?<" + group + ">");
    }
}
