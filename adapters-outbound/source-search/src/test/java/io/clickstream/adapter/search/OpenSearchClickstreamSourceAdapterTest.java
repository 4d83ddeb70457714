package io.clickstream.adapter.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.application.port.out.ClickstreamSource;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The search-source contract against a real single-node OpenSearch 2.19 in its own JVM. */
class OpenSearchClickstreamSourceAdapterTest extends SearchSourceContract {

    private static final String INDEX = "search-events";
    private static final String MAPPING = """
            {"settings": {"number_of_shards": 2, "number_of_replicas": 0},
             "mappings": {"properties": {
               "id": {"type": "keyword"}, "timestamp": {"type": "date"}, "event": {"type": "keyword"},
               "query": {"type": "text"}, "user_id": {"type": "keyword"}, "session_id": {"type": "keyword"},
               "item_id": {"type": "keyword"}, "position": {"type": "integer"}}}}
            """;

    private static EngineProcess engine;
    private static URI url;

    @BeforeAll
    static void startOpenSearch() throws Exception {
        engine = EngineProcess.openSearch("opensearch");
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
    void load(List<ObjectNode> docs) {
        TestHttp.bulkIndex(url, INDEX, "id", docs);
    }

    @Override
    ClickstreamSource source(int pageSize, Duration safetyLag, Clock clock) {
        return new OpenSearchClickstreamSourceAdapter(OpenSearchSourceSettings.of(url, INDEX)
                .withPageSize(pageSize).withSafetyLag(safetyLag).withResilience(FAST), clock);
    }

    @Override
    String dependencyName() {
        return "OpenSearch (" + url + ")";
    }

    @Override
    String originPrefix() {
        return INDEX + "/";
    }

    @Override
    void stopEngine() {
        engine.stop();
    }
}
