package io.clickstream.adapter.search;

import java.io.IOException;

/** The search-source contract against a real standalone Solr 9.10 in its own JVM (core {@code events}). */
class SolrSourceTest extends SearchSourceContract {
    @Override
    EngineIndex startEngine() throws IOException {
        return EngineIndex.solr("solr", "events");
    }
}
