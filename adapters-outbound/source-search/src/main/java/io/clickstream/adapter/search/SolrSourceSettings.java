package io.clickstream.adapter.search;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of {@link SolrClickstreamSourceAdapter}: which Solr collection (or core) holds the search events
 * and how to read it.
 *
 * @param id         source id, also the checkpoint's name ({@code search-solr} by default)
 * @param url        Solr's base url, such as {@code http://127.0.0.1:8983/solr}
 * @param collection collection or core to read
 * @param fields     field names and event values
 * @param pageSize   documents per select request
 * @param safetyLag  read only events older than now minus this; zero (the default) reads up to the newest
 * @param username   basic-auth user, or null
 * @param password   basic-auth password, or null
 * @param resilience retry and circuit-breaker policy
 */
public record SolrSourceSettings(String id, URI url, String collection, SearchEventFields fields, int pageSize,
                                 Duration safetyLag, String username, String password,
                                 ResilienceSettings resilience) {

    public static final String DEFAULT_ID = "search-solr";
    public static final int DEFAULT_PAGE_SIZE = 1_000;

    public SolrSourceSettings {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(fields, "fields");
        if (id.isBlank() || collection.isBlank()) {
            throw new IllegalArgumentException("a Solr source needs a non-blank id and collection");
        }
        access(url, pageSize, safetyLag, username, password, resilience);
    }

    /** The defaults: id {@code search-solr}, default fields, 1,000 per page, no lag, no auth. */
    public static SolrSourceSettings of(URI url, String collection) {
        return new SolrSourceSettings(DEFAULT_ID, url, collection, SearchEventFields.defaults(), DEFAULT_PAGE_SIZE,
                Duration.ZERO, null, null, ResilienceSettings.defaults());
    }

    public SolrSourceSettings withId(String newId) {
        return new SolrSourceSettings(newId, url, collection, fields, pageSize, safetyLag, username, password,
                resilience);
    }

    public SolrSourceSettings withFields(SearchEventFields newFields) {
        return new SolrSourceSettings(id, url, collection, newFields, pageSize, safetyLag, username, password,
                resilience);
    }

    public SolrSourceSettings withPageSize(int newPageSize) {
        return new SolrSourceSettings(id, url, collection, fields, newPageSize, safetyLag, username, password,
                resilience);
    }

    public SolrSourceSettings withSafetyLag(Duration newLag) {
        return new SolrSourceSettings(id, url, collection, fields, pageSize, newLag, username, password,
                resilience);
    }

    public SolrSourceSettings withBasicAuth(String newUsername, String newPassword) {
        return new SolrSourceSettings(id, url, collection, fields, pageSize, safetyLag, newUsername, newPassword,
                resilience);
    }

    public SolrSourceSettings withResilience(ResilienceSettings newResilience) {
        return new SolrSourceSettings(id, url, collection, fields, pageSize, safetyLag, username, password,
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
        return "SolrSourceSettings[id=" + id + ", url=" + url + ", collection=" + collection + ", fields=" + fields
                + ", pageSize=" + pageSize + ", safetyLag=" + safetyLag + ", username=" + username
                + ", password=" + (password == null ? null : "***") + ", resilience=" + resilience + "]";
    }
}
