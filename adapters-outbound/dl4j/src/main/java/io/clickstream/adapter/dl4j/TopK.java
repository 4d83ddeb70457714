package io.clickstream.adapter.dl4j;

import java.util.function.IntPredicate;

/**
 * Picks the k highest-scoring indices of a score array in one pass with a bounded sorted buffer, without boxing:
 * ties go to the lower index (the more frequent item, since the vocabulary is ordered by frequency). Not thread-safe;
 * reuse one per thread.
 */
final class TopK {
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
        for (int j = from; j < to; j++) {
            float s = scores[j];
            if (size == limit && !(s > score[size - 1])) {
                continue;
            }
            if (s != s || (skip != null && skip.test(j))) {
                continue;
            }
            insert(j, s, limit);
        }
        return this;
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
