package io.clickstream.adapter.search;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The part every search-engine source shares in its settings: what to read per request, how long to hold back
 * recent events, optional basic-auth credentials and the retry policy.
 *
 * @param pageSize   documents per request (1 to 10,000)
 * @param safetyLag  only events older than now minus this are read (zero: no bound), see the adapters' Javadoc
 * @param username   basic-auth user, or null for none
 * @param password   basic-auth password, or null for none
 */
record EngineAccess(URI url, int pageSize, Duration safetyLag, String username, String password,
                    ResilienceSettings resilience) {

    static final int MAX_PAGE_SIZE = 10_000;

    EngineAccess {
        Objects.requireNonNull(url, "url");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("search engine url must be http or https, got '" + url + "'");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be between 1 and " + MAX_PAGE_SIZE + ", got " + pageSize);
        }
        Objects.requireNonNull(safetyLag, "safetyLag");
        if (safetyLag.isNegative()) {
            throw new IllegalArgumentException("safetyLag must not be negative, got " + safetyLag);
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("basic auth needs both a username and a password");
        }
        Objects.requireNonNull(resilience, "resilience");
    }

    /** The base url without a trailing slash, for appending paths. */
    String base() {
        String s = url.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public String toString() {
        return "EngineAccess[url=" + url + ", pageSize=" + pageSize + ", safetyLag=" + safetyLag
                + ", username=" + username + ", password=" + (password == null ? null : "***") + "]";
    }
}
