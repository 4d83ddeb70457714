package io.clickstream.adapter.search;

import java.io.IOException;

/** The search-source contract against a real single-node OpenSearch 2.19 in its own JVM. */
class OpenSearchSourceTest extends SearchSourceContract {
    private static final String MAPPING = """
            {"settings": {"number_of_shards": 2, "number_of_replicas": 0},
             "mappings": {"properties": {
               "id": {"type": "keyword"}, "timestamp": {"type": "date"}, "event": {"type": "keyword"},
               "query": {"type": "text"}, "user_id": {"type": "keyword"}, "session_id": {"type": "keyword"},
               "item_id": {"type": "keyword"}, "position": {"type": "integer"}}}}
            """;

    @Override
    EngineIndex startEngine() throws IOException {
        return EngineIndex.openSearch("opensearch", "search-events", MAPPING, "id");
    }
}
