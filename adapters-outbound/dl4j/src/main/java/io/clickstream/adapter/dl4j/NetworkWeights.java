package io.clickstream.adapter.dl4j;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The trained network's weights as plain float arrays with its forward pass, so that serving scores a request
 * without allocating native buffers (per-request ND4J allocation gave a 25-55 ms p99 in a trial). The pass is the
 * one {@link SequenceNetwork} trains, a short-term attention/memory priority model (STAMP, Liu et al., KDD 2018):
 * each recent step is its item plus event-type embedding; an attention over the steps, steered by the newest step and
 * the steps' mean, weighs them into a session memory; the session vector is {@code tanh(memory layer) * tanh(newest
 * layer)}; one logit per vocabulary entry is its product with the item's output vector plus the item's bias. The
 * output vectors are the item embeddings themselves when trained (tied), kept separately here so that serving needs
 * no assumption about it. Immutable; {@link #hidden} is safe from many threads when each brings its own buffers.
 */
final class NetworkWeights {
    private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;
    private static final int MAGIC = 0x43534e57; // "CSNW"
    private static final int FORMAT = 2;

    final int vocabulary;
    /** Width of an embedding, of the session vector and of an item's output vector. */
    final int embedding;
    /** Width of the session vector: the output layer's input (equal to {@link #embedding}). */
    final int hidden;
    /** Units of the attention layer. */
    final int attention;
    final int typeCount;
    final int sequenceLength;
    private final float[] itemEmbedding;  // [vocabulary][embedding]
    private final float[] typeEmbedding;  // [typeCount][embedding]
    private final float[] attentionStep;  // [embedding][attention]: each step's share of the attention
    private final float[] attentionNewest; // [embedding][attention]
    private final float[] attentionMean;  // [embedding][attention]
    private final float[] attentionBias;  // [attention]
    private final float[] attentionOut;   // [attention]: a step's weight is this dot sigmoid(...)
    private final float[] memoryW;        // [embedding][embedding]
    private final float[] memoryB;        // [embedding]
    private final float[] newestW;        // [embedding][embedding]
    private final float[] newestB;        // [embedding]
    private final OutputLayer output;     // [embedding][vocabulary] + [vocabulary], packed for batched scoring

    /** The encoder's weights; shapes as the fields above. */
    record Encoder(float[] attentionStep, float[] attentionNewest, float[] attentionMean, float[] attentionBias,
                   float[] attentionOut, float[] memoryW, float[] memoryB, float[] newestW, float[] newestB) {
        float[][] parts() {
            return new float[][] {attentionStep, attentionNewest, attentionMean, attentionBias, attentionOut, memoryW,
                    memoryB, newestW, newestB};
        }

        static long[] sizes(int embedding, int attention) {
            long ea = (long) embedding * attention;
            long ee = (long) embedding * embedding;
            return new long[] {ea, ea, ea, attention, attention, ee, embedding, ee, embedding};
        }

        static Encoder of(float[][] p) {
            return new Encoder(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]);
        }
    }

    NetworkWeights(int vocabulary, int embedding, int attention, int typeCount, int sequenceLength, float[] itemEmbedding,
                   float[] typeEmbedding, Encoder encoder, float[] outputW, float[] outputB) {
        this.vocabulary = vocabulary;
        this.embedding = embedding;
        this.hidden = embedding;
        this.attention = attention;
        this.typeCount = typeCount;
        this.sequenceLength = sequenceLength;
        this.itemEmbedding = check(itemEmbedding, (long) vocabulary * embedding, "item embedding");
        this.typeEmbedding = check(typeEmbedding, (long) typeCount * embedding, "type embedding");
        float[][] parts = encoder.parts();
        long[] sizes = Encoder.sizes(embedding, attention);
        for (int i = 0; i < parts.length; i++) {
            check(parts[i], sizes[i], "encoder weights part " + i);
        }
        this.attentionStep = encoder.attentionStep();
        this.attentionNewest = encoder.attentionNewest();
        this.attentionMean = encoder.attentionMean();
        this.attentionBias = encoder.attentionBias();
        this.attentionOut = encoder.attentionOut();
        this.memoryW = encoder.memoryW();
        this.memoryB = encoder.memoryB();
        this.newestW = encoder.newestW();
        this.newestB = encoder.newestB();
        requireVectorApi();
        this.output = new OutputLayer(vocabulary, embedding, check(outputW, (long) embedding * vocabulary, "output weights"),
                check(outputB, vocabulary, "output bias"));
    }

    Encoder encoder() {
        return new Encoder(attentionStep, attentionNewest, attentionMean, attentionBias, attentionOut, memoryW, memoryB,
                newestW, newestB);
    }

    float[] typeEmbedding() {
        return typeEmbedding;
    }

    /** Scratch arrays for one thread's forward passes. */
    float[] newInputBuffer() {
        return new float[(sequenceLength + 3) * embedding + 2 * attention];
    }

    float[] newHiddenBuffer() {
        return new float[hidden];
    }

    /**
     * Writes one logit per vocabulary index into {@code out} for the steps {@code items[from..from+n)} with event types
     * {@code types[typesFrom..typesFrom+n)}, newest last; {@code n} is 1..sequenceLength. One row at a time: serving
     * and evaluation score many rows per pass of {@link #outputLayer()}, with the same arithmetic row by row.
     */
    void logits(int[] items, int from, int[] types, int typesFrom, int n, float[] x, float[] h, float[] out) {
        hidden(items, from, types, typesFrom, n, x, h);
        output.logits(h, 1, new float[][] {out});
    }

    /**
     * The session vector (the output layer's input) for the steps {@code items[from..from+n)} with event types
     * {@code types[typesFrom..typesFrom+n)}, newest last, into {@code h}; {@code x} is scratch of
     * {@link #newInputBuffer()}'s size.
     */
    void hidden(int[] items, int from, int[] types, int typesFrom, int n, float[] x, float[] h) {
        hidden(items, from, types, typesFrom, n, x, h, 0);
    }

    /** As {@link #hidden(int[], int, int[], int, int, float[], float[])}, into {@code h[at..at+hidden)}. */
    void hidden(int[] items, int from, int[] types, int typesFrom, int n, float[] x, float[] h, int at) {
        int e = embedding;
        int a = attention;
        int mean = sequenceLength * e;
        int memory = mean + e;
        int layer = memory + e;
        int query = layer + e;
        int unit = query + a;
        java.util.Arrays.fill(x, mean, mean + e, 0f);
        for (int t = 0; t < n; t++) {
            int ib = items[from + t] * e;
            int tb = types[typesFrom + t] * e;
            for (int d = 0; d < e; d++) {
                float v = itemEmbedding[ib + d] + typeEmbedding[tb + d];
                x[t * e + d] = v;
                x[mean + d] += v;
            }
        }
        int newest = (n - 1) * e;
        for (int d = 0; d < e; d++) {
            x[mean + d] /= n;
        }
        // The attention's query part, shared by every step: newest and mean through their matrices, plus the bias.
        System.arraycopy(attentionBias, 0, x, query, a);
        addProduct(x, newest, attentionNewest, e, a, x, query);
        addProduct(x, mean, attentionMean, e, a, x, query);
        java.util.Arrays.fill(x, memory, memory + e, 0f);
        for (int t = 0; t < n; t++) {
            System.arraycopy(x, query, x, unit, a);
            addProduct(x, t * e, attentionStep, e, a, x, unit);
            float weight = 0;
            for (int j = 0; j < a; j++) {
                weight += attentionOut[j] * sigmoid(x[unit + j]);
            }
            for (int d = 0; d < e; d++) {
                x[memory + d] += weight * x[t * e + d];
            }
        }
        System.arraycopy(memoryB, 0, x, layer, e);
        addProduct(x, memory, memoryW, e, e, x, layer);
        System.arraycopy(newestB, 0, h, at, e);
        addProduct(x, newest, newestW, e, e, h, at);
        for (int d = 0; d < e; d++) {
            h[at + d] = (float) (Math.tanh(x[layer + d]) * Math.tanh(h[at + d]));
        }
    }

    /**
     * {@code out[outAt..outAt+columns) += in[inAt..inAt+rows) . w}, w being {@code [rows][columns]}: the encoder's
     * matrices, a few hundred thousand multiply-adds per request, in vector lanes (the scalar loop cost 0.1 ms).
     */
    private static void addProduct(float[] in, int inAt, float[] w, int rows, int columns, float[] out, int outAt) {
        int step = LANES.length();
        int j = 0;
        // Four vectors of columns summed in registers over all rows: adding into out row by row made each row wait
        // for the previous row's store.
        for (; j + 4 * step <= columns; j += 4 * step) {
            FloatVector a0 = FloatVector.fromArray(LANES, out, outAt + j);
            FloatVector a1 = FloatVector.fromArray(LANES, out, outAt + j + step);
            FloatVector a2 = FloatVector.fromArray(LANES, out, outAt + j + 2 * step);
            FloatVector a3 = FloatVector.fromArray(LANES, out, outAt + j + 3 * step);
            for (int i = 0; i < rows; i++) {
                FloatVector x = FloatVector.broadcast(LANES, in[inAt + i]);
                int row = i * columns + j;
                a0 = FloatVector.fromArray(LANES, w, row).fma(x, a0);
                a1 = FloatVector.fromArray(LANES, w, row + step).fma(x, a1);
                a2 = FloatVector.fromArray(LANES, w, row + 2 * step).fma(x, a2);
                a3 = FloatVector.fromArray(LANES, w, row + 3 * step).fma(x, a3);
            }
            a0.intoArray(out, outAt + j);
            a1.intoArray(out, outAt + j + step);
            a2.intoArray(out, outAt + j + 2 * step);
            a3.intoArray(out, outAt + j + 3 * step);
        }
        int vectorEnd = LANES.loopBound(columns);
        for (int i = 0; i < rows; i++) {
            float xi = in[inAt + i];
            int row = i * columns;
            FloatVector x = FloatVector.broadcast(LANES, xi);
            int k = j;
            for (; k < vectorEnd; k += step) {
                FloatVector.fromArray(LANES, w, row + k).fma(x, FloatVector.fromArray(LANES, out, outAt + k))
                        .intoArray(out, outAt + k);
            }
            for (; k < columns; k++) {
                out[outAt + k] += xi * w[row + k];
            }
        }
    }

    private static float sigmoid(float z) {
        return (float) (1 / (1 + Math.exp(-z)));
    }

    /** The output layer, packed for scoring many rows per pass. */
    OutputLayer outputLayer() {
        return output;
    }

    /** Turns logits into scores in (0, 1] with the best item at 1: softmax divided by its maximum over known items. */
    static void normaliseToMax(float[] logits, int from, int to) {
        float max = TopK.max(logits, from, to);
        for (int v = from; v < to; v++) {
            logits[v] = (float) Math.exp(logits[v] - max);
        }
    }

    /** Row {@code item} of the item embedding, copied. */
    float[] itemVector(int item) {
        float[] v = new float[embedding];
        System.arraycopy(itemEmbedding, item * embedding, v, 0, embedding);
        return v;
    }

    float[] itemEmbedding() {
        return itemEmbedding;
    }

    byte[] toBytes() {
        java.util.List<float[]> arrays = new java.util.ArrayList<>();
        arrays.add(itemEmbedding);
        arrays.add(typeEmbedding);
        arrays.addAll(java.util.List.of(encoder().parts()));
        arrays.add(output.weights());
        arrays.add(output.biases());
        long floats = arrays.stream().mapToLong(p -> p.length).sum();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 64, 32 + floats * 4));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (int v : new int[] {MAGIC, FORMAT, vocabulary, embedding, attention, typeCount, sequenceLength}) {
                out.writeInt(v);
            }
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.BIG_ENDIAN);
            for (float[] a : arrays) {
                for (float f : a) {
                    if (!buf.hasRemaining()) {
                        out.write(buf.array(), 0, buf.position());
                        buf.clear();
                    }
                    buf.putFloat(f);
                }
            }
            out.write(buf.array(), 0, buf.position());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static NetworkWeights fromBytes(byte[] bytes, String what) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        if (bytes.length < 28 || buf.getInt() != MAGIC) {
            throw new IllegalArgumentException(what + " is not a weights file of this recommender");
        }
        int format = buf.getInt();
        if (format != FORMAT) {
            throw new IllegalArgumentException(what + " has weights format " + format + " (an earlier network), this build "
                    + "reads " + FORMAT + ": train a new model");
        }
        int vocabulary = buf.getInt();
        int embedding = buf.getInt();
        int attention = buf.getInt();
        int typeCount = buf.getInt();
        int sequenceLength = buf.getInt();
        FloatBuffer floats = buf.asFloatBuffer();
        long[] encoderSizes = Encoder.sizes(embedding, attention);
        long expected = (long) vocabulary * embedding + (long) typeCount * embedding + java.util.Arrays.stream(encoderSizes).sum()
                + (long) embedding * vocabulary + vocabulary;
        if (floats.remaining() != expected) {
            throw new IllegalArgumentException(what + " is truncated or corrupt: " + floats.remaining() + " floats, "
                    + expected + " expected");
        }
        float[] items = new float[vocabulary * embedding];
        float[] types = new float[typeCount * embedding];
        floats.get(items);
        floats.get(types);
        float[][] encoder = new float[encoderSizes.length][];
        for (int i = 0; i < encoder.length; i++) {
            encoder[i] = new float[(int) encoderSizes[i]];
            floats.get(encoder[i]);
        }
        float[] outW = new float[embedding * vocabulary];
        float[] outB = new float[vocabulary];
        floats.get(outW);
        floats.get(outB);
        return new NetworkWeights(vocabulary, embedding, attention, typeCount, sequenceLength, items, types,
                Encoder.of(encoder), outW, outB);
    }

    /** The output layer needs the Vector API module, which the JVM loads only when told to. */
    private static void requireVectorApi() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new IllegalStateException("the recommender's scorer needs the JVM option --add-modules=jdk.incubator.vector "
                    + "(bin/pipeline and the tests pass it from bin/jvm.options)");
        }
    }

    private static float[] check(float[] a, long expected, String what) {
        if (a.length != expected) {
            throw new IllegalArgumentException(what + " has " + a.length + " values, " + expected + " expected");
        }
        return a;
    }
}
