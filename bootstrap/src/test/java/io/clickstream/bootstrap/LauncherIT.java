package io.clickstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.adapter.generator.ClickstreamGenerator;
import io.clickstream.adapter.generator.GenerationSummary;
import io.clickstream.adapter.generator.GeneratorSettings;
import io.clickstream.adapter.kafka.EmbeddedKafkaBroker;
import io.clickstream.adapter.kafka.EmbeddedKafkaSettings;
import io.clickstream.adapter.localfs.LocalFsDataLakeAdapter;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.domain.LakeLayout;
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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/pipeline} as a user runs it, after {@code package}: usage, unknown commands, {@code serve} with
 * environment configuration, stopped gracefully by SIGTERM, and {@code run ingest} over generated access logs with
 * the embedded broker.
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

    @Test
    void run_ingest_lands_rejects_and_publishes_generated_logs_and_a_second_run_adds_nothing() throws Exception {
        GenerationSummary generated = new ClickstreamGenerator(GeneratorSettings.defaults(2_000, 3).withDays(2))
                .generate(work.resolve("gen"));
        Path data = work.resolve("data");
        Map<String, String> env = Map.of("PIPELINE_SOURCES_WEBLOG_PATH", work.resolve("gen").resolve("access").toString(),
                "PIPELINE_DATA_DIR", data.toString(), "PIPELINE_INGEST_CHUNK_SIZE", "500");
        long eventLines = generated.accessLog().eventLines();
        long malformed = generated.accessLog().malformedLines();

        Map<String, Long> first = runIngest(env, work.resolve("ingest-1.log"));

        assertThat(first).containsEntry("read", 2_000L).containsEntry("landed", eventLines)
                .containsEntry("rejected", malformed).containsEntry("published", eventLines);
        DataLake lake = new LocalFsDataLakeAdapter(data.resolve("lake"));
        try (Stream<Path> files = Files.walk(data.resolve("lake/landing/clickstream/source=weblog"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".csv")))
                    .isNotEmpty().allSatisfy(f -> assertThat(f.getParent().getFileName().toString()).matches("dt=2026-11-2[01]"));
        }
        assertThat(IngestedState.landedEventIds(lake)).hasSize((int) eventLines);
        assertThat(data.resolve("lake/landing/_rejected/source=weblog")).isDirectory();
        assertThat(IngestedState.rejectedRows(lake)).hasSize((int) malformed)
                .allSatisfy(row -> assertThat(row[2]).as("reason").isNotBlank());
        assertThat(IngestedState.manifestRanges(lake)).hasSize(lake.list(LakeLayout.landingClickstream()).size());
        Map<String, String> landing = IngestedState.landingSnapshot(lake);

        Map<String, Long> second = runIngest(env, work.resolve("ingest-2.log"));

        assertThat(second).containsEntry("read", 0L).containsEntry("landed", 0L).containsEntry("rejected", 0L)
                .containsEntry("published", 0L);
        assertThat(IngestedState.landingSnapshot(lake)).isEqualTo(landing);
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(EmbeddedKafkaSettings.under(data)).start()) {
            assertThat(IngestedState.eventIds(IngestedState.readCommitted(broker.bootstrapServers(), "clickstream.raw")))
                    .as("the embedded broker's raw topic after both runs")
                    .containsExactlyInAnyOrderElementsOf(IngestedState.landedEventIds(lake));
        }
    }

    /** {@code bin/pipeline run ingest}: must exit 0; the job's counts from its last line. */
    private Map<String, Long> runIngest(Map<String, String> env, Path log) throws Exception {
        ProcessBuilder pb = launcher("run", "ingest").redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process run = pb.start();
        if (!run.waitFor(180, TimeUnit.SECONDS)) {
            run.destroyForcibly();
            throw new AssertionError("bin/pipeline run ingest did not finish in 180 s:\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        assertThat(run.exitValue()).as(output).isZero();
        assertThat(output).contains("ingest succeeded");
        String countsLine = output.lines().filter(l -> l.startsWith("counts: ")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no counts in:\n" + output));
        Map<String, Long> counts = new HashMap<>();
        Matcher m = Pattern.compile("([A-Za-z.]+)=(\\d+)").matcher(countsLine);
        while (m.find()) {
            counts.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return counts;
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
