package io.clickstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.adapter.http.HttpApiServer;
import io.clickstream.bootstrap.config.ConfigException;
import io.clickstream.bootstrap.config.PipelineConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The foundation's acceptance, through the real wiring: Dagger graph, config, Undertow on an ephemeral port. */
class ServerAcceptanceTest {
    private static final Pattern JOB_ID = Pattern.compile("\"jobId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z]+)\"");

    @TempDir
    Path dataDir;

    private PipelineComponent app;
    private HttpApiServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() {
        app = PipelineComponent.create(PipelineConfig.of(Map.of("data.dir", dataDir.toString(), "http.port", "0",
                "api.token", "s3cret")));
        server = app.httpServer();
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
        app.jobs().shutdown(Duration.ofSeconds(5));
    }

    @Test
    void health_answers_200_with_json() throws Exception {
        HttpResponse<String> r = get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/json"));
        assertThat(r.body()).contains("lake");
    }

    @Test
    void ingest_needs_the_token_and_fails_clearly_without_a_source() throws Exception {
        HttpResponse<String> anonymous = post("/api/v1/jobs/ingest", "{\"runId\":\"r-1\"}", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"error\"").contains("\"code\"").contains("\"message\"");

        HttpResponse<String> accepted = post("/api/v1/jobs/ingest", "{\"runId\":\"r-1\"}", "s3cret");
        assertThat(accepted.statusCode()).isEqualTo(202);
        String jobId = first(JOB_ID, accepted.body());

        String job = awaitTerminal(jobId);
        assertThat(first(STATE, job)).isEqualTo("FAILED");
        assertThat(job).contains("not configured").contains("sources.weblog.path");

        HttpResponse<String> again = post("/api/v1/jobs/ingest", "{\"runId\":\"r-1\"}", "s3cret");
        assertThat(first(JOB_ID, again.body())).isEqualTo(jobId);
        assertThat(app.lake().describe()).contains(dataDir.toString());
    }

    @Test
    void recommendations_answer_404_without_a_model_and_400_for_a_bad_k() throws Exception {
        HttpResponse<String> noModel = get("/api/v1/recommendations?userId=u1");
        assertThat(noModel.statusCode()).isEqualTo(404);
        assertThat(noModel.body()).contains("\"error\"").contains("no model");

        HttpResponse<String> badK = get("/api/v1/recommendations?userId=u1&k=-1");
        assertThat(badK.statusCode()).isEqualTo(400);
        assertThat(badK.body()).contains("\"error\"").contains("k");
    }

    @Test
    void a_non_loopback_address_without_a_token_is_refused(@TempDir Path other) {
        PipelineComponent exposed = PipelineComponent.create(PipelineConfig.of(Map.of("data.dir", other.toString(),
                "http.port", "0", "http.host", "0.0.0.0")));
        assertThatThrownBy(() -> exposed.httpServer().start()).hasMessageContaining("token");
    }

    @Test
    void an_unknown_lake_scheme_fails_at_start_with_the_valid_choices() {
        assertThatThrownBy(() -> PipelineComponent.create(PipelineConfig.of(Map.of("lake.uri", "gs://bucket/x"))).lake())
                .isInstanceOf(ConfigException.class).hasMessageContaining("'gs'").hasMessageContaining("file");
    }

    private String awaitTerminal(String jobId) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> r = get("/api/v1/jobs/" + jobId);
            assertThat(r.statusCode()).isEqualTo(200);
            String state = first(STATE, r.body());
            if (state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("SKIPPED")) {
                return r.body();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + jobId + " did not finish within 30 s");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static String first(Pattern p, String body) {
        Matcher m = p.matcher(body);
        assertThat(m.find()).as("%s in %s", p, body).isTrue();
        return m.group(1);
    }
}
