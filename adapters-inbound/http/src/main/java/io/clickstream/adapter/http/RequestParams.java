package io.clickstream.adapter.http;

import io.clickstream.domain.InvalidParameterException;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Reads path and query parameters; a malformed value is an {@link InvalidParameterException} naming it. The server
 * leaves URLs undecoded (so that a bad escape such as {@code %ZZ} is a 400 in the envelope, not Undertow's bare 400):
 * values are percent-decoded here, as UTF-8.
 */
final class RequestParams {
    /** Query parameters one request may carry (Undertow's own, higher limit would answer without the envelope). */
    static final int MAX_PARAMETERS = 1000;

    private RequestParams() {
    }

    /** Refuses a request with more than {@link #MAX_PARAMETERS} query parameters, in the envelope. */
    static void requireFewParameters(HttpServerExchange exchange) {
        int count = exchange.getQueryParameters().values().stream().mapToInt(Deque::size).sum();
        if (count > MAX_PARAMETERS) {
            throw new InvalidParameterException("query", "at most " + MAX_PARAMETERS + " query parameters, got " + count);
        }
    }

    private static String decode(String name, String raw, boolean query) {
        try {
            // '+' is a space only in a query string; in a path it is itself.
            return URLDecoder.decode(query ? raw : raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(name, "is not valid percent-encoding: " + e.getMessage());
        }
    }

    static String path(HttpServerExchange exchange, String name) {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        String value = match == null ? null : match.getParameters().get(name);
        if (value == null) {
            throw new IllegalStateException("route has no path parameter " + name);
        }
        return decode(name, value, false);
    }

    /**
     * A single-valued query parameter; absent is empty, given empty ({@code ?k=}) or twice is an error. Not trimmed:
     * a value with a trailing CR or LF reaches validation as it came, and is refused there like any control character.
     */
    static Optional<String> query(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new InvalidParameterException(name, "must be given once, got " + values.size() + " values");
        }
        String value = decode(name, values.getFirst(), true);
        if (value.isEmpty()) {
            throw new InvalidParameterException(name, "must not be empty (leave the parameter out instead)");
        }
        return Optional.of(value);
    }

    static String requiredQuery(HttpServerExchange exchange, String name) {
        return query(exchange, name).orElseThrow(() -> new InvalidParameterException(name, "is required"));
    }

    static int intQuery(HttpServerExchange exchange, String name, int defaultValue) {
        Optional<String> raw = query(exchange, name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(raw.get());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, "must be an integer, got '" + raw.get() + "'");
        }
    }

    /** {@code true} or {@code false} exactly; absent is the default. */
    static boolean booleanQuery(HttpServerExchange exchange, String name, boolean defaultValue) {
        Optional<String> raw = query(exchange, name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidParameterException(name, "must be true or false, got '" + raw.get() + "'");
        };
    }

    /** A list given as comma-separated values, repeated parameters, or both ({@code exclude=a,b&exclude=c}). */
    static List<String> listQuery(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        List<String> items = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                for (String part : decode(name, value, true).split(",")) {
                    if (!part.isBlank()) {
                        items.add(part.trim());
                    }
                }
            }
        }
        return items;
    }
}
