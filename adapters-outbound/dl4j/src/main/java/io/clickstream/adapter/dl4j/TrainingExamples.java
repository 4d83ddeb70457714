package io.clickstream.adapter.dl4j;

import java.util.Random;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

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
     * Examples {@code from..to} as inputs {@code [batch, length]} (items and event types, padded on the right), their
     * mask, and the target index per row; each row's event types are hidden with probability {@code typeDropout}.
     */
    MultiDataSet batch(int from, int to, Random random, double typeDropout) {
        int b = to - from;
        float[] items = new float[b * length];
        float[] types = new float[b * length];
        float[] mask = new float[b * length];
        float[] labels = new float[b];
        int[] seqItems = sequences.items();
        int[] seqTypes = sequences.types();
        for (int r = 0; r < b; r++) {
            int k = from + r;
            boolean hideTypes = typeDropout > 0 && random.nextDouble() < typeDropout;
            int n = target[k] - contextStart[k];
            for (int t = 0; t < n; t++) {
                items[r * length + t] = seqItems[contextStart[k] + t];
                types[r * length + t] = hideTypes ? EncodedSequences.TYPE_UNSPECIFIED : seqTypes[contextStart[k] + t];
                mask[r * length + t] = 1;
            }
            labels[r] = seqItems[target[k]];
        }
        long[] shape = {b, length};
        var maskArray = Nd4j.create(mask, shape, 'c');
        return new org.nd4j.linalg.dataset.MultiDataSet(
                new org.nd4j.linalg.api.ndarray.INDArray[] {Nd4j.create(items, shape, 'c'), Nd4j.create(types, shape, 'c')},
                new org.nd4j.linalg.api.ndarray.INDArray[] {Nd4j.create(labels, new long[] {b, 1}, 'c')},
                new org.nd4j.linalg.api.ndarray.INDArray[] {maskArray, maskArray},
                null);
    }
}
