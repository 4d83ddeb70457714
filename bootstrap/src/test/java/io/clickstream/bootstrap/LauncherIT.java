package io.clickstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/pipeline} as a user runs it, after {@code package}: usage, unknown commands, and {@code serve} with
 * environment configuration, stopped gracefully by SIGTERM.
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "pipeline").toAbsolutePath().normalize();

    @TempDir
    Path work;

    @Test
    void help_and_unknown_commands_print_usage() throws Exception {
        Process help = launcher("--help").start();
        assertThat(help.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(help.exitValue()).isZero();
        assertThat(new String(help.getInputStream().readAllBytes())).contains("Usage: bin/pipeline").contains("serve");

        Process unknown = launcher("frobnicate").start();
        assertThat(unknown.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(unknown.exitValue()).isEqualTo(2);
        assertThat(new String(unknown.getErrorStream().readAllBytes())).contains("unknown command 'frobnicate'").contains("Usage");
    }

    @Test
    void serve_answers_health_then_stops_gracefully_on_sigterm() throws Exception {
        int port = freePort();
        Path log = work.resolve("serve.log");
        ProcessBuilder pb = launcher("serve").redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PIPELINE_HTTP_PORT", String.valueOf(port));
        pb.environment().put("PIPELINE_API_TOKEN", "s3cret");
        pb.environment().put("PIPELINE_DATA_DIR", work.resolve("data").toString());
        Process serve = pb.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = awaitHealth(http, port, serve, log);
            assertThat(health.statusCode()).isEqualTo(200);

            HttpResponse<String> unauthorised = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/jobs/ingest")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unauthorised.statusCode()).isEqualTo(401);
        } finally {
            serve.destroy(); // SIGTERM
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("stops within 60 s of SIGTERM").isTrue();
        }
        String output = Files.readString(log);
        assertThat(output).contains("shutting down").contains("stopped");
        assertThat(work.resolve("data").resolve("tmp")).isDirectory();
        assertThat(work.resolve("data").resolve("lake")).isDirectory();
    }

    private ProcessBuilder launcher(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = LAUNCHER.toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PIPELINE_"));
        return pb;
    }

    private static HttpResponse<String> awaitHealth(HttpClient http, int port, Process serve, Path log) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!serve.isAlive()) {
                throw new AssertionError("server exited early:\n" + Files.readString(log));
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("server did not answer /health within 60 s:\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
