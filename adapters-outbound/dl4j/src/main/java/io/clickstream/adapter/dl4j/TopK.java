package io.clickstream.adapter.dl4j;

import java.util.function.IntPredicate;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Picks the k highest-scoring indices of a score array in one pass with a bounded sorted buffer, without boxing:
 * ties go to the lower index (the more frequent item, since the vocabulary is ordered by frequency). Not thread-safe;
 * reuse one per thread.
 */
final class TopK {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private final int[] index;
    private final float[] score;
    private int size;

    TopK(int capacity) {
        index = new int[capacity];
        score = new float[capacity];
    }

    /**
     * Selects from {@code scores[from..to)}; {@code skip} (may be null) is asked only for candidates that would enter
     * the list, so an expensive exclusion test costs little.
     */
    TopK select(float[] scores, int from, int to, int k, IntPredicate skip) {
        int limit = Math.min(k, index.length);
        size = 0;
        if (limit <= 0) {
            return this;
        }
        int j = from;
        for (; j < to && size < limit; j++) {
            consider(scores, j, limit, skip);
        }
        // Once the list is full almost nothing enters it: compare a vector of scores with the lowest kept at once,
        // and look at single scores only where one beats it (a catalog scan is most of a request's work after scoring).
        for (; j + LANES <= to; j += LANES) {
            if (FloatVector.fromArray(SPECIES, scores, j).compare(VectorOperators.GT, score[size - 1]).anyTrue()) {
                for (int i = j; i < j + LANES; i++) {
                    consider(scores, i, limit, skip);
                }
            }
        }
        for (; j < to; j++) {
            consider(scores, j, limit, skip);
        }
        return this;
    }

    private void consider(float[] scores, int j, int limit, IntPredicate skip) {
        float s = scores[j];
        if (size == limit && !(s > score[size - 1])) {
            return;
        }
        if (s != s || (skip != null && skip.test(j))) {
            return;
        }
        insert(j, s, limit);
    }

    /** The highest of {@code scores[from..to)} (negative infinity when empty; NaN when one is NaN). */
    static float max(float[] scores, int from, int to) {
        FloatVector best = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
        int j = from;
        for (; j + LANES <= to; j += LANES) {
            best = best.max(FloatVector.fromArray(SPECIES, scores, j));
        }
        float max = best.reduceLanes(VectorOperators.MAX);
        for (; j < to; j++) {
            max = Math.max(max, scores[j]);
        }
        return max;
    }

    /** Selects among the given candidate indices only (a sparse score set). */
    TopK selectAmong(float[] scores, int[] candidates, int count, int k) {
        int limit = Math.min(k, index.length);
        size = 0;
        for (int c = 0; c < count; c++) {
            int j = candidates[c];
            float s = scores[j];
            if (size == limit && !(s > score[size - 1] || (s == score[size - 1] && j < index[size - 1]))) {
                continue;
            }
            insert(j, s, limit);
        }
        return this;
    }

    private void insert(int j, float s, int limit) {
        int pos = size < limit ? size : limit - 1;
        // Strictly greater moves up: an equal score already in the list keeps its place when its index is lower.
        while (pos > 0 && (score[pos - 1] < s || (score[pos - 1] == s && index[pos - 1] > j))) {
            if (pos < limit) {
                score[pos] = score[pos - 1];
                index[pos] = index[pos - 1];
            }
            pos--;
        }
        score[pos] = s;
        index[pos] = j;
        if (size < limit) {
            size++;
        }
    }

    int capacity() {
        return index.length;
    }

    int size() {
        return size;
    }

    int index(int rank) {
        return index[rank];
    }

    float score(int rank) {
        return score[rank];
    }
}
