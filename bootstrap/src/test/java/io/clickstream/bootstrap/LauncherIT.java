package io.clickstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.generator.ClickstreamGenerator;
import io.clickstream.generator.GenerationSummary;
import io.clickstream.generator.GeneratorSettings;
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
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/pipeline} as a user runs it, after {@code package}: usage, unknown commands, {@code serve} with
 * environment configuration, stopped gracefully by SIGTERM, {@code run ingest} over generated access logs with
 * the embedded broker, and {@code demo} twice on one data dir.
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "pipeline").toAbsolutePath().normalize();
    private static final Pattern SERVING = Pattern.compile("serving model (\\S+) on (http://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern USER_REQUEST = Pattern.compile("curl '(http://\\S+/api/v1/recommendations\\?userId=[^']+)'");
    /** An item id from a hostile log: markup that runs script wherever a page renders it as HTML. */
    static final String HOSTILE_ITEM = "<img/src/onerror=alert(1)>";
    private static final Pattern POPULAR_ITEMS = Pattern.compile("\"itemId\":\"(i\\d+)\"");
    /**
     * A console log line of any logger but ours ("HH:mm:ss.SSS LEVEL [thread] logger - ..."), or an engine's line in a
     * format of its own (a level word, then an engine's name), or SLF4J's and log4j's own complaints.
     */
    private static final Pattern ENGINE_LOG_LINE = Pattern.compile(
            "^\\d{2}:\\d{2}:\\d{2}\\.\\d{3} +[A-Z]+ +\\[.*\\] +(?!i\\.c\\.|io\\.clickstream)"
                    + "|\\b(INFO|WARN|WARNING|ERROR|DEBUG)\\b.*(?i:org\\.apache|hive|spark|kafka|hadoop|nd4j|deeplearning4j|datanucleus)"
                    + "|^SLF4J|^log4j");

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

    /** Issue 14 acceptance 4: a finished job outlives a {@code kill -9} of its server. */
    @Test
    void a_finished_job_is_found_after_the_server_is_killed_with_sigkill_and_restarted() throws Exception {
        int port = freePort();
        HttpClient http = HttpClient.newHttpClient();
        String job;
        String before;
        Process serve = serve(port, work.resolve("serve-1.log"));
        try {
            awaitHealth(http, port, serve, work.resolve("serve-1.log"));
            HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/v1/jobs/publish")).header("Authorization", "Bearer s3cret")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"runId\":\"r-kill\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(submitted.statusCode()).isEqualTo(202);
            Matcher id = Pattern.compile("\"jobId\":\"([^\"]+)\"").matcher(submitted.body());
            assertThat(id.find()).isTrue();
            job = "http://127.0.0.1:" + port + "/api/v1/jobs/" + id.group(1);
            before = awaitFinished(http, job);
        } finally {
            serve.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }

        Process restarted = serve(port, work.resolve("serve-2.log"));
        try {
            awaitHealth(http, port, restarted, work.resolve("serve-2.log"));
            HttpResponse<String> after = get(http, job);

            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(after.body()).isEqualTo(before);
        } finally {
            restarted.destroy();
            assertThat(restarted.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    private Process serve(int port, Path log) throws IOException {
        ProcessBuilder pb = launcher("serve").redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PIPELINE_HTTP_PORT", String.valueOf(port));
        pb.environment().put("PIPELINE_API_TOKEN", "s3cret");
        pb.environment().put("PIPELINE_DATA_DIR", work.resolve("data").toString());
        return pb.start();
    }

    private static String awaitFinished(HttpClient http, String job) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            String body = get(http, job).body();
            if (body.matches(".*\"state\":\"(SUCCEEDED|FAILED|SKIPPED)\".*")) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + job + " did not finish within 60 s");
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

        Map<String, Long> second = runIngest(env, work.resolve("ingest-2.log"), "ingest skipped: no new input");

        assertThat(second).containsEntry("read", 0L).containsEntry("landed", 0L).containsEntry("rejected", 0L)
                .containsEntry("published", 0L);
        assertThat(IngestedState.landingSnapshot(lake)).isEqualTo(landing);
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(EmbeddedKafkaSettings.under(data)).start()) {
            assertThat(IngestedState.eventIds(IngestedState.readCommitted(broker.bootstrapServers(), "clickstream.raw")))
                    .as("the embedded broker's raw topic after both runs")
                    .containsExactlyInAnyOrderElementsOf(IngestedState.landedEventIds(lake));
        }
    }

    /** {@code bin/pipeline run ingest}: must exit 0 and succeed; the job's counts from its last line. */
    private Map<String, Long> runIngest(Map<String, String> env, Path log) throws Exception {
        return runIngest(env, log, "ingest succeeded");
    }

    /** {@code bin/pipeline run ingest}: must exit 0 and say {@code outcome}; the job's counts from its last line. */
    private Map<String, Long> runIngest(Map<String, String> env, Path log, String outcome) throws Exception {
        ProcessBuilder pb = launcher("run", "ingest").redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process run = pb.start();
        if (!run.waitFor(180, TimeUnit.SECONDS)) {
            run.destroyForcibly();
            throw new AssertionError("bin/pipeline run ingest did not finish in 180 s:\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        assertThat(run.exitValue()).as(output).isZero();
        assertThat(output).contains(outcome);
        String countsLine = output.lines().filter(l -> l.startsWith("counts: ")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no counts in:\n" + output));
        Map<String, Long> counts = new HashMap<>();
        Matcher m = Pattern.compile("([A-Za-z.]+)=(\\d+)").matcher(countsLine);
        while (m.find()) {
            counts.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return counts;
    }

    /**
     * The README's one command, on a small traffic and few epochs: the first run generates, runs the cycle and serves
     * the model it published, answering the request it prints; the second run on the same data dir generates,
     * ingests, stages and trains nothing and serves the same model.
     */
    @Test
    void demo_serves_the_model_it_published_and_a_second_run_reuses_everything() throws Exception {
        Path data = work.resolve("demo-data");
        HttpClient http = HttpClient.newHttpClient();
        // Beside the generated traffic, a log whose most viewed item id is markup (issue 16, acceptance 2).
        writeHostileLog(data.resolve("hostile").resolve("access").resolve("hostile.log"));

        String first = runDemoUntilServing(data, "demo-1.log", output -> {
            Matcher serving = SERVING.matcher(output);
            assertThat(serving.find()).as(output).isTrue();
            String version = serving.group(1);
            assertThat(get(http, serving.group(2) + "/api/v1/models/current").body()).contains("\"" + version + "\"");
            Matcher request = USER_REQUEST.matcher(output);
            assertThat(request.find()).as("prints a request for a known user:%n%s", output).isTrue();
            HttpResponse<String> answer = get(http, request.group(1));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("\"modelVersion\":\"" + version + "\"").contains("\"fallback\":false");
            dashboardShowsTheCycle(serving.group(2), version, http);
        });
        assertThat(first).contains("generating").contains("cycle succeeded");
        assertQuietTerminal(first, data);
        String version = served(first);
        Map<String, Long> trafficAfterFirst = files(data.resolve("demo-traffic"));
        Map<String, Long> lakeAfterFirst = lakeContents(data.resolve("lake"));
        assertThat(lakeAfterFirst.keySet()).as("the cycle landed, staged and stored a model")
                .anyMatch(f -> f.startsWith("landing/clickstream/"))
                .anyMatch(f -> f.startsWith("staging/interactions/"))
                .anyMatch(f -> f.startsWith("analytics/models/" + version + "/"));

        String second = runDemoUntilServing(data, "demo-2.log", output -> {
            Matcher request = USER_REQUEST.matcher(output);
            assertThat(request.find()).as(output).isTrue();
            assertThat(get(http, request.group(1)).body()).contains("\"modelVersion\":\"" + version + "\"");
        });
        assertQuietTerminal(second, data);
        assertThat(second).contains("reusing the demo traffic").doesNotContain("generating")
                .contains("ingest skipped: no new input").contains("stage skipped").contains("train skipped")
                .contains("publish skipped");
        assertThat(served(second)).as("serves the same model").isEqualTo(version);
        assertThat(files(data.resolve("demo-traffic"))).as("the traffic is not generated again")
                .isEqualTo(trafficAfterFirst);
        assertThat(lakeContents(data.resolve("lake"))).as("nothing new landed, staged or trained")
                .isEqualTo(lakeAfterFirst);
    }

    /**
     * Runs {@code demo --events 5000} until it prints its example requests, checks them while it serves, then stops
     * it with SIGTERM; returns what it printed.
     */
    private String runDemoUntilServing(Path data, String logName, ThrowingConsumer<String> whileServing)
            throws Exception {
        Path log = work.resolve(logName);
        ProcessBuilder pb = launcher("demo", "--events", "5000").redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PIPELINE_DATA_DIR", data.toString());
        pb.environment().put("PIPELINE_HTTP_PORT", "0");
        // The demo's own traffic (demo-traffic/access) and the hostile log beside it.
        pb.environment().put("PIPELINE_SOURCES_WEBLOG_PATH", data.resolve("*").resolve("access").resolve("*").toString());
        // a real network, trained and evaluated, in a few epochs: this test is about the command, not model quality
        pb.environment().put("PIPELINE_TRAIN_EPOCHS_MAX", "3");
        Process demo = pb.start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(15));
            while (!Files.readString(log).contains("stop with Ctrl-C")) {
                if (!demo.isAlive()) {
                    throw new AssertionError("demo exited with " + demo.exitValue() + ":\n" + Files.readString(log));
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("demo did not serve within 15 min:\n" + Files.readString(log));
                }
                Thread.sleep(500);
            }
            whileServing.accept(Files.readString(log));
        } finally {
            demo.destroy(); // SIGTERM
            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("stops within 60 s of SIGTERM").isTrue();
        }
        return Files.readString(log);
    }

    /**
     * Issue 16, acceptance 1 and 2: the dashboard in a real headless Chromium, against the server the demo started
     * after its cycle. It shows the served version, the cycle's steps and jobs, plots, the model with its gate
     * decision, and "Try it" answers; the hostile item id is shown as text and runs nothing. With
     * {@code -Ddashboard.screenshots=docs/screenshots} it also takes the README's pictures.
     */
    private static void dashboardShowsTheCycle(String base, String version, HttpClient http) throws Exception {
        String[] popular = POPULAR_ITEMS.matcher(get(http, base + "/api/v1/recommendations?userId=nobody&k=3").body())
                .results().map(m -> m.group(1)).toArray(String[]::new);
        try (DashboardBrowser browser = new DashboardBrowser(base)) {
            browser.open("pipeline");
            assertThat(browser.text("served-version")).isEqualTo(version);
            assertThat(browser.awaitRows("steps")).extracting(row -> row.get(0) + " " + row.get(1))
                    .containsExactly("ingest SUCCEEDED", "stage SUCCEEDED", "train SUCCEEDED", "publish SUCCEEDED");
            assertThat(browser.rows("zones")).anySatisfy(row -> {
                assertThat(row.subList(0, 2)).containsExactly("landing", "landed");
                assertThat(row.get(2)).isNotEqualTo("0");
            });
            browser.screenshot("pipeline");

            browser.show("jobs");
            assertThat(browser.awaitRows("jobs")).anySatisfy(row -> assertThat(row.subList(1, 3)).containsExactly("cycle", "SUCCEEDED"));
            assertThat(browser.awaitDrawn("jobs-plot")).isPositive();
            browser.screenshot("jobs");

            browser.show("models");
            assertThat(browser.awaitRows("models")).anySatisfy(row -> assertThat(row).contains(version, "published, served"));
            assertThat(browser.awaitRows("gate")).anySatisfy(row -> assertThat(row).contains(version, "published"));
            assertThat(browser.awaitDrawn("models-plot")).isPositive();
            browser.screenshot("models");

            for (int i = 0; i < 20; i++) {
                get(http, base + "/api/v1/items/" + popular[i % popular.length] + "/similar?k=5");
            }
            browser.show("serving");
            assertThat(browser.awaitDrawn("rate-plot")).isPositive();
            assertThat(browser.awaitDrawn("latency-plot")).isPositive();
            browser.screenshot("serving");

            browser.show("try");
            List<List<String>> forSession = browser.tryIt(popular[0] + "," + popular[1], "");
            assertThat(forSession).as(browser.text("try-summary")).isNotEmpty();
            assertThat(browser.text("try-summary")).contains("model " + version);
            List<List<String>> forStranger = browser.tryIt("", "nobody");
            assertThat(browser.text("try-summary")).contains("fallback");
            // The hostile id is the most popular item: shown as its literal text, no element made of it, nothing run.
            assertThat(forStranger.get(0).get(1)).isEqualTo(HOSTILE_ITEM);
            assertThat(browser.count("#try-results img")).isZero();
            assertThat(browser.alertOpen()).as("an alert opened: the item id ran as script").isFalse();
            browser.screenshot("try");
            assertThat(browser.consoleErrors()).as("script errors or Content-Security-Policy violations").isEmpty();
        }
    }

    /** Issue 16, acceptance 3: progress and results on the terminal; the engines' logs in the data dir's log file. */
    private static void assertQuietTerminal(String terminal, Path data) throws IOException {
        Path logFile = data.resolve("logs").resolve("pipeline.log");
        assertThat(terminal).contains("logs: " + logFile);
        assertThat(terminal.lines().filter(ENGINE_LOG_LINE.asPredicate()))
                .as("engine log lines on the terminal:%n%s", terminal).isEmpty();
        assertThat(Files.readString(logFile)).as("the engines' logs went to the file")
                .contains("org.apache.spark").contains("hive");
    }

    /**
     * Views of an item id that is markup, one id-sized token (no white space, so it is a valid item of the training
     * data and reaches the model): 200 visitors view it twice each in the demo traffic's days, which makes it the
     * most popular item.
     */
    private static void writeHostileLog(Path file) throws IOException {
        GeneratorSettings demo = GeneratorSettings.defaults(5_000, 1);
        DateTimeFormatter clf = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
        String path = "/product/" + URLEncoder.encode(HOSTILE_ITEM, StandardCharsets.UTF_8);
        StringBuilder log = new StringBuilder();
        for (int visitor = 0; visitor < 200; visitor++) {
            Instant at = demo.start().plus(Duration.ofDays(1)).plus(Duration.ofMinutes(15L * visitor));
            for (int view = 0; view < 2; view++) {
                log.append(String.format(Locale.ROOT, "10.20.%d.%d - - [%s] \"GET %s HTTP/1.1\" 200 512 \"-\" "
                                + "\"Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0\" \"h-%d\"%n",
                        visitor / 250, visitor % 250 + 1, clf.format(at.plusSeconds(40L * view)), path, visitor));
            }
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, log);
    }

    private static String served(String output) {
        Matcher serving = SERVING.matcher(output);
        assertThat(serving.find()).as(output).isTrue();
        return serving.group(1);
    }

    /** The lake's data and models (path and size), without the files every run rewrites (checkpoints, leases). */
    private static Map<String, Long> lakeContents(Path lake) throws IOException {
        Map<String, Long> all = files(lake);
        all.keySet().removeIf(f -> !(f.startsWith("landing/clickstream/") || f.startsWith("landing/_published/")
                || f.startsWith("staging/interactions/") || f.startsWith("staging/_quarantine/")
                || f.startsWith("analytics/models/")));
        return all;
    }

    private static Map<String, Long> files(Path root) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(f).toString().replace('\\', '/'), Files.size(f));
            }
        }
        return files;
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @FunctionalInterface
    private interface ThrowingConsumer<T> {
        void accept(T value) throws Exception;
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
