package io.clickstream.adapter.dl4j;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The network's output layer (one logit per vocabulary entry from the hidden units) laid out for scoring many
 * requests at once. Nearly all of a request's cost is here: {@code hidden x vocabulary} multiply-adds, 2 million at
 * 100 x 20,000. One request at a time that is a matrix-vector product bound by memory (the 8 MB of weights stream
 * from the last-level cache for every request); rows scored together read each block of weights once for all of them,
 * so the same arithmetic runs at the speed of the vector units instead (measured in {@code Dl4jBenchmark score}).
 *
 * <p>Weights are packed in panels of {@link #PANEL} consecutive items, each panel holding its items' weights hidden
 * unit by hidden unit, so that a panel (9.6 KB at 100 hidden units with AVX2) stays in the L1 cache while every row adds to it.
 * Immutable; {@link #logits} is safe from many threads.
 */
final class OutputLayer {
    /** The machine's widest float vector (8 floats with AVX2); a fixed wider shape would be emulated, and slow. */
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Items per panel: three vectors, so 4 rows x 3 vectors of sums take 12 of the 16 AVX2 registers. */
    static final int PANEL = 3 * LANES;
    /** Rows summed together: 4 rows x 3 vectors of sums take 12 of the 16 AVX2 registers. */
    static final int ROWS = 4;
    /** Panels per chunk: 16 x 24 items x 100 hidden units x 4 bytes = 150 KB, well within a 512 KB L2 cache. */
    private static final int CHUNK_PANELS = 16;

    final int vocabulary;
    final int hidden;
    private final int panels;
    private final float[] packed; // [panel][hidden][PANEL]
    private final float[] bias;   // [panels * PANEL], zero-padded

    /**
     * @param outputW the layer's weights as {@link NetworkWeights} keeps them: {@code [hidden][vocabulary]}
     * @param outputB one bias per vocabulary entry
     */
    OutputLayer(int vocabulary, int hidden, float[] outputW, float[] outputB) {
        if (outputW.length != (long) vocabulary * hidden || outputB.length != vocabulary) {
            throw new IllegalArgumentException("output layer of " + vocabulary + " x " + hidden + " needs "
                    + (long) vocabulary * hidden + " weights and " + vocabulary + " biases, got " + outputW.length
                    + " and " + outputB.length);
        }
        this.vocabulary = vocabulary;
        this.hidden = hidden;
        this.panels = (vocabulary + PANEL - 1) / PANEL;
        this.packed = new float[Math.multiplyExact(Math.multiplyExact(panels, hidden), PANEL)];
        this.bias = new float[panels * PANEL];
        for (int j = 0; j < hidden; j++) {
            int row = j * vocabulary;
            for (int v = 0; v < vocabulary; v++) {
                packed[((v / PANEL) * hidden + j) * PANEL + v % PANEL] = outputW[row + v];
            }
        }
        System.arraycopy(outputB, 0, bias, 0, vocabulary);
    }

    /** The weights as {@code [hidden][vocabulary]}, unpacked (a copy). */
    float[] weights() {
        float[] w = new float[vocabulary * hidden];
        for (int j = 0; j < hidden; j++) {
            for (int v = 0; v < vocabulary; v++) {
                w[j * vocabulary + v] = packed[((v / PANEL) * hidden + j) * PANEL + v % PANEL];
            }
        }
        return w;
    }

    /** One bias per vocabulary entry (a copy). */
    float[] biases() {
        return java.util.Arrays.copyOf(bias, vocabulary);
    }

    /**
     * Computes {@code out[r][v] = bias[v] + sum_j hiddenRows[r * hidden + j] * W[j][v]} for rows {@code 0..rows)},
     * each {@code out[r]} holding at least {@code vocabulary} floats. A row's sums are added in the same order whatever
     * the other rows, so a request scores the same alone or in a batch.
     */
    void logits(float[] hiddenRows, int rows, float[][] out) {
        int full = vocabulary / PANEL;
        // A chunk of panels (150 KB of weights at 100 hidden units) is read from memory once for all rows and stays in
        // the L2 cache while each block of four rows sums over it; the sums written per chunk stay small too.
        for (int from = 0; from < full; from += CHUNK_PANELS) {
            int to = Math.min(full, from + CHUNK_PANELS);
            int r = 0;
            for (; r + ROWS <= rows; r += ROWS) {
                fourRows(hiddenRows, r, out, from, to);
            }
            for (; r < rows; r++) {
                oneRow(hiddenRows, r, out[r], from, to);
            }
        }
        tail(hiddenRows, rows, out);
    }

    /**
     * Rows {@code r..r+3} over the panels {@code from..to)}. Vectors stay in local variables of this one method:
     * passed to another method they would be boxed, and Java 17 then gives up compiling the kernel to vector
     * instructions (measured 10x slower).
     */
    private void fourRows(float[] hiddenRows, int r, float[][] out, int from, int to) {
        int h = hidden;
        int x0 = r * h;
        int x1 = x0 + h;
        int x2 = x1 + h;
        int x3 = x2 + h;
        float[] o0 = out[r];
        float[] o1 = out[r + 1];
        float[] o2 = out[r + 2];
        float[] o3 = out[r + 3];
        for (int p = from; p < to; p++) {
            int base = p * h * PANEL;
            int col = p * PANEL;
            FloatVector b0 = FloatVector.fromArray(SPECIES, bias, col);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bias, col + LANES);
            FloatVector b2 = FloatVector.fromArray(SPECIES, bias, col + 2 * LANES);
            FloatVector a00 = b0, a01 = b1, a02 = b2;
            FloatVector a10 = b0, a11 = b1, a12 = b2;
            FloatVector a20 = b0, a21 = b1, a22 = b2;
            FloatVector a30 = b0, a31 = b1, a32 = b2;
            for (int j = 0; j < h; j++) {
                int o = base + j * PANEL;
                FloatVector w0 = FloatVector.fromArray(SPECIES, packed, o);
                FloatVector w1 = FloatVector.fromArray(SPECIES, packed, o + LANES);
                FloatVector w2 = FloatVector.fromArray(SPECIES, packed, o + 2 * LANES);
                FloatVector x = FloatVector.broadcast(SPECIES, hiddenRows[x0 + j]);
                a00 = w0.fma(x, a00);
                a01 = w1.fma(x, a01);
                a02 = w2.fma(x, a02);
                x = FloatVector.broadcast(SPECIES, hiddenRows[x1 + j]);
                a10 = w0.fma(x, a10);
                a11 = w1.fma(x, a11);
                a12 = w2.fma(x, a12);
                x = FloatVector.broadcast(SPECIES, hiddenRows[x2 + j]);
                a20 = w0.fma(x, a20);
                a21 = w1.fma(x, a21);
                a22 = w2.fma(x, a22);
                x = FloatVector.broadcast(SPECIES, hiddenRows[x3 + j]);
                a30 = w0.fma(x, a30);
                a31 = w1.fma(x, a31);
                a32 = w2.fma(x, a32);
            }
            a00.intoArray(o0, col);
            a01.intoArray(o0, col + LANES);
            a02.intoArray(o0, col + 2 * LANES);
            a10.intoArray(o1, col);
            a11.intoArray(o1, col + LANES);
            a12.intoArray(o1, col + 2 * LANES);
            a20.intoArray(o2, col);
            a21.intoArray(o2, col + LANES);
            a22.intoArray(o2, col + 2 * LANES);
            a30.intoArray(o3, col);
            a31.intoArray(o3, col + LANES);
            a32.intoArray(o3, col + 2 * LANES);
        }
    }

    /** Row {@code r} over the panels {@code from..to)}. */
    private void oneRow(float[] hiddenRows, int r, float[] o0, int from, int to) {
        int h = hidden;
        int x0 = r * h;
        for (int p = from; p < to; p++) {
            int base = p * h * PANEL;
            int col = p * PANEL;
            FloatVector a0 = FloatVector.fromArray(SPECIES, bias, col);
            FloatVector a1 = FloatVector.fromArray(SPECIES, bias, col + LANES);
            FloatVector a2 = FloatVector.fromArray(SPECIES, bias, col + 2 * LANES);
            for (int j = 0; j < h; j++) {
                int o = base + j * PANEL;
                FloatVector x = FloatVector.broadcast(SPECIES, hiddenRows[x0 + j]);
                a0 = FloatVector.fromArray(SPECIES, packed, o).fma(x, a0);
                a1 = FloatVector.fromArray(SPECIES, packed, o + LANES).fma(x, a1);
                a2 = FloatVector.fromArray(SPECIES, packed, o + 2 * LANES).fma(x, a2);
            }
            a0.intoArray(o0, col);
            a1.intoArray(o0, col + LANES);
            a2.intoArray(o0, col + 2 * LANES);
        }
    }

    /** The items after the last whole panel (fewer than a panel), one by one, summed in the same order every time. */
    private void tail(float[] hiddenRows, int rows, float[][] out) {
        int h = hidden;
        int full = vocabulary / PANEL;
        int base = full * h * PANEL;
        for (int v = full * PANEL; v < vocabulary; v++) {
            int c = v - full * PANEL;
            for (int r = 0; r < rows; r++) {
                float sum = bias[v];
                int x0 = r * h;
                for (int j = 0; j < h; j++) {
                    sum = Math.fma(packed[base + j * PANEL + c], hiddenRows[x0 + j], sum);
                }
                out[r][v] = sum;
            }
        }
    }
}
