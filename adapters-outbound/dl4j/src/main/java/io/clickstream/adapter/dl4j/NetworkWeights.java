package io.clickstream.adapter.dl4j;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The trained network's weights as plain float arrays with its forward pass, so that serving scores a request
 * without allocating native buffers (per-request ND4J allocation gave a 25-55 ms p99 in a trial). The pass is the
 * one the graph computes: item plus event-type embeddings of the recent steps, their mean and the newest one side by
 * side, a tanh layer, and one logit per vocabulary entry. Immutable; {@link #logits} is safe from many threads
 * when each brings its own buffers.
 */
final class NetworkWeights {
    private static final int MAGIC = 0x43534e57; // "CSNW"
    private static final int FORMAT = 1;

    final int vocabulary;
    final int embedding;
    final int hidden;
    final int typeCount;
    final int sequenceLength;
    private final float[] itemEmbedding; // [vocabulary][embedding]
    private final float[] typeEmbedding; // [typeCount][embedding]
    private final float[] denseW;        // [2 * embedding][hidden]
    private final float[] denseB;        // [hidden]
    private final OutputLayer output;    // [hidden][vocabulary] + [vocabulary], packed for batched scoring

    NetworkWeights(int vocabulary, int embedding, int hidden, int typeCount, int sequenceLength, float[] itemEmbedding,
                   float[] typeEmbedding, float[] denseW, float[] denseB, float[] outputW, float[] outputB) {
        this.vocabulary = vocabulary;
        this.embedding = embedding;
        this.hidden = hidden;
        this.typeCount = typeCount;
        this.sequenceLength = sequenceLength;
        this.itemEmbedding = check(itemEmbedding, (long) vocabulary * embedding, "item embedding");
        this.typeEmbedding = check(typeEmbedding, (long) typeCount * embedding, "type embedding");
        this.denseW = check(denseW, 2L * embedding * hidden, "dense weights");
        this.denseB = check(denseB, hidden, "dense bias");
        requireVectorApi();
        this.output = new OutputLayer(vocabulary, hidden, check(outputW, (long) hidden * vocabulary, "output weights"),
                check(outputB, vocabulary, "output bias"));
    }

    /** Scratch arrays for one thread's forward passes. */
    float[] newInputBuffer() {
        return new float[2 * embedding];
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
     * The hidden units (the output layer's input) for the steps {@code items[from..from+n)} with event types
     * {@code types[typesFrom..typesFrom+n)}, newest last, into {@code h}; {@code x} is scratch of
     * {@link #newInputBuffer()}'s size.
     */
    void hidden(int[] items, int from, int[] types, int typesFrom, int n, float[] x, float[] h) {
        hidden(items, from, types, typesFrom, n, x, h, 0);
    }

    /** As {@link #hidden(int[], int, int[], int, int, float[], float[])}, into {@code h[at..at+hidden)}. */
    void hidden(int[] items, int from, int[] types, int typesFrom, int n, float[] x, float[] h, int at) {
        int e = embedding;
        java.util.Arrays.fill(x, 0, e, 0f);
        for (int t = 0; t < n; t++) {
            int ib = items[from + t] * e;
            int tb = types[typesFrom + t] * e;
            boolean last = t == n - 1;
            for (int d = 0; d < e; d++) {
                float v = itemEmbedding[ib + d] + typeEmbedding[tb + d];
                x[d] += v;
                if (last) {
                    x[e + d] = v;
                }
            }
        }
        for (int d = 0; d < e; d++) {
            x[d] /= n;
        }
        System.arraycopy(denseB, 0, h, at, hidden);
        for (int i = 0; i < 2 * e; i++) {
            float xi = x[i];
            int row = i * hidden;
            for (int j = 0; j < hidden; j++) {
                h[at + j] += xi * denseW[row + j];
            }
        }
        for (int j = 0; j < hidden; j++) {
            h[at + j] = (float) Math.tanh(h[at + j]);
        }
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
        float[] outputW = output.weights();
        float[] outputB = output.biases();
        long floats = itemEmbedding.length + typeEmbedding.length + denseW.length + denseB.length + outputW.length
                + outputB.length;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 64, 28 + floats * 4));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (int v : new int[] {MAGIC, FORMAT, vocabulary, embedding, hidden, typeCount, sequenceLength}) {
                out.writeInt(v);
            }
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.BIG_ENDIAN);
            for (float[] a : new float[][] {itemEmbedding, typeEmbedding, denseW, denseB, outputW, outputB}) {
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
            throw new IllegalArgumentException(what + " has weights format " + format + ", this build reads " + FORMAT);
        }
        int vocabulary = buf.getInt();
        int embedding = buf.getInt();
        int hidden = buf.getInt();
        int typeCount = buf.getInt();
        int sequenceLength = buf.getInt();
        FloatBuffer floats = buf.asFloatBuffer();
        long expected = (long) vocabulary * embedding + (long) typeCount * embedding + 2L * embedding * hidden + hidden
                + (long) hidden * vocabulary + vocabulary;
        if (floats.remaining() != expected) {
            throw new IllegalArgumentException(what + " is truncated or corrupt: " + floats.remaining() + " floats, "
                    + expected + " expected");
        }
        float[][] parts = {new float[vocabulary * embedding], new float[typeCount * embedding], new float[2 * embedding * hidden],
                new float[hidden], new float[hidden * vocabulary], new float[vocabulary]};
        for (float[] p : parts) {
            floats.get(p);
        }
        return new NetworkWeights(vocabulary, embedding, hidden, typeCount, sequenceLength, parts[0], parts[1], parts[2],
                parts[3], parts[4], parts[5]);
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
