package io.clickstream.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The publish, promote and recommend endpoints of one running server, as the serving tests call them over HTTP. */
final class ServingApi {
    static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "SKIPPED");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    ServingApi(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    /** Runs the publish job (the quality gate) and returns the finished job. */
    JsonNode publish() throws IOException, InterruptedException {
        HttpResponse<String> accepted = post("/api/v1/jobs/publish", "{}");
        if (accepted.statusCode() != 202) {
            throw new AssertionError("publish not accepted: " + accepted.statusCode() + " " + accepted.body());
        }
        String jobId = JSON.readTree(accepted.body()).path("jobId").asText();
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            JsonNode job = JSON.readTree(get("/api/v1/jobs/" + jobId).body());
            if (TERMINAL.contains(job.path("state").asText())) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("publish job " + jobId + " did not finish within 60 s");
    }

    /** Manual promote (rollback); returns the response body. */
    JsonNode promote(String version) throws IOException, InterruptedException {
        HttpResponse<String> r = post("/api/v1/models/" + version + "/promote", "{\"reason\":\"test rollback\"}");
        if (r.statusCode() != 200) {
            throw new AssertionError("promote " + version + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** The raw answer to a session recommendation request. */
    HttpResponse<String> recommend(List<String> items, int k) throws IOException, InterruptedException {
        return post("/api/v1/recommendations", JSON.writeValueAsString(new Session(items, k)));
    }

    /** The model version named by a successful session recommendation. */
    String servedVersion(List<String> items) throws IOException, InterruptedException {
        HttpResponse<String> r = recommend(items, 10);
        if (r.statusCode() != 200) {
            throw new AssertionError("recommendations answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).path("modelVersion").asText();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode parse(String body) throws IOException {
        return JSON.readTree(body);
    }

    private record Session(List<String> items, int k) {
    }
}
