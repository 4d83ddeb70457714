package io.clickstream.adapter.search;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** What the tests need to set up an engine: plain HTTP calls and a clean work folder. */
final class TestHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestHttp() {
    }

    /** Sends a request and returns the status; fails the test on a status that is not 2xx or {@code allowed}. */
    static int send(String method, URI uri, String contentType, String body, int... allowed) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            boolean ok = status / 100 == 2;
            for (int a : allowed) {
                ok |= status == a;
            }
            if (!ok || response.body().contains("\"errors\":true")) {
                throw new IllegalStateException(method + " " + uri + " -> " + status + ": " + response.body());
            }
            return status;
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An empty folder under target/ for one engine's files. */
    static Path freshDir(String name) throws IOException {
        Path dir = Path.of("target", "engine-runs", name).toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    /** Deletes an OpenSearch index if it is there and creates it again with {@code mapping}. */
    static void recreateIndex(URI engine, String index, String mapping) {
        send("DELETE", engine.resolve("/" + index), null, null, 404);
        send("PUT", engine.resolve("/" + index), "application/json", mapping);
    }

    /** Indexes documents into OpenSearch in bulk requests of 1,000, each under the value of {@code idField}. */
    static void bulkIndex(URI engine, String index, String idField, List<ObjectNode> docs) {
        for (int from = 0; from < docs.size(); from += 1_000) {
            StringBuilder bulk = new StringBuilder();
            for (ObjectNode doc : docs.subList(from, Math.min(docs.size(), from + 1_000))) {
                bulk.append("{\"index\":{\"_id\":\"").append(doc.get(idField).asText()).append("\"}}\n")
                        .append(doc).append('\n');
            }
            send("POST", engine.resolve("/" + index + "/_bulk?refresh=true"), "application/x-ndjson", bulk.toString());
        }
    }

    /** Deletes every document of a Solr core and commits. */
    static void solrDeleteAll(URI solr, String core) {
        send("POST", URI.create(solr + "/" + core + "/update?commit=true"), "application/json",
                "{\"delete\":{\"query\":\"*:*\"}}");
    }

    /** Adds documents to a Solr core (null fields left out: Solr has no null) and commits. */
    static void solrAdd(URI solr, String core, List<ObjectNode> docs) {
        ArrayNode array = SearchEventFixtures.JSON.createArrayNode();
        docs.forEach(d -> array.add(SearchEventFixtures.withoutNulls(d)));
        send("POST", URI.create(solr + "/" + core + "/update?commit=true"), "application/json", array.toString());
    }
}
