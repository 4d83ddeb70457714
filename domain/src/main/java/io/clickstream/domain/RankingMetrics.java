package io.clickstream.domain;

import java.util.List;
import java.util.Set;

/**
 * Top-k ranking metrics over one ranked list and its relevant items, as pure functions. For next-item
 * prediction there is one relevant item; averaging over all predictions gives the reported HR@k, MRR@k and
 * NDCG@k.
 */
public final class RankingMetrics {
    private static final double LN2 = Math.log(2);

    private RankingMetrics() {
    }

    /** 1 if any relevant item is within the first k, else 0. */
    public static <T> double hitRate(List<T> ranked, Set<T> relevant, int k) {
        return firstRelevantRank(ranked, relevant, k) > 0 ? 1.0 : 0.0;
    }

    /** 1/rank of the first relevant item within the first k (ranks start at 1), else 0. */
    public static <T> double reciprocalRank(List<T> ranked, Set<T> relevant, int k) {
        int rank = firstRelevantRank(ranked, relevant, k);
        return rank > 0 ? 1.0 / rank : 0.0;
    }

    /**
     * Normalised discounted cumulative gain with binary relevance: DCG@k = sum over relevant ranks r of
     * 1/log2(r+1), divided by the DCG of the ideal list (all relevant items first).
     */
    public static <T> double ndcg(List<T> ranked, Set<T> relevant, int k) {
        requirePositive(k);
        if (relevant.isEmpty()) {
            return 0.0;
        }
        double dcg = 0;
        int limit = Math.min(k, ranked.size());
        for (int i = 0; i < limit; i++) {
            if (relevant.contains(ranked.get(i))) {
                dcg += discount(i + 1);
            }
        }
        double ideal = 0;
        for (int r = 1; r <= Math.min(k, relevant.size()); r++) {
            ideal += discount(r);
        }
        return dcg / ideal;
    }

    public static <T> double hitRate(List<T> ranked, T target, int k) {
        return hitRate(ranked, Set.of(target), k);
    }

    public static <T> double reciprocalRank(List<T> ranked, T target, int k) {
        return reciprocalRank(ranked, Set.of(target), k);
    }

    public static <T> double ndcg(List<T> ranked, T target, int k) {
        return ndcg(ranked, Set.of(target), k);
    }

    /** Rank (1-based) of the single target within the first k, or 0. The one pass the three metrics share. */
    public static <T> int rankOf(List<T> ranked, T target, int k) {
        return firstRelevantRank(ranked, Set.of(target), k);
    }

    private static <T> int firstRelevantRank(List<T> ranked, Set<T> relevant, int k) {
        requirePositive(k);
        int limit = Math.min(k, ranked.size());
        for (int i = 0; i < limit; i++) {
            if (relevant.contains(ranked.get(i))) {
                return i + 1;
            }
        }
        return 0;
    }

    private static double discount(int rank) {
        return LN2 / Math.log(rank + 1);
    }

    private static void requirePositive(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
    }
}
