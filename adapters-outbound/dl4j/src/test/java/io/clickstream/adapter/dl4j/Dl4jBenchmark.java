package io.clickstream.adapter.dl4j;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Measures, never asserts: {@code score [items]} times single-threaded requests of the serving scorer for a
 * 20,000-item vocabulary, network alone and blended, then one caller against 16. The training benchmark is
 * {@code bin/pipeline bench train}.
 */
public final class Dl4jBenchmark {
    private Dl4jBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // "score [items]" as before the training benchmark moved to bin/pipeline bench train.
        int items = 20_000;
        for (String arg : args) {
            if (arg.matches("\\d+")) {
                items = Integer.parseInt(arg);
            }
        }
        score(items);
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
}
