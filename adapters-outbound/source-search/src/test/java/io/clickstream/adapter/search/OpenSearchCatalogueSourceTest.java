package io.clickstream.adapter.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.application.port.out.CatalogueSource;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The catalogue-source contract against a real single-node OpenSearch product index. */
class OpenSearchCatalogueSourceTest extends CatalogueSourceContract {
    private static final String INDEX = "products";
    private static final String MAPPING = """
            {"settings": {"number_of_shards": 2, "number_of_replicas": 0},
             "mappings": {"properties": {
               "item_id": {"type": "keyword"}, "title": {"type": "text"}, "categories": {"type": "keyword"},
               "in_stock": {"type": "keyword"}, "hidden": {"type": "boolean"}, "updated_at": {"type": "date"}}}}
            """;

    private static EngineProcess engine;
    private static URI url;

    @BeforeAll
    static void startOpenSearch() throws Exception {
        engine = EngineProcess.openSearch("opensearch-catalogue");
        url = URI.create("http://127.0.0.1:" + engine.port());
    }

    @AfterAll
    static void stopOpenSearch() {
        if (engine != null) {
            engine.stop();
        }
    }

    @Override
    void clear() {
        TestHttp.recreateIndex(url, INDEX, MAPPING);
    }

    @Override
    void load(List<ObjectNode> products) {
        TestHttp.bulkIndex(url, INDEX, "item_id", products);
    }

    @Override
    CatalogueSource source(int pageSize) {
        return ProductIndexCatalogueSourceAdapter.openSearch(OpenSearchSourceSettings.of(url, INDEX)
                .withId(ProductIndexCatalogueSourceAdapter.OPENSEARCH_ID).withPageSize(pageSize)
                .withResilience(SearchSourceContract.FAST), FIELDS, Clock.systemUTC());
    }
}
