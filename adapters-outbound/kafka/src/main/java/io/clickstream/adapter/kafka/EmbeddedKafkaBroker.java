package io.clickstream.adapter.kafka;

import io.clickstream.domain.DependencyUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: a single-node KRaft broker (broker and controller in one process) in its own JVM,
 * listening on 127.0.0.1, keeping its topics under a directory so a restart finds the same data.
 *
 * <p>A separate JVM keeps the broker's threads, heap and logging away from the application's, and lets
 * {@link #close()} stop it the way an operator would. It runs from the application's own classpath, which
 * carries {@code kafka_2.13} because this module depends on it.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String DEPENDENCY = "embedded Kafka broker";
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 40;
    private static final String HOME_MARKER = "-Dclickstream.embedded.kafka.home=";

    private final EmbeddedKafkaSettings settings;
    private final BrokerFiles files;
    private volatile Process process;
    private Thread shutdownHook;
    private int port;

    public EmbeddedKafkaBroker(EmbeddedKafkaSettings settings) {
        this.settings = settings;
        this.files = new BrokerFiles(settings.directory());
    }

    /** Formats the storage if it is new, starts the broker and waits until it answers; idempotent. */
    public synchronized EmbeddedKafkaBroker start() {
        if (isRunning()) {
            return this;
        }
        close(); // a broker that died on its own still has a shutdown hook and a pid file to clear
        long started = System.nanoTime();
        files.createDirectories();
        stopOrphanedBroker();
        port = settings.port() > 0 ? settings.port() : freePort();
        int controllerPort = freePort(port);
        files.writeServerProperties(port, controllerPort, settings.brokerProperties());
        files.writeLogConfigs();
        if (!files.isFormatted()) {
            format();
        }
        process = launch(List.of("kafka.Kafka", files.serverProperties().toString()), files.processOutput());
        writePid(process.pid());
        shutdownHook = new Thread(this::stopProcess, "embedded-kafka-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        awaitReady(started);
        LOG.info("Embedded Kafka broker ready at {} (cluster {}, data in {}) after {} ms", bootstrapServers(),
                clusterId().orElse("?"), files.dataDir(), (System.nanoTime() - started) / 1_000_000);
        return this;
    }

    /** {@code 127.0.0.1:<port>} of the running broker. */
    public synchronized String bootstrapServers() {
        if (port == 0) {
            throw new IllegalStateException("the embedded Kafka broker has not been started");
        }
        return "127.0.0.1:" + port;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The cluster id written when the storage was formatted; the same across restarts. */
    public Optional<String> clusterId() {
        return files.clusterId();
    }

    public Path directory() {
        return files.home();
    }

    /** Stops the broker: a graceful shutdown first, then forcibly if it does not finish in time. */
    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        stopProcess();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running or has run; nothing left to undo.
            }
            shutdownHook = null;
        }
        deletePidFileIfOurs(process.pid());
        process = null;
    }

    private void format() {
        String clusterId = Uuid.randomUuid().toString();
        Process formatter = launch(List.of("kafka.tools.StorageTool", "format", "-t", clusterId,
                "-c", files.serverProperties().toString(), "--ignore-formatted"), files.formatOutput());
        try {
            if (!formatter.waitFor(settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                formatter.destroyForcibly();
                throw new DependencyUnavailableException(DEPENDENCY, "formatting the storage in " + files.dataDir()
                        + " did not finish within " + settings.startTimeout() + files.logTail(LOG_TAIL_LINES), null);
            }
        } catch (InterruptedException e) {
            formatter.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DependencyUnavailableException(DEPENDENCY, "interrupted while formatting its storage", e);
        }
        if (formatter.exitValue() != 0 || !files.isFormatted()) {
            throw new DependencyUnavailableException(DEPENDENCY, "formatting the storage in " + files.dataDir()
                    + " failed with exit code " + formatter.exitValue() + files.logTail(LOG_TAIL_LINES), null);
        }
        LOG.info("Formatted embedded Kafka storage in {} with cluster id {}", files.dataDir(), clusterId);
    }

    private Process launch(List<String> mainAndArgs, Path output) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // First, because Java reads only the first 4 kB of another process's command line (the classpath is long).
        command.add(HOME_MARKER + files.home());
        command.addAll(settings.jvmOptions());
        command.add("-Djava.io.tmpdir=" + files.tmpDir());
        command.add("-Dkafka.logs.dir=" + files.logsDir());
        command.add("-Dlogback.configurationFile=" + files.logbackConfig());
        command.add("-Dlog4j2.configurationFile=" + files.log4jConfig());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(files.home().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        try {
            return builder.start();
        } catch (IOException e) {
            throw new DependencyUnavailableException(DEPENDENCY, "cannot start a JVM for " + mainAndArgs.get(0), e);
        }
    }

    private void awaitReady(long startedNanos) {
        long deadline = startedNanos + settings.startTimeout().toNanos();
        while (!portOpen()) {
            failIfExited();
            if (System.nanoTime() - deadline > 0) {
                failStart("port " + port + " did not open within " + settings.startTimeout(), null);
            }
            sleep(100);
        }
        try (Admin admin = AdminClients.create(bootstrapServers(), Duration.ofSeconds(2), "embedded-broker-probe")) {
            Exception last = null;
            while (System.nanoTime() - deadline < 0) {
                failIfExited();
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes()
                            .get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failStart("interrupted while waiting for it", e);
                }
                sleep(200);
            }
            failStart("it did not answer a describe-cluster call within " + settings.startTimeout(), last);
        }
    }

    private void failIfExited() {
        if (!process.isAlive()) {
            failStart("its JVM exited with code " + process.exitValue(), null);
        }
    }

    private void failStart(String reason, Throwable cause) {
        String tail = files.logTail(LOG_TAIL_LINES);
        close();
        throw new DependencyUnavailableException(DEPENDENCY, "the broker in " + files.home() + " did not start: "
                + reason + tail, cause);
    }

    private void stopProcess() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        current.destroy();
        try {
            if (!current.waitFor(GRACEFUL_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Embedded Kafka broker did not stop within {}; killing it", GRACEFUL_STOP);
                current.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            current.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A broker left running by an application that was killed holds the data directory's lock; it is ours
     * (its command line carries this broker's home), so stop it before starting a new one.
     */
    private void stopOrphanedBroker() {
        if (!Files.exists(files.pidFile())) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(files.pidFile(), StandardCharsets.UTF_8).trim());
            Optional<ProcessHandle> orphan = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(this::isOurBroker).orElse(false));
            if (orphan.isPresent()) {
                LOG.warn("Stopping embedded Kafka broker left running as process {}", pid);
                orphan.get().destroy();
                orphan.get().onExit().get(GRACEFUL_STOP.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new DependencyUnavailableException(DEPENDENCY, "a broker left running on " + files.home()
                    + " did not stop", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | NumberFormatException | ExecutionException e) {
            LOG.debug("Ignoring unreadable {}", files.pidFile(), e);
        }
    }

    /** Another broker may have taken the directory over (after stopping this one); its pid file stays. */
    private void deletePidFileIfOurs(long pid) {
        try {
            if (Files.exists(files.pidFile())
                    && Files.readString(files.pidFile(), StandardCharsets.UTF_8).trim().equals(Long.toString(pid))) {
                Files.delete(files.pidFile());
            }
        } catch (IOException e) {
            LOG.debug("Cannot delete {}", files.pidFile(), e);
        }
    }

    private boolean isOurBroker(String commandLine) {
        return commandLine.contains(HOME_MARKER + files.home() + " ");
    }

    private void writePid(long pid) {
        try {
            Files.writeString(files.pidFile(), Long.toString(pid), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + files.pidFile(), e);
        }
    }

    private boolean portOpen() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort(int... avoid) {
        for (int i = 0; i < 10; i++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int candidate = socket.getLocalPort();
                if (avoid.length == 0 || candidate != avoid[0]) {
                    return candidate;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free port on 127.0.0.1", e);
            }
        }
        throw new IllegalStateException("no free port on 127.0.0.1");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + files.home() + (port == 0 ? "" : ", 127.0.0.1:" + port) + "]";
    }
}
