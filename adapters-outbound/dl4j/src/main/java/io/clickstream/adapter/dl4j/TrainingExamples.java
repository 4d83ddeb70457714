package io.clickstream.adapter.dl4j;

import java.util.Random;

/**
 * The next-item examples of a set of sequences (every prefix predicts the item that follows it, unknown targets
 * left out), kept as two int positions each, and turned into padded, masked mini-batches on demand.
 */
final class TrainingExamples {
    private final EncodedSequences sequences;
    private final int length;
    private final int[] target;
    private final int[] contextStart;

    TrainingExamples(EncodedSequences sequences, int sequenceLength) {
        this.sequences = sequences;
        this.length = sequenceLength;
        int n = (int) sequences.predictions();
        target = new int[n];
        contextStart = new int[n];
        int[] items = sequences.items();
        int k = 0;
        for (int s = 0; s < sequences.count(); s++) {
            for (int p = sequences.start(s) + 1; p < sequences.end(s); p++) {
                if (items[p] != Vocabulary.UNKNOWN) {
                    target[k] = p;
                    contextStart[k] = Math.max(sequences.start(s), p - sequenceLength);
                    k++;
                }
            }
        }
    }

    int size() {
        return target.length;
    }

    /** How often each vocabulary index is a target here. */
    long[] targetCounts(int vocabulary) {
        long[] counts = new long[vocabulary];
        int[] items = sequences.items();
        for (int p : target) {
            counts[items[p]]++;
        }
        return counts;
    }

    void shuffle(Random random) {
        for (int i = target.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = target[i];
            target[i] = target[j];
            target[j] = t;
            t = contextStart[i];
            contextStart[i] = contextStart[j];
            contextStart[j] = t;
        }
    }

    /**
     * {@code b} examples from {@code from} on as the inputs of {@link SequenceNetwork}: items and event types {@code [batch, length]}
     * (padded on the right), the steps' mask, the newest step as a one-hot row, the candidates of the sampled softmax
     * with their corrections, and each row's target column; each row's event types are hidden with probability
     * {@code typeDropout}.
     */
    SequenceNetwork.Batch batch(int from, int b, Random random, double typeDropout, CandidateSampler sampler) {
        int[] items = new int[b * length];
        int[] types = new int[b * length];
        float[] mask = new float[b * length];
        float[] newest = new float[b * length];
        int[] labels = new int[b];
        int[] seqItems = sequences.items();
        int[] seqTypes = sequences.types();
        sampler.next(random);
        for (int r = 0; r < b; r++) {
            int k = (from + r) % target.length; // the last batch wraps around, so that every batch has the same shape
            boolean hideTypes = typeDropout > 0 && random.nextDouble() < typeDropout;
            int n = target[k] - contextStart[k];
            for (int t = 0; t < n; t++) {
                items[r * length + t] = seqItems[contextStart[k] + t];
                types[r * length + t] = hideTypes ? EncodedSequences.TYPE_UNSPECIFIED : seqTypes[contextStart[k] + t];
                mask[r * length + t] = 1;
            }
            newest[r * length + n - 1] = 1;
            labels[r] = sampler.columnOf(seqItems[target[k]]);
        }
        sampler.complete(random, sampler.candidatesPerBatch(b));
        int c = sampler.size();
        int[] candidates = new int[c];
        float[] correction = new float[c];
        for (int j = 0; j < c; j++) {
            candidates[j] = sampler.candidate(j);
            correction[j] = sampler.correction(j);
        }
        return new SequenceNetwork.Batch(b, items, types, mask, newest, candidates, correction, labels);
    }
}
