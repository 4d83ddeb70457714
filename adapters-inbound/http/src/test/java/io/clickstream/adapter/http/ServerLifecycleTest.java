package io.clickstream.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.application.port.in.CheckHealthUseCase;
import io.clickstream.application.port.in.CheckHealthUseCase.HealthReport;
import io.clickstream.application.service.Unconfigured;
import io.clickstream.application.port.in.JobsUseCase;
import io.clickstream.application.port.in.PublishModelUseCase;
import io.clickstream.application.port.in.QueryModelsUseCase;
import io.clickstream.application.port.in.RecommendItemsUseCase;
import io.clickstream.domain.HealthStatus;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServerLifecycleTest {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void refuses_to_listen_beyond_loopback_without_a_token() {
        HttpApiServer server = server(new HttpSettings("0.0.0.0", 0, null, 1024, Duration.ofSeconds(1)), healthy());

        assertThatThrownBy(server::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0.0.0.0")
                .hasMessageContaining("api.token");
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void listens_on_an_ephemeral_loopback_port_and_refuses_a_second_start() throws Exception {
        try (HttpApiServer server = server(new HttpSettings("127.0.0.1", 0, null, 1024, Duration.ofSeconds(1)), healthy())) {
            int port = server.start();

            assertThat(port).isPositive().isEqualTo(server.port());
            assertThat(get(port, "/health").statusCode()).isEqualTo(200);
            assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("already running");
        }
    }

    @Test
    void stop_drains_a_request_in_flight_then_closes_the_port() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CheckHealthUseCase slow = () -> {
            entered.countDown();
            awaitQuietly(release);
            return new HealthReport(true, List.of(HealthStatus.up("slow", "took its time")));
        };
        HttpApiServer server = server(new HttpSettings("127.0.0.1", 0, null, 1024, Duration.ofSeconds(10)), slow);
        int port = server.start();

        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(request(port, "/health"), BodyHandlers.ofString());
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
        Thread.sleep(200);
        assertThat(stopping).as("stop waits for the request in flight").isNotDone();

        release.countDown();

        assertThat(inFlight.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        stopping.get(5, TimeUnit.SECONDS);
        assertThatThrownBy(() -> get(port, "/health")).isInstanceOf(ConnectException.class);
    }

    @Test
    void stop_gives_up_on_a_stuck_request_after_the_drain_timeout() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        CheckHealthUseCase stuck = () -> {
            entered.countDown();
            awaitQuietly(never);
            return new HealthReport(true, List.of());
        };
        HttpApiServer server = server(new HttpSettings("127.0.0.1", 0, null, 1024, Duration.ofMillis(300)), stuck);
        int port = server.start();
        client.sendAsync(request(port, "/health"), BodyHandlers.ofString());
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        server.stop();
        never.countDown();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
    }

    @Test
    void settings_reject_nonsense_and_hide_the_token() {
        assertThatThrownBy(() -> new HttpSettings("127.0.0.1", 70000, null, 1024, Duration.ZERO)).hasMessageContaining("http.port");
        assertThatThrownBy(() -> new HttpSettings("127.0.0.1", 0, null, 0, Duration.ZERO)).hasMessageContaining("http.max.body.bytes");
        assertThat(new HttpSettings("127.0.0.1", 0, "  ", 1, Duration.ZERO).token()).isEmpty();
        assertThat(HttpSettings.defaults().withToken("hunter2").toString()).doesNotContain("hunter2");
    }

    private static HttpApiServer server(HttpSettings settings, CheckHealthUseCase health) {
        return new HttpApiServer(Unconfigured.port(JobsUseCase.class, "jobs"),
                Unconfigured.port(QueryModelsUseCase.class, "models"),
                Unconfigured.port(PublishModelUseCase.class, "publishing"),
                Unconfigured.port(RecommendItemsUseCase.class, "recommendations"), health, settings);
    }

    private static CheckHealthUseCase healthy() {
        return () -> new HealthReport(true, List.of());
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return client.send(request(port, path), BodyHandlers.ofString());
    }

    private static HttpRequest request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
