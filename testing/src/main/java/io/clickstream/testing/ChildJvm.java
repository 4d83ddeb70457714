package io.clickstream.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Starts a JVM on this test JVM's classpath and module flags, its output in a log file under target/; for tests
 * that kill a step for real ({@link #halt}) and run it again in a fresh JVM, or run a server beside the test.
 */
public final class ChildJvm {
    /** The exit code of a halted child, as a shell reports a process killed by SIGKILL. */
    public static final int HALTED = 137;

    private ChildJvm() {
    }

    /**
     * Ends this JVM at once, as {@code kill -9} would: no shutdown hooks, no finally blocks, no flushing of
     * clients or files; only what is durable already survives. Says where first, for the test's log.
     */
    public static void halt(String where) {
        System.out.println("halting at " + where);
        System.out.flush();
        Runtime.getRuntime().halt(HALTED);
    }

    /** Settings for a child's main class, passed as a properties file because they outgrow a command line. */
    public static void writeSettings(Path file, Properties settings, String comment) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            settings.store(out, comment);
        }
    }

    /** The settings {@link #writeSettings} wrote, read by the child's main class. */
    public static Properties readSettings(Path file) throws IOException {
        Properties settings = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            settings.load(in);
        }
        return settings;
    }

    public static Process start(String mainClass, List<String> args, String heap, Path log, Map<String, String> env,
                         List<String> extraClasspathFirst) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-XX:+UseSerialGC");
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
                    || arg.startsWith("-Djava.io.tmpdir") || arg.startsWith("-Dio.netty")) {
                command.add(arg);
            }
        }
        Path logConfig = Path.of(System.getProperty("basedir", "."), "src/test/resources/logback-test.xml");
        if (Files.exists(logConfig)) {
            command.add("-Dlogback.configurationFile=" + logConfig.toAbsolutePath());
        }
        // Derby (the metastore) writes derby.log into the working directory unless told otherwise
        command.add("-Dderby.stream.error.file=" + log.resolveSibling(log.getFileName() + ".derby.log"));
        command.add("-cp");
        List<String> cp = new ArrayList<>(extraClasspathFirst);
        cp.add(System.getProperty("java.class.path"));
        command.add(String.join(java.io.File.pathSeparator, cp));
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass, e);
        }
    }

    /** Runs to the end and returns the exit code; killed and reported as a failure after {@code seconds}. */
    public static int run(String mainClass, List<String> args, Path log, long seconds) {
        Process p = start(mainClass, args, "1g", log, Map.of(), List.of());
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IllegalStateException(mainClass + " did not finish in " + seconds + " s; see " + log);
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static void stop(Process p) {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
