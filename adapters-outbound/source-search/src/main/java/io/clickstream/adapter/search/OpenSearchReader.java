package io.clickstream.adapter.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads event documents through the {@code _search} REST API that Elasticsearch and OpenSearch share, paging with
 * {@code search_after} on the sort values (timestamp, id). Needs the timestamp mapped as {@code date} (sort values
 * are epoch milliseconds) and the id field sortable ({@code keyword}).
 */
final class OpenSearchReader implements EngineReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ResilientJsonHttp http;
    private final String index;
    private final String searchPath;
    private final String idField;
    private final String timestampField;


    /** Documents ordered by ({@code timestampField}, {@code idField}): events, or products by their last update. */
    OpenSearchReader(ResilientJsonHttp http, String index, String idField, String timestampField) {
        this.http = http;
        this.index = index;
        this.searchPath = "/" + URLEncoder.encode(index, StandardCharsets.UTF_8) + "/_search";
        this.idField = idField;
        this.timestampField = timestampField;
    }

    @Override
    public Cursor timedAfter(Instant timestamp, String id, Instant before) {
        ArrayNode filter = JSON.createArrayNode();
        filter.add(exists(timestampField));
        filter.add(exists(idField));
        if (before != null) {
            ObjectNode range = filter.addObject().putObject("range").putObject(timestampField);
            range.put("lt", before.toEpochMilli());
            range.put("format", "epoch_millis");
        }
        ObjectNode query = JSON.createObjectNode();
        query.putObject("bool").set("filter", filter);
        ArrayNode sort = JSON.createArrayNode();
        sort.addObject().putObject(timestampField).put("order", "asc");
        sort.addObject().putObject(idField).put("order", "asc");
        ArrayNode after = null;
        if (timestamp != null) {
            after = JSON.createArrayNode().add(timestamp.toEpochMilli()).add(id);
        }
        return new SearchAfterCursor(query, sort, after, true);
    }

    @Override
    public Cursor untimedAfter(String id) {
        ObjectNode bool = JSON.createObjectNode();
        bool.putArray("filter").add(exists(idField));
        bool.putArray("must_not").add(exists(timestampField));
        ObjectNode query = JSON.createObjectNode();
        query.set("bool", bool);
        ArrayNode sort = JSON.createArrayNode();
        sort.addObject().putObject(idField).put("order", "asc");
        ArrayNode after = id == null ? null : JSON.createArrayNode().add(id);
        return new SearchAfterCursor(query, sort, after, false);
    }

    private static ObjectNode exists(String field) {
        ObjectNode node = JSON.createObjectNode();
        node.putObject("exists").put("field", field);
        return node;
    }

    /** A count of the index's documents, for the health check. */
    @Override
    public long count(Duration timeout) throws IOException {
        JsonNode answer = http.getOnce("/" + URLEncoder.encode(index, StandardCharsets.UTF_8) + "/_count", timeout);
        return answer.path("count").asLong();
    }

    private final class SearchAfterCursor implements Cursor {
        private final ObjectNode query;
        private final ArrayNode sort;
        private final boolean timed;
        private ArrayNode after;

        SearchAfterCursor(ObjectNode query, ArrayNode sort, ArrayNode after, boolean timed) {
            this.query = query;
            this.sort = sort;
            this.after = after;
            this.timed = timed;
        }

        @Override
        public List<EngineDocument> next(int size) {
            ObjectNode body = JSON.createObjectNode();
            body.put("size", size);
            body.put("track_total_hits", false);
            body.set("query", query);
            body.set("sort", sort);
            if (after != null) {
                body.set("search_after", after);
            }
            JsonNode answer = http.post(searchPath, "application/json", body.toString(),
                    OpenSearchReader::incompleteness);
            List<EngineDocument> docs = new ArrayList<>();
            for (JsonNode hit : answer.path("hits").path("hits")) {
                docs.add(document(hit));
                after = (ArrayNode) hit.get("sort");
            }
            return docs;
        }

        private EngineDocument document(JsonNode hit) {
            JsonNode sortValues = hit.path("sort");
            String docId = hit.path("_id").asText();
            if (!(hit.get("_source") instanceof ObjectNode source)) {
                throw new IllegalStateException(http.dependency() + ": document " + index + "/" + docId
                        + " came back without its _source; the collector needs _source enabled on '" + index + "'");
            }
            String origin = hit.path("_index").asText(index) + "/" + docId;
            if (timed) {
                return new EngineDocument(origin, source, Instant.ofEpochMilli(sortValues.path(0).asLong()),
                        sortValues.path(1).asText());
            }
            return new EngineDocument(origin, source, null, sortValues.path(0).asText());
        }
    }

    /** Partial answers must not move the checkpoint past documents a failed shard still holds. */
    private static Optional<String> incompleteness(JsonNode answer) {
        if (answer.path("timed_out").asBoolean(false)) {
            return Optional.of("the search timed out");
        }
        int failed = answer.path("_shards").path("failed").asInt(0);
        if (failed > 0) {
            return Optional.of(failed + " shard(s) failed: " + answer.path("_shards").path("failures"));
        }
        return Optional.empty();
    }
}
