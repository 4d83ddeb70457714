package io.clickstream.adapter.dl4j;

/**
 * Adam (Kingma and Ba) applied to slices of plain arrays, so that an embedding table is updated only in the rows a
 * mini-batch touched (a "lazy" Adam, as TensorFlow's LazyAdam): ND4J's updaters work on whole arrays, which would make
 * every step cost as much as the whole catalogue. The step count is global; a row's moments decay only when it is used.
 */
final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final double learningRate;
    private long step;
    private double correctedRate;

    Adam(double learningRate) {
        this.learningRate = learningRate;
    }

    /** First and second moments of one parameter array. */
    static final class Moments {
        final float[] first;
        final float[] second;

        Moments(int size) {
            first = new float[size];
            second = new float[size];
        }
    }

    /** Advances the step count shared by every update until the next call. */
    void nextStep() {
        step++;
        correctedRate = learningRate * Math.sqrt(1 - Math.pow(BETA2, step)) / (1 - Math.pow(BETA1, step));
    }

    /** Updates {@code params[offset..offset+length)} with {@code gradient[0..length)}. */
    void update(float[] params, Moments moments, float[] gradient, int offset, int length) {
        float[] m = moments.first;
        float[] v = moments.second;
        float b1 = (float) BETA1;
        float b2 = (float) BETA2;
        float rate = (float) correctedRate;
        float eps = (float) EPSILON;
        for (int i = 0; i < length; i++) {
            float g = gradient[i];
            int p = offset + i;
            m[p] = b1 * m[p] + (1 - b1) * g;
            v[p] = b2 * v[p] + (1 - b2) * g * g;
            params[p] -= rate * m[p] / ((float) Math.sqrt(v[p]) + eps);
        }
    }
}
