package io.clickstream.bench;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * How the HTTP benches drive {@code wrk}: the options they share (a picocli mixin) and one measured run read back from
 * the bench scripts' {@code BENCH} line, with this JVM's CPU and GC during it.
 */
final class WrkRuns {
    private static final Pattern SUMMARY = Pattern.compile("BENCH requests=(\\d+) seconds=([\\d.]+) p50us=(\\d+) "
            + "p99us=(\\d+) maxus=(\\d+) non2xx=(\\d+) connect=(\\d+) read=(\\d+) write=(\\d+) timeout=(\\d+)");

    @Option(names = "--duration", defaultValue = "20", description = "Seconds of each measured wrk run (default ${DEFAULT-VALUE}).")
    int duration;

    @Option(names = "--warmup", defaultValue = "5", description = "Seconds of the unmeasured wrk run before each (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--connections", defaultValue = "64", description = "wrk connections (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--threads", defaultValue = "2", description = "wrk threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--scripts", paramLabel = "DIR",
            description = "Folder holding the bench's wrk scripts (default: bench/ of this installation).")
    Path scripts;

    Path scriptDir() {
        return scripts != null ? scripts : defaultScriptDir();
    }

    String describe() {
        return String.format("%d threads, %d connections, %d s per run after %d s warm-up", threads, connections, duration,
                warmup);
    }

    /** The unmeasured run before a measured one. */
    void warmUp(Path wrk, String url, Path script, List<String> scriptArgs) throws IOException, InterruptedException {
        run(wrk, url, script, scriptArgs, warmup);
    }

    Result measure(Path wrk, String url, Path script, List<String> scriptArgs, PrintWriter out)
            throws IOException, InterruptedException {
        long gcCount = gcCount();
        long gcMillis = gcMillis();
        long cpu = processCpuNanos();
        String output = run(wrk, url, script, scriptArgs, duration);
        long cpuUsed = processCpuNanos() - cpu;
        Matcher m = SUMMARY.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("wrk printed no summary line (is " + script + " the bench script?):\n" + output);
        }
        out.println("wrk " + url + ":");
        output.lines().filter(l -> !l.startsWith("BENCH")).forEach(l -> out.println("  " + l));
        long requests = Long.parseLong(m.group(1));
        long errors = 0;
        for (int g = 6; g <= 10; g++) {
            errors += Long.parseLong(m.group(g));
        }
        Result r = new Result(requests / Double.parseDouble(m.group(2)), Long.parseLong(m.group(3)) / 1000.0,
                Long.parseLong(m.group(4)) / 1000.0, Long.parseLong(m.group(5)) / 1000.0, errors,
                cpuUsed < 0 || requests == 0 ? Double.NaN : cpuUsed / 1000.0 / requests, gcCount() - gcCount, gcMillis() - gcMillis);
        out.printf("  server JVM: %d GC pauses, %d ms in GC during the run%n", r.gcs(), r.gcMillis());
        out.flush();
        return r;
    }

    String run(Path wrk, String url, Path script, List<String> scriptArgs, int seconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(wrk.toString(), "-t" + threads, "-c" + connections,
                "-d" + seconds + "s", "--timeout", "10s", "--latency", "-s", script.toString(), url));
        command.addAll(scriptArgs);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("wrk did not finish: " + String.join(" ", command));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("wrk failed (exit " + p.exitValue() + "): " + String.join(" ", command) + "\n" + output);
        }
        return output;
    }

    /**
     * The wrk binary, when it is on the PATH and every one of {@code scripts} is in {@link #scriptDir()}; otherwise
     * empty, after telling the user on {@code err} what is missing and how to get it.
     */
    Optional<Path> wrkWith(String bench, PrintWriter err, String... scripts) {
        Optional<Path> wrk = onPath("wrk");
        Path dir = scriptDir();
        if (wrk.isEmpty()) {
            err.println("bench " + bench + " needs wrk (an HTTP benchmarking tool), which is not on the PATH. Install it with:");
            err.println("  apt-get install -y wrk        (Debian/Ubuntu; run apt-get update first if the package is not found)");
        } else if (!java.util.Arrays.stream(scripts).allMatch(script -> Files.isRegularFile(dir.resolve(script)))) {
            err.println("bench " + bench + ": " + String.join(" and ", scripts) + " not found in " + dir + "; pass --scripts DIR");
        } else {
            return wrk;
        }
        err.flush();
        return Optional.empty();
    }

    /** The bare server's figure every HTTP bench is judged against: GET /health, warmed up, then measured. */
    Result measureHealth(Path wrk, String url, PrintWriter out) throws IOException, InterruptedException {
        Path script = scriptDir().resolve("health.lua");
        warmUp(wrk, url + "/health", script, List.of());
        return measure(wrk, url + "/health", script, List.of(), out);
    }

    /** The machine the figures were taken on, and whether any request failed (which voids them). */
    static void printMachine(PrintWriter out, String loadBefore, String loadAfter, long errors) {
        out.printf("machine: %d cores; load average (1, 5, 15 min) before %s, after %s (wrk runs on the same cores)%n",
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
        if (errors > 0) {
            out.println("errors: some requests failed (non-2xx or socket errors): the figures are not valid");
        }
    }

    static void print(PrintWriter out, String name, Result r, double recall) {
        out.printf("%-40s %,12.0f %10.2f %10.2f %10.1f %8d %11.0f us %10s%n", name, r.perSecond(), r.p50Millis(),
                r.p99Millis(), r.maxMillis(), r.errors(), r.cpuMicrosPerRequest(),
                Double.isNaN(recall) ? "" : String.format("%.4f", recall));
    }

    /** The module's wrk/ folder: two levels above bench/target/(bench.jar|classes). */
    static Path defaultScriptDir() {
        Path fromWorkingDir = Path.of("bench", "wrk").toAbsolutePath();
        try {
            Path code = Path.of(WrkRuns.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path installed = code.getParent().getParent().resolve("wrk");
            return Files.isDirectory(installed) ? installed : fromWorkingDir;
        } catch (URISyntaxException | RuntimeException e) {
            return fromWorkingDir;
        }
    }

    static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** One measured wrk run; {@code cpuMicrosPerRequest} is this JVM's CPU time (server, not wrk) per request. */
    record Result(double perSecond, double p50Millis, double p99Millis, double maxMillis, long errors,
                          double cpuMicrosPerRequest, long gcs, long gcMillis) {
    }
}
