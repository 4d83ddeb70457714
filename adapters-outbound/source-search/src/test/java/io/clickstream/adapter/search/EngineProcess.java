package io.clickstream.adapter.search;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A search engine running in its own JVM with its own classpath (a folder of jars the build resolved for it), so
 * OpenSearch's and Solr's dependency trees never meet the tests' classpath or each other. The launcher prints
 * {@code ENGINE_READY <port>} and stops when its standard input closes, so it also dies with this JVM.
 */
final class EngineProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("ENGINE_READY (\\d+)");

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;

    private EngineProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** A single-node OpenSearch with its files under {@code target/<workName>}. */
    static EngineProcess openSearch(String workName) throws IOException {
        Path work = TestHttp.freshDir(workName);
        return start("opensearch", "opensearch.lib", "io.clickstream.adapter.search.engine.OpenSearchLauncher", work,
                // JNA unpacks its native library under ~/.cache unless told otherwise.
                List.of("-Djna.tmpdir=" + work.resolve("tmp")),
                List.of(work.resolve("node").toString()), Duration.ofSeconds(120));
    }

    /** A Solr with the given cores of the test resources' {@code solr-home/}, its files under {@code target/<workName>}. */
    static EngineProcess solr(String workName, String... cores) throws IOException {
        Path work = TestHttp.freshDir(workName);
        Path home = work.resolve("home");
        List<String> files = new ArrayList<>(List.of("solr.xml"));
        for (String core : cores) {
            files.addAll(List.of(core + "/core.properties", core + "/conf/solrconfig.xml", core + "/conf/schema.xml"));
        }
        for (String file : files) {
            Path target = home.resolve(file);
            Files.createDirectories(target.getParent());
            try (java.io.InputStream in = EngineProcess.class.getResourceAsStream("/solr-home/" + file)) {
                if (in == null) {
                    throw new IOException("test resource solr-home/" + file + " is missing");
                }
                Files.copy(in, target);
            }
        }
        return start("solr", "solr.lib", "io.clickstream.adapter.search.engine.SolrLauncher", work,
                List.of("-Dsolr.log.dir=" + work.resolve("logs"), "-Dsolr.install.dir=" + work,
                        "-Dhost=127.0.0.1", "-Dsolr.jetty.host=127.0.0.1"),
                List.of(home.toString()), Duration.ofSeconds(120));
    }

    /**
     * Starts {@code mainClass} from the jars in the folder named by system property {@code libProperty} (set by the
     * build), with files under {@code workDir}, and waits until it reports its port.
     */
    static EngineProcess start(String name, String libProperty, String mainClass, Path workDir,
                               List<String> jvmOptions, List<String> args, Duration timeout) throws IOException {
        String lib = System.getProperty(libProperty);
        if (lib == null || !Files.isDirectory(Paths.get(lib))) {
            throw new IllegalStateException("system property " + libProperty + " must name the folder of " + name
                    + "'s jars (the module's pom sets it; run the tests through Maven), got " + lib);
        }
        Path tmp = Files.createDirectories(workDir.resolve("tmp"));
        Path log = workDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-Djava.io.tmpdir=" + tmp.toAbsolutePath());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(Paths.get(lib).toAbsolutePath() + "/*");
        command.add(mainClass);
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                Matcher ready = READY.matcher(Files.readString(log, StandardCharsets.UTF_8));
                if (ready.find()) {
                    return new EngineProcess(name, process, log, Integer.parseInt(ready.group(1)));
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + ": " + tail(log));
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not start within " + timeout + ": " + tail(log));
    }

    int port() {
        return port;
    }

    /** Closes the launcher's input so it shuts the engine down, and kills it if it does not. */
    void stop() {
        if (!process.isAlive()) {
            return;
        }
        try (OutputStream in = process.getOutputStream()) {
            in.flush();
        } catch (IOException e) {
            // already closed: the process is on its way out
        }
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return name + " on port " + port + " (log " + log + ")";
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
