package io.clickstream.adapter.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * A real engine started in its own JVM for one test class, the one index (OpenSearch) or core (Solr) the tests
 * read, and how they fill and empty it.
 */
final class EngineIndex implements AutoCloseable {
    private final SearchEngine engine;
    private final EngineProcess process;
    private final URI url;
    private final String index;
    private final String mapping;
    private final String idField;

    private EngineIndex(SearchEngine engine, EngineProcess process, URI url, String index, String mapping,
                        String idField) {
        this.engine = engine;
        this.process = process;
        this.url = url;
        this.index = index;
        this.mapping = mapping;
        this.idField = idField;
    }

    /** A single-node OpenSearch with one index of this mapping, documents keyed by {@code idField}. */
    static EngineIndex openSearch(String workName, String index, String mapping, String idField) throws IOException {
        EngineProcess process = EngineProcess.openSearch(workName);
        return new EngineIndex(SearchEngine.OPENSEARCH, process, URI.create("http://127.0.0.1:" + process.port()),
                index, mapping, idField);
    }

    /** A standalone Solr with one core (its schema names the unique key). */
    static EngineIndex solr(String workName, String core) throws IOException {
        EngineProcess process = EngineProcess.solr(workName, core);
        return new EngineIndex(SearchEngine.SOLR, process, URI.create("http://127.0.0.1:" + process.port() + "/solr"),
                core, null, null);
    }

    /** Removes every document. */
    void clear() {
        switch (engine) {
            case OPENSEARCH -> TestHttp.recreateIndex(url, index, mapping);
            case SOLR -> TestHttp.solrDeleteAll(url, index);
        }
    }

    /** Indexes the documents and makes them visible to searches. */
    void load(List<ObjectNode> docs) {
        switch (engine) {
            case OPENSEARCH -> TestHttp.bulkIndex(url, index, idField, docs);
            case SOLR -> TestHttp.solrAdd(url, index, docs);
        }
    }

    /** A source's settings for this index, with the engine's defaults. */
    SearchSourceSettings settings() {
        return SearchSourceSettings.of(engine, url, index);
    }

    String index() {
        return index;
    }

    /** How the adapter names the engine in errors, such as {@code OpenSearch (http://127.0.0.1:9201)}. */
    String dependencyName() {
        return engine.displayName() + " (" + url + ")";
    }

    @Override
    public void close() {
        process.stop();
    }
}
