package io.clickstream.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a clickstream record was collected: the web server's access log, the search engine's event log, or the shop's
 * own posts to the events API ({@code POST /api/v1/events}).
 */
public enum Source {
    WEBLOG, SEARCH, API;

    // computed once: the name is written for every landed record
    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The name used in the landing CSV and in lake partitions ({@code source=weblog}). */
    public String wireName() {
        return wireName;
    }

    public static Source fromWireName(String name) {
        for (Source s : values()) {
            if (s.wireName().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown source '" + name + "', valid: "
                + Arrays.stream(values()).map(Source::wireName).collect(Collectors.joining(", ")));
    }
}
