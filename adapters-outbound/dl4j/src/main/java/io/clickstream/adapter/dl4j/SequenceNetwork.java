package io.clickstream.adapter.dl4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The recommender's network: a short-term attention/memory priority model (STAMP, Liu et al., KDD 2018) over the
 * recent steps, whose session vector scores an item by the item's own embedding (tied input and output vectors) plus
 * a bias. It trains on a sampled softmax: each mini-batch scores its rows against its own targets and a fixed number
 * of items drawn by popularity ({@link CandidateSampler}), with the log-frequency correction.
 *
 * <p>The encoder and the scoring are a SameDiff graph, differentiated by SameDiff. The embedding tables stay outside
 * it, in plain arrays: a batch's rows are looked up here and fed to the graph, and their gradients come back and
 * update only the rows the batch touched (a lazy Adam). So a step costs the same at 5,000 and at 500,000 items, where
 * a dense update of every row (and SameDiff's gather gradient, a loop of row writes in this version) would grow with
 * the catalogue. {@link #export} hands the weights to {@link NetworkWeights}, which serves them.
 */
final class SequenceNetwork {
    private static final String STEPS = "steps";
    private static final String CANDIDATE_VECTORS = "candidateVectors";
    private static final String CANDIDATE_BIAS = "candidateBias";
    private static final String MASK = "mask";
    private static final String NEWEST = "newest";
    private static final String CORRECTION = "correction";
    private static final String LABELS = "labels";
    private static final String LOSS = "loss";
    private static final String LOGITS = "logits";
    /** Encoder variables, in the order of {@link NetworkWeights.Encoder#parts()}. */
    private static final List<String> ENCODER = List.of("attentionStep", "attentionNewest", "attentionMean",
            "attentionBias", "attentionOut", "memoryW", "memoryB", "newestW", "newestB");

    private final SameDiff sd;
    private final int vocabulary;
    private final int embedding;
    private final int attention;
    private final int sequenceLength;
    private final List<String> gradientsOf;
    private final Adam adam;
    private final float keep;
    /** d steps / d embedding of the batch being learnt: 0 where dropped, 1 / keep elsewhere. */
    private float[] scale;
    private boolean gradientGraphBuilt;
    private final java.util.SplittableRandom dropout;
    private final float[] itemEmbedding;  // [vocabulary][embedding], input and output vectors
    private final float[] typeEmbedding;  // [types][embedding]
    private final float[] itemBias;       // [vocabulary]
    private final float[][] encoder;      // as NetworkWeights.Encoder#parts()
    private final Adam.Moments itemMoments;
    private final Adam.Moments typeMoments;
    private final Adam.Moments biasMoments;
    private final Adam.Moments[] encoderMoments;
    private final RowGradients itemGradients;
    private final RowGradients typeGradients;

    private SequenceNetwork(Dl4jTrainingSettings s, int vocabulary) {
        this.vocabulary = vocabulary;
        this.embedding = s.embeddingSize();
        this.attention = s.hiddenSize();
        this.sequenceLength = s.sequenceLength();
        int e = embedding;
        int a = attention;
        int l = sequenceLength;
        Random random = new Random(s.seed());
        double embeddingScale = 1 / Math.sqrt(e);
        itemEmbedding = gaussian(random, embeddingScale, (long) vocabulary * e);
        typeEmbedding = gaussian(random, embeddingScale, (long) EncodedSequences.TYPE_COUNT * e);
        itemBias = new float[vocabulary];
        long[] sizes = NetworkWeights.Encoder.sizes(e, a);
        encoder = new float[sizes.length][];
        encoder[0] = xavier(random, e, a);
        encoder[1] = xavier(random, e, a);
        encoder[2] = xavier(random, e, a);
        encoder[3] = new float[a];
        encoder[4] = xavier(random, a, 1);
        encoder[5] = xavier(random, e, e);
        encoder[6] = new float[e];
        encoder[7] = xavier(random, e, e);
        encoder[8] = new float[e];
        adam = new Adam(s.learningRate());
        keep = (float) s.dropoutKeep();
        dropout = new java.util.SplittableRandom(s.seed() + 2);
        itemMoments = new Adam.Moments(itemEmbedding.length);
        typeMoments = new Adam.Moments(typeEmbedding.length);
        biasMoments = new Adam.Moments(itemBias.length);
        itemGradients = new RowGradients(vocabulary, e);
        typeGradients = new RowGradients(EncodedSequences.TYPE_COUNT, e);
        encoderMoments = new Adam.Moments[encoder.length];
        for (int i = 0; i < encoder.length; i++) {
            encoderMoments[i] = new Adam.Moments(encoder[i].length);
        }

        sd = SameDiff.create();
        SDVariable steps = sd.var(STEPS, DataType.FLOAT, 1, l, e);                // [b, l, e], padding zeroed
        SDVariable candidateVectors = sd.var(CANDIDATE_VECTORS, DataType.FLOAT, 1, e); // [c, e]
        SDVariable candidateBias = sd.var(CANDIDATE_BIAS, DataType.FLOAT, 1);     // [c]
        SDVariable mask = sd.placeHolder(MASK, DataType.FLOAT, -1, l);
        SDVariable newestStep = sd.placeHolder(NEWEST, DataType.FLOAT, -1, l);
        SDVariable correction = sd.placeHolder(CORRECTION, DataType.FLOAT, -1);
        SDVariable labels = sd.placeHolder(LABELS, DataType.INT32, -1);
        SDVariable[] w = new SDVariable[ENCODER.size()];
        long[][] shapes = {{e, a}, {e, a}, {e, a}, {a}, {a, 1}, {e, e}, {e}, {e, e}, {e}};
        for (int i = 0; i < w.length; i++) {
            w[i] = sd.var(ENCODER.get(i), Nd4j.create(encoder[i], shapes[i], 'c'));
        }
        SDVariable mean = steps.sum(1).div(mask.sum(true, 1));                                          // [b, e]
        SDVariable newest = steps.mul(sd.expandDims(newestStep, 2)).sum(1);                             // [b, e]
        SDVariable query = newest.mmul(w[1]).add(mean.mmul(w[2])).add(w[3]);                            // [b, a]
        SDVariable perStep = sd.reshape(sd.reshape(steps, -1, e).mmul(w[0]), -1, l, a);                 // [b, l, a]
        SDVariable units = sd.nn.sigmoid(perStep.add(sd.expandDims(query, 1)));
        SDVariable weights = sd.reshape(sd.reshape(units, -1, a).mmul(w[4]), -1, l).mul(mask);           // [b, l]
        SDVariable memory = steps.mul(sd.expandDims(weights, 2)).sum(1);                                // [b, e]
        SDVariable session = sd.math.tanh(memory.mmul(w[5]).add(w[6])).mul(sd.math.tanh(newest.mmul(w[7]).add(w[8])));
        SDVariable logits = session.mmul("scores", candidateVectors, MMulTranspose.builder().transposeB(true).build())
                .add(candidateBias).sub(LOGITS, correction);                                            // [b, c]
        sd.loss.sparseSoftmaxCrossEntropy(LOSS, logits, labels);
        sd.setLossVariables(LOSS);
        gradientsOf = new ArrayList<>(ENCODER);
        gradientsOf.addAll(List.of(STEPS, CANDIDATE_VECTORS, CANDIDATE_BIAS));
    }

    static SequenceNetwork build(int vocabulary, Dl4jTrainingSettings s) {
        return new SequenceNetwork(s, vocabulary);
    }

    /** One mini-batch's inputs, as {@link TrainingExamples#batch} prepares them. */
    record Batch(int rows, int[] items, int[] types, float[] mask, float[] newest, int[] candidates, float[] correction,
                 int[] labels) {
    }

    /** One gradient step; returns the batch's mean loss. */
    double fit(Batch b) {
        Map<String, INDArray> placeholders = feed(b, keep);
        var result = gradientGraphBuilt ? sd.calculateGradientsAndOutputs(placeholders, List.of(LOSS), gradientsOf)
                : muted(() -> sd.calculateGradientsAndOutputs(placeholders, List.of(LOSS), gradientsOf));
        gradientGraphBuilt = true;
        learn(b, result.getGradients());
        return result.getOutputs().get(LOSS).getDouble(0);
    }

    /**
     * SameDiff 1.0.0-M2.1 prints a line per op to standard output while it builds the gradient graph (on the first
     * batch, with the batch's shapes): that first step runs with standard output muted, off the operator's terminal.
     */
    private static <T> T muted(java.util.function.Supplier<T> step) {
        java.io.PrintStream console = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            return step.get();
        } finally {
            System.setOut(console);
        }
    }

    /**
     * The graph's logits for the batch's rows over its candidates, without dropout: what the served forward pass of
     * {@link NetworkWeights} must reproduce.
     */
    float[] logits(Batch b) {
        return sd.output(feed(b, 1f), LOGITS).get(LOGITS).dup('c').data().asFloat();
    }

    /** Looks the batch's rows up into the graph's input variables; returns the placeholders. */
    private Map<String, INDArray> feed(Batch b, float keep) {
        int e = embedding;
        int l = sequenceLength;
        int c = b.candidates().length;
        float[] steps = new float[b.rows() * l * e];
        scale = new float[steps.length];
        for (int p = 0; p < b.rows() * l; p++) {
            if (b.mask()[p] != 0) {
                int ib = b.items()[p] * e;
                int tb = b.types()[p] * e;
                for (int d = 0; d < e; d++) {
                    // Inverted dropout of the embeddings fed to the encoder; the padding stays zero.
                    scale[p * e + d] = keep < 1 && dropout.nextFloat() >= keep ? 0f : 1 / keep;
                    steps[p * e + d] = (itemEmbedding[ib + d] + typeEmbedding[tb + d]) * scale[p * e + d];
                }
            }
        }
        float[] candidateVectors = new float[c * e];
        float[] candidateBias = new float[c];
        for (int j = 0; j < c; j++) {
            System.arraycopy(itemEmbedding, b.candidates()[j] * e, candidateVectors, j * e, e);
            candidateBias[j] = itemBias[b.candidates()[j]];
        }
        sd.setArrayForVariable(STEPS, Nd4j.create(steps, new long[] {b.rows(), l, e}, 'c'));
        sd.setArrayForVariable(CANDIDATE_VECTORS, Nd4j.create(candidateVectors, new long[] {c, e}, 'c'));
        sd.setArrayForVariable(CANDIDATE_BIAS, Nd4j.create(candidateBias, new long[] {c}, 'c'));
        Map<String, INDArray> placeholders = new HashMap<>();
        placeholders.put(MASK, Nd4j.create(b.mask(), new long[] {b.rows(), l}, 'c'));
        placeholders.put(NEWEST, Nd4j.create(b.newest(), new long[] {b.rows(), l}, 'c'));
        placeholders.put(CORRECTION, Nd4j.create(b.correction(), new long[] {c}, 'c'));
        placeholders.put(LABELS, Nd4j.createFromArray(b.labels()));
        return placeholders;
    }

    /** Applies the gradients of one step: Adam on the encoder, lazy Adam on the table rows the batch used. */
    private void learn(Batch b, Map<String, INDArray> g) {
        int e = embedding;
        int l = sequenceLength;
        int c = b.candidates().length;
        adam.nextStep();
        for (int i = 0; i < encoder.length; i++) {
            adam.update(encoder[i], encoderMoments[i], values(g.get(ENCODER.get(i))), 0, encoder[i].length);
            INDArray current = sd.getVariable(ENCODER.get(i)).getArr();
            current.assign(Nd4j.create(encoder[i], current.shape(), 'c'));
        }
        // Gradients of the looked-up rows, summed per table row, then one update per touched row.
        float[] stepGrad = values(g.get(STEPS));
        for (int i = 0; i < stepGrad.length; i++) {
            stepGrad[i] *= scale[i];
        }
        float[] vectorGrad = values(g.get(CANDIDATE_VECTORS));
        float[] biasGrad = values(g.get(CANDIDATE_BIAS));
        RowGradients items = itemGradients;
        RowGradients types = typeGradients;
        for (int p = 0; p < b.rows() * l; p++) {
            if (b.mask()[p] != 0) {
                items.add(b.items()[p], stepGrad, p * e);
                types.add(b.types()[p], stepGrad, p * e);
            }
        }
        for (int j = 0; j < c; j++) {
            items.add(b.candidates()[j], vectorGrad, j * e);
        }
        items.apply(adam, itemEmbedding, itemMoments);
        types.apply(adam, typeEmbedding, typeMoments);
        float[] one = new float[1];
        for (int j = 0; j < c; j++) {
            one[0] = biasGrad[j];
            adam.update(itemBias, biasMoments, one, b.candidates()[j], 1);
        }
    }

    /** The weights as plain arrays for serving and evaluation. */
    NetworkWeights export() {
        float[][] parts = new float[encoder.length][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = encoder[i].clone();
        }
        return new NetworkWeights(vocabulary, embedding, attention, EncodedSequences.TYPE_COUNT, sequenceLength,
                itemEmbedding.clone(), typeEmbedding.clone(), NetworkWeights.Encoder.of(parts),
                Dl4jModelScorer.transpose(itemEmbedding, vocabulary, embedding), itemBias.clone());
    }

    /**
     * Starts from a published network: items known to both vocabularies keep their embedding and bias, padding and
     * unknown keep theirs, event types and the encoder are copied whole; items new to this vocabulary keep their fresh
     * initialisation.
     *
     * @return how many items were carried over
     */
    int warmStart(Vocabulary vocabulary, NetworkWeights parent, Vocabulary parentVocabulary) {
        if (parent.embedding != embedding || parent.attention != attention || parent.sequenceLength != sequenceLength) {
            throw new IllegalArgumentException("the published model has embedding/attention/sequence sizes " + parent.embedding
                    + "/" + parent.attention + "/" + parent.sequenceLength + ", this run uses " + embedding + "/" + attention
                    + "/" + sequenceLength);
        }
        float[] parentItems = parent.itemEmbedding();
        float[] parentBias = parent.outputLayer().biases();
        int carried = 0;
        for (int i = 0; i < vocabulary.size(); i++) {
            int old = i < Vocabulary.FIRST_ITEM ? i : parentVocabulary.indexOf(vocabulary.item(i));
            if (i >= Vocabulary.FIRST_ITEM && old == Vocabulary.UNKNOWN) {
                continue;
            }
            System.arraycopy(parentItems, old * embedding, itemEmbedding, i * embedding, embedding);
            itemBias[i] = parentBias[old];
            carried += i >= Vocabulary.FIRST_ITEM ? 1 : 0;
        }
        System.arraycopy(parent.typeEmbedding(), 0, typeEmbedding, 0, typeEmbedding.length);
        float[][] parts = parent.encoder().parts();
        for (int i = 0; i < parts.length; i++) {
            System.arraycopy(parts[i], 0, encoder[i], 0, encoder[i].length);
            INDArray current = sd.getVariable(ENCODER.get(i)).getArr();
            current.assign(Nd4j.create(encoder[i], current.shape(), 'c'));
        }
        return carried;
    }

    private static float[] values(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    private static float[] gaussian(Random random, double scale, long n) {
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextGaussian() * scale);
        }
        return v;
    }

    private static float[] xavier(Random random, int in, int out) {
        return gaussian(random, Math.sqrt(2.0 / (in + out)), (long) in * out);
    }

    /** Gradients of a batch summed per table row, for the rows it touched; reused from batch to batch. */
    private static final class RowGradients {
        private final int width;
        private final int[] slotOf;   // [table rows]: position in sums, or -1
        private int[] rows = new int[256];
        private float[] sums;
        private int used;

        RowGradients(int tableRows, int width) {
            this.width = width;
            this.slotOf = new int[tableRows];
            java.util.Arrays.fill(slotOf, -1);
            this.sums = new float[rows.length * width];
        }

        void add(int row, float[] gradient, int at) {
            int slot = slotOf[row];
            if (slot < 0) {
                if (used == rows.length) {
                    rows = java.util.Arrays.copyOf(rows, used * 2);
                    sums = java.util.Arrays.copyOf(sums, used * 2 * width);
                }
                slot = used++;
                slotOf[row] = slot;
                rows[slot] = row;
                java.util.Arrays.fill(sums, slot * width, (slot + 1) * width, 0f);
            }
            int base = slot * width;
            for (int d = 0; d < width; d++) {
                sums[base + d] += gradient[at + d];
            }
        }

        /** Updates each touched row once, then forgets them. */
        void apply(Adam adam, float[] table, Adam.Moments moments) {
            float[] gradient = new float[width];
            for (int slot = 0; slot < used; slot++) {
                System.arraycopy(sums, slot * width, gradient, 0, width);
                adam.update(table, moments, gradient, rows[slot] * width, width);
                slotOf[rows[slot]] = -1;
            }
            used = 0;
        }
    }
}
