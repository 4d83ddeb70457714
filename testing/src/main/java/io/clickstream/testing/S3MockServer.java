package io.clickstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real S3-compatible server for tests: Adobe's S3Mock (a Spring Boot jar from Maven Central) in its own JVM on
 * 127.0.0.1 with free ports, storing under a given folder, stopped by {@link #close()} or at the latest on JVM exit.
 *
 * <p>The jar is found through the system property {@code s3mock.jar} (the module's pom copies it to
 * {@code target/s3mock/}), else in the local Maven repository.
 */
public final class S3MockServer implements AutoCloseable {

    public static final String VERSION = "5.2.0";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final Thread shutdownHook;
    private final int port;
    private final Path logFile;
    private final Path storeRoot;

    private S3MockServer(Process process, int port, Path logFile, Path storeRoot) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.storeRoot = storeRoot;
        this.shutdownHook = new Thread(this::stopProcess, "s3mock-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts S3Mock storing under {@code workDir} with the given buckets created, and waits until it answers.
     */
    public static S3MockServer start(Path workDir, String... initialBuckets) {
        try {
            Files.createDirectories(workDir);
            int httpPort = freePort();
            int httpsPort = freePort();
            Path logFile = workDir.resolve("s3mock.log");
            Path tmp = Files.createDirectories(workDir.resolve("tmp"));
            Path storeRoot = workDir.resolve("store").toAbsolutePath();
            List<String> command = new ArrayList<>(List.of(
                    Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Djava.io.tmpdir=" + tmp.toAbsolutePath(),
                    "-jar", jar().toString(),
                    "--server.address=127.0.0.1",
                    "--server.port=" + httpsPort,
                    "--com.adobe.testing.s3mock.httpPort=" + httpPort,
                    "--com.adobe.testing.s3mock.store.root=" + storeRoot,
                    "--spring.main.banner-mode=off"));
            if (initialBuckets.length > 0) {
                command.add("--com.adobe.testing.s3mock.store.initial-buckets=" + String.join(",", initialBuckets));
            }
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            S3MockServer server = new S3MockServer(process, httpPort, logFile, storeRoot);
            try {
                server.awaitReady();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start S3Mock", e);
        }
    }

    /** Where S3Mock keeps the objects; removed by {@link #close()}, while its log stays beside it. */
    public Path storeRoot() {
        return storeRoot;
    }

    /** The HTTP endpoint, for the SDK's endpoint override (with path-style access). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        stopProcess();
        deleteStore();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run: the process is being stopped anyway
        }
    }

    private void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void deleteStore() {
        if (!Files.exists(storeRoot)) {
            return;
        }
        try (Stream<Path> files = Files.walk(storeRoot)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // leftovers under target/ are harmless; mvn clean removes them
        }
    }

    // S3Mock initialises lazily: the first request creates the store and the initial buckets, so wait for an answer
    // to "list buckets", not just for the open port.
    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited with " + process.exitValue() + " before answering:\n"
                        + logTail());
            }
            if (answers()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for S3Mock", e);
            }
        }
        throw new IllegalStateException("S3Mock did not answer on port " + port + " within " + STARTUP_TIMEOUT
                + ":\n" + logTail());
    }

    private boolean answers() {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint().toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(30_000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static Path jar() {
        String configured = System.getProperty("s3mock.jar");
        if (configured != null && Files.isRegularFile(Path.of(configured))) {
            return Path.of(configured);
        }
        Path local = Path.of(System.getProperty("user.home"), ".m2", "repository", "com", "adobe", "testing",
                "s3mock", VERSION, "s3mock-" + VERSION + "-exec.jar");
        if (Files.isRegularFile(local)) {
            return local;
        }
        throw new IllegalStateException("S3Mock jar not found: set -Ds3mock.jar or resolve com.adobe.testing:s3mock:"
                + VERSION + ":jar:exec (looked at " + configured + " and " + local + ")");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
