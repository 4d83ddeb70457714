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
        TestHttp.send("DELETE", url.resolve("/" + INDEX), null, null, 404);
        TestHttp.send("PUT", url.resolve("/" + INDEX), "application/json", MAPPING);
    }

    @Override
    void load(List<ObjectNode> docs) {
        for (int from = 0; from < docs.size(); from += 1_000) {
            StringBuilder bulk = new StringBuilder();
            for (ObjectNode doc : docs.subList(from, Math.min(docs.size(), from + 1_000))) {
                bulk.append("{\"index\":{\"_id\":\"").append(doc.get("id").asText()).append("\"}}\n")
                        .append(doc).append('\n');
            }
            TestHttp.send("POST", url.resolve("/" + INDEX + "/_bulk?refresh=true"), "application/x-ndjson",
                    bulk.toString());
        }
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
