package io.clickstream.adapter.search;

import java.io.IOException;

/** The catalogue-source contract against a real single-node OpenSearch product index. */
class OpenSearchCatalogueSourceTest extends CatalogueSourceContract {
    private static final String MAPPING = """
            {"settings": {"number_of_shards": 2, "number_of_replicas": 0},
             "mappings": {"properties": {
               "item_id": {"type": "keyword"}, "title": {"type": "text"}, "categories": {"type": "keyword"},
               "in_stock": {"type": "keyword"}, "hidden": {"type": "boolean"}, "updated_at": {"type": "date"}}}}
            """;

    @Override
    EngineIndex startEngine() throws IOException {
        return EngineIndex.openSearch("opensearch-catalogue", "products", MAPPING, "item_id");
    }
}
