package io.clickstream.adapter.dl4j;

import io.clickstream.application.port.out.DataLake;
import io.clickstream.domain.Recommendation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * What approximate retrieval costs on one model version: the share of the exact top 20 that the approximate top 20
 * holds (recall@20), averaged over random sessions of 1-5 known items (as {@code bench serve} asks), and how long the
 * index takes to build.
 */
public final class RetrievalCheck {
    private static final int K = 20;

    /**
     * @param items        known items of the model
     * @param recallAt20   mean share of the exact top 20 found by the approximate top 20
     * @param buildSeconds time to build the index (loading the model, approximate, minus loading it exact)
     * @param sessions     sessions compared
     * @param exactMicros  mean time of one exact recommendation on one thread, the sessions above asked in turn
     * @param approximateMicros the same with approximate retrieval
     */
    public record Result(int items, double recallAt20, double buildSeconds, int sessions, String retrieval,
                         double exactMicros, double approximateMicros) {
    }

    private RetrievalCheck() {
    }

    /** The share of the exact answer's items that the served answer holds (1 when the exact answer is empty). */
    static double overlap(List<Recommendation> exact, List<Recommendation> served) {
        if (exact.isEmpty()) {
            return 1;
        }
        Set<String> truth = new HashSet<>();
        exact.forEach(r -> truth.add(r.itemId()));
        return served.stream().filter(r -> truth.contains(r.itemId())).count() / (double) truth.size();
    }

    /** Mean microseconds per request over the sessions, after one unmeasured round (the JIT's). */
    private static double micros(Dl4jModelScorer scorer, List<List<String>> sessions) {
        sessions.forEach(s -> scorer.recommend(s, K, Set.of()));
        long start = System.nanoTime();
        sessions.forEach(s -> scorer.recommend(s, K, Set.of()));
        return sessions.isEmpty() ? 0 : (System.nanoTime() - start) / 1e3 / sessions.size();
    }

    public static Result measure(DataLake lake, String version, RetrievalSettings approximate, int sessions, long seed) {
        Dl4jModelLoader loader = new Dl4jModelLoader(lake, RetrievalSettings.exact());
        long t0 = System.nanoTime();
        try (Dl4jModelScorer exact = loader.loadRetrieving(version, RetrievalSettings.exact())) {
            long t1 = System.nanoTime();
            try (Dl4jModelScorer served = loader.loadRetrieving(version, approximate.withMode(RetrievalSettings.Mode.APPROXIMATE))) {
                long t2 = System.nanoTime();
                int items = exact.vocabularySize() - Vocabulary.FIRST_ITEM;
                List<String> ids = new ArrayList<>(items);
                exact.popular(items, Set.of()).forEach(r -> ids.add(r.itemId()));
                Random random = new Random(seed);
                List<List<String>> asked = new ArrayList<>(sessions);
                for (int s = 0; s < sessions; s++) {
                    int n = 1 + random.nextInt(5);
                    List<String> session = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        session.add(ids.get(random.nextInt(ids.size())));
                    }
                    asked.add(session);
                }
                double sum = 0;
                for (List<String> session : asked) {
                    sum += overlap(exact.recommend(session, K, Set.of()), served.recommend(session, K, Set.of()));
                }
                double build = Math.max(0, ((t2 - t1) - (t1 - t0)) / 1e9);
                return new Result(items, sessions == 0 ? 1 : sum / sessions, build, sessions, served.retrieval(),
                        micros(exact, asked), micros(served, asked));
            }
        }
    }
}
