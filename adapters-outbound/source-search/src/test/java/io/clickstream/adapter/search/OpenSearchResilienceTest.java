package io.clickstream.adapter.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.clickstream.application.port.out.ClickstreamSource.Chunk;
import io.clickstream.domain.DependencyUnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retry, circuit breaker and error handling, against a scripted HTTP server standing in for the engine. */
class OpenSearchResilienceTest {

    private static final String EMPTY = "{\"timed_out\":false,\"_shards\":{\"total\":1,\"failed\":0},"
            + "\"hits\":{\"hits\":[]}}";
    private static final String PARTIAL = "{\"timed_out\":false,\"_shards\":{\"total\":2,\"failed\":1,"
            + "\"failures\":[{\"reason\":\"node left\"}]},\"hits\":{\"hits\":[]}}";

    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private Answer otherwise = new Answer(200, EMPTY);
    private HttpServer server;
    private URI url;

    record Answer(int status, String body) {
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.getRequestBody().readAllBytes();
            Answer answer = Optional.ofNullable(script.poll()).orElse(otherwise);
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private SearchClickstreamSourceAdapter adapter() {
        return new SearchClickstreamSourceAdapter(SearchSourceSettings.openSearch(url, "events")
                .withResilience(SearchSourceContract.FAST).withBasicAuth("collector", "s3cret"));
    }

    @Test
    void transient_server_errors_are_retried_until_the_engine_answers() {
        script.add(new Answer(503, "{\"error\":\"busy\"}"));
        script.add(new Answer(503, "{\"error\":\"busy\"}"));

        Chunk chunk = adapter().collect(Optional.empty(), 10);

        assertThat(chunk.endReached()).isTrue();
        assertThat(requests.get()).isEqualTo(4); // untimed read: 2 failures + 1 answer; timed read: 1 answer
        assertThat(authorizations).containsOnly("Basic Y29sbGVjdG9yOnMzY3JldA==");
    }

    @Test
    void a_partial_answer_is_retried_rather_than_read_past() {
        script.add(new Answer(200, PARTIAL));

        Chunk chunk = adapter().collect(Optional.empty(), 10);

        assertThat(chunk.endReached()).isTrue();
        assertThat(requests.get()).isEqualTo(3);
    }

    @Test
    void an_engine_that_keeps_failing_is_reported_unavailable_after_the_configured_attempts() {
        otherwise = new Answer(503, "{\"error\":\"down\"}");

        assertThatThrownBy(() -> adapter().collect(Optional.empty(), 10))
                .isInstanceOfSatisfying(DependencyUnavailableException.class,
                        e -> assertThat(e.dependency()).isEqualTo("OpenSearch (" + url + ")"))
                .hasMessageContaining("no answer after 3 attempts")
                .hasMessageContaining("HTTP 503");
        assertThat(requests.get()).isEqualTo(3);
    }

    @Test
    void the_circuit_breaker_stops_calling_an_engine_that_keeps_failing() {
        otherwise = new Answer(500, "{\"error\":\"down\"}");
        SearchClickstreamSourceAdapter adapter = adapter();
        assertThatThrownBy(() -> adapter.collect(Optional.empty(), 10))
                .isInstanceOf(DependencyUnavailableException.class);

        assertThatThrownBy(() -> adapter.collect(Optional.empty(), 10))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageContaining("circuit breaker is open");
        int before = requests.get();
        assertThatThrownBy(() -> adapter.collect(Optional.empty(), 10))
                .isInstanceOf(DependencyUnavailableException.class);

        assertThat(requests.get()).isEqualTo(before).isEqualTo(5);
    }

    @Test
    void a_request_the_engine_refuses_is_reported_at_once_without_retries() {
        script.add(new Answer(400, "{\"error\":{\"reason\":\"No mapping found for [timestamp] in order to sort on\"}}"));

        assertThatThrownBy(() -> adapter().collect(Optional.empty(), 10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refused the request to /events/_search: HTTP 400")
                .hasMessageContaining("No mapping found for [timestamp]");
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void health_is_down_with_the_reason_when_the_engine_errs() {
        otherwise = new Answer(503, "{\"error\":\"down\"}");

        var status = adapter().check();

        assertThat(status.up()).isFalse();
        assertThat(status.component()).isEqualTo("search-opensearch");
        assertThat(status.detail()).contains("HTTP 503");
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void settings_never_print_the_password() {
        assertThat(SearchSourceSettings.openSearch(url, "events").withBasicAuth("collector", "s3cret").toString())
                .doesNotContain("s3cret").contains("collector");
        assertThat(Duration.ZERO).isEqualTo(SearchSourceSettings.openSearch(url, "events").safetyLag());
    }
}
