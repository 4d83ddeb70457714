package io.clickstream.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a clickstream record was collected: the web server's access log or the search engine's event log. */
public enum Source {
    WEBLOG, SEARCH;

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
