package io.clickstream.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.adapter.http.HttpSettings.ConnectionLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 14 finding 1: clients that send slowly hold connections, never the server. */
class SlowClientsTest {
    private static final int SLOW_CLIENTS = 64;

    private final List<Socket> sockets = new ArrayList<>();
    private ApiHarness api;

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void health_answers_every_probe_within_a_second_while_64_slow_bodies_are_held_open() throws Exception {
        api = new ApiHarness(Map.of(), new HttpSettings("127.0.0.1", 0, ApiHarness.TOKEN,
                HttpSettings.DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(5)));
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            // Recommendations need no token here: these bodies are read, slowly, for as long as the client likes.
            startSlowPost("/api/v1/recommendations", null);
            startSlowPost("/api/v1/jobs/ingest", null);
        }

        for (int probe = 0; probe < 20; probe++) {
            long start = System.nanoTime();
            HttpResponse<String> health = api.send(api.request("/health").timeout(Duration.ofSeconds(1)).GET());
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(millis).as("probe %d took %d ms", probe, millis).isLessThan(1000);
            Thread.sleep(50);
        }
        HttpResponse<String> complete = api.post("/api/v1/recommendations", "{\"items\": [\"i1\"]}");
        assertThat(complete.statusCode()).as("a complete request still gets a worker (and says no model is published): %s", complete.body()).isEqualTo(404);
    }

    @Test
    void an_unauthenticated_post_is_refused_before_its_body_is_read() throws Exception {
        api = ApiHarness.start(Map.of());
        Socket socket = startSlowPost("/api/v1/jobs/ingest", null);

        String answer = readAnswer(socket, Duration.ofSeconds(2));

        assertThat(answer).startsWith("HTTP/1.1 401").contains("\"unauthorized\"");
    }

    @Test
    void a_body_that_stops_arriving_is_dropped_after_the_read_timeout() throws Exception {
        start(new ConnectionLimits(Duration.ofMillis(500), Duration.ofSeconds(60), Duration.ofSeconds(10), 100));

        assertClosedSoon(startSlowPost("/api/v1/recommendations", null, 1000));
    }

    @Test
    void headers_that_never_end_are_dropped_after_the_request_parse_timeout() throws Exception {
        start(new ConnectionLimits(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofMillis(500), 100));
        Socket socket = connect();
        write(socket, "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");

        assertClosedSoon(socket);
    }

    @Test
    void connections_beyond_the_per_address_bound_get_429_in_the_envelope() throws Exception {
        start(new ConnectionLimits(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(10), 3));
        for (int i = 0; i < 3; i++) {
            startSlowPost("/api/v1/recommendations", null, 1000);
        }
        Thread.sleep(200);

        Socket fourth = connect();
        write(fourth, "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
        String answer = readAnswer(fourth, Duration.ofSeconds(2));

        assertThat(answer).startsWith("HTTP/1.1 429").contains("\"too_many_requests\"")
                .contains("http.max.connections.per.address");
        sockets.get(0).close();
        Thread.sleep(300);
        assertThat(api.get("/health").statusCode()).as("a closed connection frees its place").isEqualTo(200);
    }

    private void start(ConnectionLimits limits) {
        api = new ApiHarness(Map.of(), ApiHarness.settings().withLimits(limits));
    }

    /** The server closes the connection well within the 5 s this waits (its timeouts here are 500 ms). */
    private static void assertClosedSoon(Socket socket) throws IOException {
        long start = System.nanoTime();
        readAnswer(socket, Duration.ofSeconds(5));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    /** Sends the headers and the first bytes of a body of {@code length} bytes (100,000 by default), and no more. */
    private Socket startSlowPost(String path, String token) throws IOException {
        return startSlowPost(path, token, 100_000);
    }

    private Socket startSlowPost(String path, String token, int length) throws IOException {
        Socket socket = connect();
        write(socket, "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + "Content-Length: " + length + "\r\n\r\n{\"items\": [");
        return socket;
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", api.server.port());
        sockets.add(socket);
        return socket;
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** What the server sent until it closed the connection; fails if it is still open after {@code wait}. */
    private static String readAnswer(Socket socket, Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        StringBuilder answer = new StringBuilder();
        byte[] buffer = new byte[4096];
        InputStream in = socket.getInputStream();
        try {
            int n;
            while ((n = in.read(buffer)) != -1) {
                answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open for " + wait + "; it sent: " + answer);
        } catch (IOException e) {
            if (!e.getMessage().contains("reset")) {
                throw new UncheckedIOException(e);
            }
        }
        return answer.toString();
    }
}
