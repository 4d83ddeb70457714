package io.clickstream.adapter.dl4j;

import java.util.Arrays;
import java.util.Random;

/**
 * The items a training mini-batch is scored against (sampled softmax, as GRU4Rec trains): the batch's own targets
 * plus {@code negatives} items drawn by popularity to the power {@code alpha}, each once, with the logarithm of how
 * often an item is expected among them ("logQ" correction, Yi et al., RecSys 2019) so that popular items are not
 * pushed down just for being drawn often. When that many draws would cover most of the catalogue, every item is a
 * candidate and there is nothing to correct (the full softmax). Not thread-safe: one per training loop.
 */
final class CandidateSampler {
    private final int vocabulary;
    private final int negatives;
    private final boolean full;
    private final double[] cumulative;   // [vocabulary]: drawing distribution, cumulative
    private final float[] logExpected;   // [vocabulary]: log of the expected count per batch among the candidates
    private final int[] slot;            // [vocabulary]: position in the current batch's candidates, or -1
    private int[] candidates = new int[0];
    private int size;

    /**
     * @param counts how often each vocabulary index is a training target (index 0 and 1 unused)
     * @param batchSize examples per batch (the in-batch part of the expected counts)
     */
    CandidateSampler(long[] counts, int negatives, double alpha, int batchSize) {
        this.vocabulary = counts.length;
        this.negatives = negatives;
        int items = vocabulary - Vocabulary.FIRST_ITEM;
        this.full = negatives + batchSize >= items / 2;
        this.cumulative = new double[vocabulary];
        this.logExpected = new float[vocabulary];
        this.slot = new int[vocabulary];
        Arrays.fill(slot, -1);
        double drawTotal = 0;
        double targetTotal = 0;
        for (int j = Vocabulary.FIRST_ITEM; j < vocabulary; j++) {
            drawTotal += Math.pow(counts[j] + 1, alpha);
            targetTotal += counts[j] + 1;
        }
        double running = 0;
        for (int j = Vocabulary.FIRST_ITEM; j < vocabulary; j++) {
            double draw = Math.pow(counts[j] + 1, alpha) / drawTotal;
            running += draw;
            cumulative[j] = running;
            double expected = negatives * draw + batchSize * (counts[j] + 1) / targetTotal;
            logExpected[j] = full ? 0f : (float) Math.log(expected);
        }
        cumulative[vocabulary - 1] = 1.0;
        if (full) {
            candidates = new int[items];
            for (int j = Vocabulary.FIRST_ITEM; j < vocabulary; j++) {
                slot[j] = j - Vocabulary.FIRST_ITEM;
                candidates[j - Vocabulary.FIRST_ITEM] = j;
            }
            size = items;
        }
    }

    boolean isFullSoftmax() {
        return full;
    }

    /** Starts a batch: with a sampled softmax, forgets the previous batch's candidates and draws new negatives. */
    void next(Random random) {
        if (full) {
            return;
        }
        for (int i = 0; i < size; i++) {
            slot[candidates[i]] = -1;
        }
        size = 0;
        fill(random, negatives);
    }

    /**
     * Ends a batch whose targets were added: draws more negatives until there are {@code count} candidates, so that
     * every batch has the same shape (the graph is then planned once).
     */
    void complete(Random random, int count) {
        if (!full) {
            fill(random, count);
        }
    }

    /** Candidates per batch of {@code batchSize} rows. */
    int candidatesPerBatch(int batchSize) {
        return full ? size : negatives + batchSize;
    }

    private void fill(Random random, int count) {
        for (int attempt = 0; size < count && attempt < 64 * count; attempt++) {
            add(draw(random));
        }
        for (int j = Vocabulary.FIRST_ITEM; size < count && j < vocabulary; j++) {
            add(j);
        }
    }

    /** The candidate column of a target of this batch (added if not drawn). */
    int columnOf(int item) {
        return add(item);
    }

    int size() {
        return size;
    }

    int candidate(int column) {
        return candidates[column];
    }

    float correction(int column) {
        return logExpected[candidates[column]];
    }

    private int add(int item) {
        int s = slot[item];
        if (s >= 0) {
            return s;
        }
        if (size == candidates.length) {
            candidates = Arrays.copyOf(candidates, Math.max(64, size * 2));
        }
        candidates[size] = item;
        slot[item] = size;
        return size++;
    }

    private int draw(Random random) {
        int at = Arrays.binarySearch(cumulative, Vocabulary.FIRST_ITEM, vocabulary, random.nextDouble());
        return Math.min(vocabulary - 1, at >= 0 ? at : -at - 1);
    }
}
