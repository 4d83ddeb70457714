package io.clickstream.adapter.search;

/**
 * The search engines a source reads: what each calls its unit of documents and how to read it. Everything else a
 * search source does (paging from a checkpoint, mapping, resilience, health) is the same for both.
 */
public enum SearchEngine {
    /** Elasticsearch or OpenSearch: an index (or alias, or pattern), read with {@code search_after}. */
    OPENSEARCH("OpenSearch", "index", "search-opensearch", "catalogue-opensearch") {
        @Override
        EngineReader reader(ResilientJsonHttp http, String index, String idField, String timestampField) {
            return new OpenSearchReader(http, index, idField, timestampField);
        }
    },
    /** Solr: a collection (or core), read with {@code cursorMark}. */
    SOLR("Solr", "collection", "search-solr", "catalogue-solr") {
        @Override
        EngineReader reader(ResilientJsonHttp http, String collection, String idField, String timestampField) {
            return new SolrReader(http, collection, idField, timestampField);
        }
    };

    private final String displayName;
    private final String indexNoun;
    private final String eventSourceId;
    private final String catalogueSourceId;

    SearchEngine(String displayName, String indexNoun, String eventSourceId, String catalogueSourceId) {
        this.displayName = displayName;
        this.indexNoun = indexNoun;
        this.eventSourceId = eventSourceId;
        this.catalogueSourceId = catalogueSourceId;
    }

    /** Documents ordered by ({@code timestampField}, {@code idField}): events, or products by their last update. */
    abstract EngineReader reader(ResilientJsonHttp http, String index, String idField, String timestampField);

    /** How errors and health name the engine, such as {@code OpenSearch}. */
    public String displayName() {
        return displayName;
    }

    /** What the engine calls the unit a source reads: {@code index} or {@code collection}. */
    String indexNoun() {
        return indexNoun;
    }

    /** The id (and checkpoint name) of an event source on this engine unless configured otherwise. */
    public String eventSourceId() {
        return eventSourceId;
    }

    /** The id (and checkpoint name) of a catalogue source on this engine. */
    public String catalogueSourceId() {
        return catalogueSourceId;
    }
}
