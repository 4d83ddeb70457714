package io.clickstream.adapter.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.application.port.out.ClickstreamSource;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The search-source contract against a real standalone Solr 9.10 in its own JVM (core {@code events}). */
class SolrClickstreamSourceAdapterTest extends SearchSourceContract {

    private static final String CORE = "events";

    private static EngineProcess engine;
    private static URI url;

    @BeforeAll
    static void startSolr() throws Exception {
        engine = EngineProcess.solr("solr", CORE);
        url = URI.create("http://127.0.0.1:" + engine.port() + "/solr");
    }

    @AfterAll
    static void stopSolr() {
        if (engine != null) {
            engine.stop();
        }
    }

    @Override
    void clear() {
        TestHttp.solrDeleteAll(url, CORE);
    }

    @Override
    void load(List<ObjectNode> docs) {
        TestHttp.solrAdd(url, CORE, docs);
    }

    @Override
    ClickstreamSource source(int pageSize, Duration safetyLag, Clock clock) {
        return new SolrClickstreamSourceAdapter(SolrSourceSettings.of(url, CORE)
                .withPageSize(pageSize).withSafetyLag(safetyLag).withResilience(FAST), clock);
    }

    @Override
    String dependencyName() {
        return "Solr (" + url + ")";
    }

    @Override
    String originPrefix() {
        return CORE + "/";
    }

    @Override
    void stopEngine() {
        engine.stop();
    }
}
