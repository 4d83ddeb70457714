package io.clickstream.adapter.search;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of {@link OpenSearchClickstreamSourceAdapter}: which Elasticsearch/OpenSearch index holds the
 * search events and how to read it.
 *
 * @param id         source id, also the checkpoint's name ({@code search-opensearch} by default)
 * @param url        the engine's REST endpoint, such as {@code http://127.0.0.1:9200}
 * @param index      index (or alias, or pattern) to read
 * @param fields     field names and event values
 * @param pageSize   documents per search request
 * @param safetyLag  read only events older than now minus this; zero (the default) reads up to the newest
 * @param username   basic-auth user, or null
 * @param password   basic-auth password, or null
 * @param resilience retry and circuit-breaker policy
 */
public record OpenSearchSourceSettings(String id, URI url, String index, SearchEventFields fields, int pageSize,
                                       Duration safetyLag, String username, String password,
                                       ResilienceSettings resilience) {

    public static final String DEFAULT_ID = "search-opensearch";
    public static final int DEFAULT_PAGE_SIZE = 1_000;

    public OpenSearchSourceSettings {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(fields, "fields");
        if (id.isBlank() || index.isBlank()) {
            throw new IllegalArgumentException("an OpenSearch source needs a non-blank id and index");
        }
        access(url, pageSize, safetyLag, username, password, resilience);
    }

    /** The defaults: id {@code search-opensearch}, default fields, 1,000 per page, no lag, no auth. */
    public static OpenSearchSourceSettings of(URI url, String index) {
        return new OpenSearchSourceSettings(DEFAULT_ID, url, index, SearchEventFields.defaults(), DEFAULT_PAGE_SIZE,
                Duration.ZERO, null, null, ResilienceSettings.defaults());
    }

    public OpenSearchSourceSettings withId(String newId) {
        return new OpenSearchSourceSettings(newId, url, index, fields, pageSize, safetyLag, username, password,
                resilience);
    }

    public OpenSearchSourceSettings withFields(SearchEventFields newFields) {
        return new OpenSearchSourceSettings(id, url, index, newFields, pageSize, safetyLag, username, password,
                resilience);
    }

    public OpenSearchSourceSettings withPageSize(int newPageSize) {
        return new OpenSearchSourceSettings(id, url, index, fields, newPageSize, safetyLag, username, password,
                resilience);
    }

    public OpenSearchSourceSettings withSafetyLag(Duration newLag) {
        return new OpenSearchSourceSettings(id, url, index, fields, pageSize, newLag, username, password,
                resilience);
    }

    public OpenSearchSourceSettings withBasicAuth(String newUsername, String newPassword) {
        return new OpenSearchSourceSettings(id, url, index, fields, pageSize, safetyLag, newUsername, newPassword,
                resilience);
    }

    public OpenSearchSourceSettings withResilience(ResilienceSettings newResilience) {
        return new OpenSearchSourceSettings(id, url, index, fields, pageSize, safetyLag, username, password,
                newResilience);
    }

    EngineAccess access() {
        return access(url, pageSize, safetyLag, username, password, resilience);
    }

    private static EngineAccess access(URI url, int pageSize, Duration safetyLag, String username, String password,
                                       ResilienceSettings resilience) {
        return new EngineAccess(url, pageSize, safetyLag, username, password, resilience);
    }

    @Override
    public String toString() {
        return "OpenSearchSourceSettings[id=" + id + ", url=" + url + ", index=" + index + ", fields=" + fields
                + ", pageSize=" + pageSize + ", safetyLag=" + safetyLag + ", username=" + username
                + ", password=" + (password == null ? null : "***") + ", resilience=" + resilience + "]";
    }
}
