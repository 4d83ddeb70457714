package io.clickstream.bootstrap;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code pipeline serve} (the {@link Main} of {@code bin/pipeline}) in a JVM of its own, configured by {@code PIPELINE_*}
 * variables as a user would; for tests of what another process sees, and of a process killed with SIGKILL.
 */
final class ServeProcess implements AutoCloseable {
    private final Map<String, String> env;
    private final Path log;
    private final int port;
    private Process process;

    /** @param env the {@code PIPELINE_*} settings; the port is chosen here and added */
    ServeProcess(Map<String, String> env, Path log) throws IOException {
        this.port = freePort();
        this.env = new HashMap<>(env);
        this.env.put("PIPELINE_HTTP_PORT", String.valueOf(port));
        this.log = log;
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    /** Starts the process (again, after a kill: same settings, same port) and waits until it answers /health. */
    ServeProcess start() throws IOException, InterruptedException {
        Path dataDir = Path.of(env.get("PIPELINE_DATA_DIR"));
        Files.createDirectories(dataDir.resolve("tmp"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1"); // a short-lived test server: start fast rather than peak
        command.add("--add-modules=jdk.incubator.vector"); // the scorer's output layer (bin/jvm.options has it too)
        command.add("-Djava.io.tmpdir=" + dataDir.resolve("tmp"));
        command.add("-Dorg.bytedeco.javacpp.cachedir=" + dataDir.resolve("javacpp"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.add("serve");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("PIPELINE_") || k.equals("JAVA_TOOL_OPTIONS"));
        pb.environment().putAll(env);
        process = pb.start();
        awaitHealth(Duration.ofSeconds(90));
        return this;
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush; only what is durable survives. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the server did not die from SIGKILL");
        }
    }

    /** SIGTERM, the graceful stop of {@code serve}. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private void awaitHealth(Duration bound) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(bound);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited (" + process.exitValue() + "):\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/health")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not answer /health within " + bound + ":\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
