package io.clickstream.adapter.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.application.port.out.CatalogueSource;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The catalogue-source contract against a real Solr product core (item_id its unique key). */
class SolrCatalogueSourceTest extends CatalogueSourceContract {
    private static final String CORE = "products";

    private static EngineProcess engine;
    private static URI url;

    @BeforeAll
    static void startSolr() throws Exception {
        engine = EngineProcess.solr("solr-catalogue", CORE);
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
    void load(List<ObjectNode> products) {
        TestHttp.solrAdd(url, CORE, products);
    }

    @Override
    CatalogueSource source(int pageSize) {
        return ProductIndexCatalogueSourceAdapter.solr(SolrSourceSettings.of(url, CORE).withId(ProductIndexCatalogueSourceAdapter.SOLR_ID)
                .withPageSize(pageSize).withResilience(SearchSourceContract.FAST), FIELDS, Clock.systemUTC());
    }
}
