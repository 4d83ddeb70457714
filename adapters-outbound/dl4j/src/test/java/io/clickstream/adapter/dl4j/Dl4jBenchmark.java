package io.clickstream.adapter.dl4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickstream.adapter.localfs.LocalFsDataLakeAdapter;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.TrainingDataProvider.TrainingDataset;
import io.clickstream.domain.InteractionSequence;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.ModelVersion;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Measures, never asserts: {@code train [events] [items] [maxEpochs] [lakeDir]} trains on generated sessions
 * (default one million events, 5,000 items) and prints examples/s, wall time and peak memory; {@code score [items]}
 * times single-threaded requests of the serving scorer for a 20,000-item vocabulary, network alone and blended.
 * Run with {@code OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE} (see the module's notes).
 */
public final class Dl4jBenchmark {
    private Dl4jBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "train";
        if (mode.equals("score")) {
            score(args.length > 1 ? Integer.parseInt(args[1]) : 20_000);
        } else {
            train(args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000, args.length > 2 ? Integer.parseInt(args[2]) : 5_000,
                    args.length > 3 ? Integer.parseInt(args[3]) : 10,
                    Path.of(args.length > 4 ? args[4] : "target/benchmark-lake"));
        }
    }

    static void train(int events, int items, int maxEpochs, Path lakeDir) throws Exception {
        DataLake lake = new LocalFsDataLakeAdapter(lakeDir);
        long t0 = System.nanoTime();
        PlantedSessions generator = new PlantedSessions(items, Math.max(4, items / 100), 11);
        List<InteractionSequence> sessions = new ArrayList<>();
        int generated = 0;
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        while (generated < events) {
            List<InteractionSequence> chunk = generator.sessions(10_000, start.plusSeconds(sessions.size() * 60L), 7);
            for (InteractionSequence s : chunk) {
                if (generated >= events) {
                    break;
                }
                sessions.add(s);
                generated += s.steps().size();
            }
        }
        TrainingDataset data = PlantedSessions.write(lake, "benchmark", sessions, 0.1);
        sessions = null;
        System.gc();
        System.out.printf("generated %,d events in %,d sessions over %,d items in %.1f s%n", generated, data.trainingSequences()
                + data.holdoutSequences(), items, (System.nanoTime() - t0) / 1e9);
        resetPeaks();
        long t1 = System.nanoTime();
        ModelVersion version = new Dl4jModelTrainerAdapter(lake, Dl4jTrainingSettings.defaults().withMaxEpochs(maxEpochs))
                .train(data, Optional.empty(), JobMonitor.none());
        double wall = (System.nanoTime() - t1) / 1e9;
        JsonNode meta = new ObjectMapper().readTree(lake.read(ModelFiles.of(version.version(), ModelFiles.METADATA)).orElseThrow());
        JsonNode training = meta.path("training");
        System.out.printf("trained %s: wall %.1f s (train, evaluate, refit, write)%n", version.version(), wall);
        System.out.printf("  early-stopped fit: %d epochs (best %d) of %,d examples, %.1f s, %,.0f examples/s%n",
                training.path("epochsRun").asInt(), training.path("bestEpoch").asInt(), meta.path("data").path("fitExamples").asLong(),
                training.path("seconds").asDouble(), training.path("examplesPerSecond").asDouble());
        System.out.printf("  refit on the whole window: %d epochs of %,d examples, %.1f s, %,.0f examples/s%n",
                training.path("refit").path("epochs").asInt(), training.path("refit").path("examples").asLong(),
                training.path("refit").path("seconds").asDouble(), training.path("refit").path("examplesPerSecond").asDouble());
        System.out.printf("  peak heap %,d MB (sum of heap pool peaks, -Xmx %,d MB); peak resident set %s%n",
                peakHeap() / (1 << 20), Runtime.getRuntime().maxMemory() / (1 << 20), peakResident());
        System.out.println("  holdout: " + meta.path("evaluation").path("holdout"));
        System.out.println("  served: " + meta.path("serving").path("variant").asText() + " " + version.metrics().values());
    }

    static void score(int items) throws InterruptedException {
        Dl4jTrainingSettings s = Dl4jTrainingSettings.defaults();
        Random random = new Random(5);
        int v = items + Vocabulary.FIRST_ITEM;
        List<String> ids = new ArrayList<>();
        long[] counts = new long[items];
        for (int i = 0; i < items; i++) {
            ids.add("item-" + i);
            counts[i] = items - i;
        }
        Vocabulary vocabulary = new Vocabulary(ids, counts);
        NetworkWeights weights = SequenceNetwork.build(v, s).export();
        PlantedSessions generator = new PlantedSessions(items, items / 100, 3, "item-");
        EncodedSequences.Builder b = new EncodedSequences.Builder();
        generator.sessions(150_000, Instant.parse("2026-01-01T00:00:00Z"), 7).forEach(seq -> b.add(seq, vocabulary));
        SessionKnn knn = SessionKnn.build(b.build(), v, s.knnNeighbours(), s.knnSampleSize());
        List<List<String>> requests = new ArrayList<>();
        for (int r = 0; r < 2_000; r++) {
            List<String> session = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(10); i < n; i++) {
                session.add("item-" + (int) Math.min(items - 1, Math.abs(random.nextGaussian()) * items / 4));
            }
            requests.add(session);
        }
        for (boolean blend : new boolean[] {false, true}) {
            Dl4jModelScorer scorer = new Dl4jModelScorer("bench", vocabulary, weights, blend ? knn : null, blend ? 0.5 : 1.0);
            for (int r = 0; r < 4_000; r++) {
                scorer.recommend(requests.get(r % requests.size()), 20, Set.of());
            }
            long[] nanos = new long[20_000];
            for (int r = 0; r < nanos.length; r++) {
                long t = System.nanoTime();
                scorer.recommend(requests.get(r % requests.size()), 20, Set.of("item-1"));
                nanos[r] = System.nanoTime() - t;
            }
            Arrays.sort(nanos);
            String name = blend ? "network + session-kNN blend" : "network alone";
            System.out.printf("%s, %,d items%s: median %.3f ms, p99 %.3f ms, max %.3f ms per request (single thread, %,d requests)%n",
                    name, items, blend ? ", " + knn.sessions() + " indexed sessions" : "", nanos[nanos.length / 2] / 1e6,
                    nanos[(int) (nanos.length * 0.99)] / 1e6, nanos[nanos.length - 1] / 1e6, nanos.length);
            // Baseline and batched in the same run: one caller (every pass scores one request) against 16 concurrent
            // callers (passes share the output layer), as many requests each.
            double alone = throughput(scorer, requests, 1, 10_000);
            long passes = scorer.batcher().passes();
            long rows = scorer.batcher().rows();
            double together = throughput(scorer, requests, 16, 40_000);
            System.out.printf("%s: 1 caller %,.0f requests/s; 16 callers %,.0f requests/s (%.2fx, %.1f requests per output-layer "
                    + "pass, %d cores)%n", name, alone, together, together / alone,
                    (scorer.batcher().rows() - rows) / (double) (scorer.batcher().passes() - passes),
                    Runtime.getRuntime().availableProcessors());
        }
    }

    /** Requests per second of {@code callers} threads sending {@code total} requests between them. */
    private static double throughput(Dl4jModelScorer scorer, List<List<String>> requests, int callers, int total)
            throws InterruptedException {
        Thread[] threads = new Thread[callers];
        long start = System.nanoTime();
        for (int c = 0; c < callers; c++) {
            int offset = c;
            threads[c] = new Thread(() -> {
                for (int r = 0; r < total / callers; r++) {
                    scorer.recommend(requests.get((offset * 131 + r) % requests.size()), 20, Set.of());
                }
            });
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return (total / callers * callers) / ((System.nanoTime() - start) / 1e9);
    }

    private static float[] randoms(Random random, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (random.nextGaussian() * 0.1);
        }
        return a;
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static String peakResident() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                    .map(l -> l.replaceAll("\\s+", " ").substring("VmHWM: ".length())).findFirst().orElse("n/a");
        } catch (Exception e) {
            return "n/a";
        }
    }
}
