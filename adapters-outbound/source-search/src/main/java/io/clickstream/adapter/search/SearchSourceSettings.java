package io.clickstream.adapter.search;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of a search-engine source ({@link SearchClickstreamSourceAdapter}, or the connection of a {@link
 * ProductIndexCatalogueSourceAdapter}): which engine, which index or collection, and how to read it.
 *
 * @param engine     OpenSearch (also Elasticsearch) or Solr
 * @param id         source id, also the checkpoint's name (the engine's {@link SearchEngine#eventSourceId()} by default)
 * @param url        the engine's REST endpoint, such as {@code http://127.0.0.1:9200} or {@code http://127.0.0.1:8983/solr}
 * @param index      OpenSearch index (or alias, or pattern), or Solr collection (or core), to read
 * @param fields     field names and event values
 * @param pageSize   documents per request
 * @param safetyLag  read only events older than now minus this; zero (the default) reads up to the newest
 * @param username   basic-auth user, or null
 * @param password   basic-auth password, or null
 * @param resilience retry and circuit-breaker policy
 */
public record SearchSourceSettings(SearchEngine engine, String id, URI url, String index, SearchEventFields fields,
                                   int pageSize, Duration safetyLag, String username, String password,
                                   ResilienceSettings resilience) {

    public static final int DEFAULT_PAGE_SIZE = 1_000;

    public SearchSourceSettings {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(fields, "fields");
        if (id.isBlank() || index.isBlank()) {
            throw new IllegalArgumentException("a " + engine.displayName() + " source needs a non-blank id and "
                    + engine.indexNoun());
        }
        new EngineAccess(url, pageSize, safetyLag, username, password, resilience);
    }

    /** An Elasticsearch/OpenSearch index with the defaults: default fields, 1,000 per page, no lag, no auth. */
    public static SearchSourceSettings openSearch(URI url, String index) {
        return of(SearchEngine.OPENSEARCH, url, index);
    }

    /** A Solr collection or core with the defaults: default fields, 1,000 per page, no lag, no auth. */
    public static SearchSourceSettings solr(URI url, String collection) {
        return of(SearchEngine.SOLR, url, collection);
    }

    /** An index or collection on either engine, with the defaults. */
    static SearchSourceSettings of(SearchEngine engine, URI url, String index) {
        return new SearchSourceSettings(engine, engine.eventSourceId(), url, index, SearchEventFields.defaults(),
                DEFAULT_PAGE_SIZE, Duration.ZERO, null, null, ResilienceSettings.defaults());
    }

    public SearchSourceSettings withId(String newId) {
        return new SearchSourceSettings(engine, newId, url, index, fields, pageSize, safetyLag, username, password,
                resilience);
    }

    public SearchSourceSettings withFields(SearchEventFields newFields) {
        return new SearchSourceSettings(engine, id, url, index, newFields, pageSize, safetyLag, username, password,
                resilience);
    }

    public SearchSourceSettings withPageSize(int newPageSize) {
        return new SearchSourceSettings(engine, id, url, index, fields, newPageSize, safetyLag, username, password,
                resilience);
    }

    public SearchSourceSettings withSafetyLag(Duration newLag) {
        return new SearchSourceSettings(engine, id, url, index, fields, pageSize, newLag, username, password,
                resilience);
    }

    public SearchSourceSettings withBasicAuth(String newUsername, String newPassword) {
        return new SearchSourceSettings(engine, id, url, index, fields, pageSize, safetyLag, newUsername, newPassword,
                resilience);
    }

    public SearchSourceSettings withResilience(ResilienceSettings newResilience) {
        return new SearchSourceSettings(engine, id, url, index, fields, pageSize, safetyLag, username, password,
                newResilience);
    }

    /** The engine's HTTP client, named in errors as {@code OpenSearch (http://…)}. */
    ResilientJsonHttp http() {
        EngineAccess access = new EngineAccess(url, pageSize, safetyLag, username, password, resilience);
        return new ResilientJsonHttp(engine.displayName() + " (" + access.base() + ")", access);
    }

    /** Reads this index in ({@code timestampField}, {@code idField}) order. */
    EngineReader reader(String idField, String timestampField) {
        return engine.reader(http(), index, idField, timestampField);
    }

    /** Where the source reads, for health and error messages: {@code index 'events' at http://…}. */
    String where() {
        return engine.indexNoun() + " '" + index + "' at " + url;
    }

    @Override
    public String toString() {
        return "SearchSourceSettings[engine=" + engine + ", id=" + id + ", url=" + url + ", index=" + index
                + ", fields=" + fields + ", pageSize=" + pageSize + ", safetyLag=" + safetyLag + ", username="
                + username + ", password=" + (password == null ? null : "***") + ", resilience=" + resilience + "]";
    }
}
