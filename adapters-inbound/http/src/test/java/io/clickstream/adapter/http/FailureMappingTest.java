package io.clickstream.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.application.port.in.CheckHealthUseCase.HealthReport;
import io.clickstream.application.port.in.JobsUseCase;
import io.clickstream.application.port.in.PublishModelUseCase;
import io.clickstream.application.port.in.QueryModelsUseCase;
import io.clickstream.application.port.in.RecommendItemsUseCase;
import io.clickstream.application.service.Unconfigured;
import io.clickstream.domain.DependencyUnavailableException;
import io.clickstream.domain.Job;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failures from inside the use cases reach the client as the envelope with a fitting status, and no internals. */
class FailureMappingTest {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private HttpApiServer server;

    @BeforeEach
    void start() {
        JobsUseCase broken = new JobsUseCase() {
            @Override
            public Job submit(SubmitJobCommand command) {
                throw new DependencyUnavailableException("kafka", "no broker answered at 127.0.0.1:9092", null);
            }

            @Override
            public Optional<Job> find(String jobId) {
                throw new IllegalStateException("secret internals of " + jobId);
            }

            @Override
            public List<Job> list(ListJobsQuery query) {
                return List.of();
            }
        };
        server = new HttpApiServer(broken, Unconfigured.port(QueryModelsUseCase.class, "set registry.type"),
                Unconfigured.port(PublishModelUseCase.class, "set registry.type"),
                Unconfigured.port(RecommendItemsUseCase.class, "set model.dir"),
                () -> new HealthReport(true, List.of()),
                new HttpSettings("127.0.0.1", 0, null, 1024, Duration.ofSeconds(1)));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void unexpected_exception_is_500_with_a_generic_message() throws Exception {
        HttpResponse<String> response = get("/api/v1/jobs/j1");

        assertThat(response.statusCode()).isEqualTo(500);
        JsonNode error = ApiHarness.json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo("internal_error");
        assertThat(error.get("message").asText()).doesNotContain("secret");
    }

    @Test
    void unconfigured_port_is_503_saying_what_to_configure() throws Exception {
        HttpResponse<String> response = get("/api/v1/models");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(ApiHarness.json(response).at("/error/code").asText()).isEqualTo("service_unavailable");
        assertThat(ApiHarness.json(response).at("/error/message").asText()).contains("not configured").contains("registry.type");
    }

    @Test
    void unavailable_dependency_is_503_naming_it() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/api/v1/jobs/ingest"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(ApiHarness.json(response).at("/error/message").asText()).contains("kafka");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
