package io.clickstream.adapter.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The batched output layer computes the layer exactly as a plain loop would, whatever the batch it is scored in. */
class OutputLayerTest {
    private static final int VOCABULARY = 1_003; // not a whole number of panels
    private static final int HIDDEN = 37;

    private final Random random = new Random(11);
    private final float[] weights = values(HIDDEN * VOCABULARY);
    private final float[] biases = values(VOCABULARY);
    private final OutputLayer layer = new OutputLayer(VOCABULARY, HIDDEN, weights, biases);

    @Test
    void each_row_of_a_batch_is_the_plain_matrix_product() {
        for (int rows : new int[] {1, 3, 4, 5, 8, 9}) {
            float[] hidden = values(rows * HIDDEN);
            float[][] out = new float[rows][VOCABULARY];
            layer.logits(hidden, rows, out);
            for (int r = 0; r < rows; r++) {
                for (int v = 0; v < VOCABULARY; v++) {
                    double expected = biases[v];
                    for (int j = 0; j < HIDDEN; j++) {
                        expected += (double) hidden[r * HIDDEN + j] * weights[j * VOCABULARY + v];
                    }
                    assertThat((double) out[r][v]).as("row %d of %d, item %d", r, rows, v).isCloseTo(expected, within(1e-4));
                }
            }
        }
    }

    @Test
    void a_row_scores_the_same_bits_alone_or_among_others() {
        float[] hidden = values(7 * HIDDEN);
        float[][] together = new float[7][VOCABULARY];
        layer.logits(hidden, 7, together);
        for (int r = 0; r < 7; r++) {
            float[] one = java.util.Arrays.copyOfRange(hidden, r * HIDDEN, (r + 1) * HIDDEN);
            float[][] alone = new float[1][VOCABULARY];
            layer.logits(one, 1, alone);
            assertThat(alone[0]).as("row " + r).isEqualTo(together[r]);
        }
    }

    @Test
    void the_unpacked_weights_and_biases_are_the_ones_given() {
        assertThat(layer.weights()).isEqualTo(weights);
        assertThat(layer.biases()).isEqualTo(biases);
    }

    @Test
    void concurrent_requests_through_the_batcher_each_get_their_own_row() throws Exception {
        LogitBatcher batcher = new LogitBatcher(layer, 2, 8);
        int threads = 16;
        int perThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = t;
                results.add(pool.submit(() -> {
                    Random own = new Random(seed);
                    start.await();
                    int checked = 0;
                    for (int i = 0; i < perThread; i++) {
                        float[] hidden = new float[HIDDEN];
                        for (int j = 0; j < HIDDEN; j++) {
                            hidden[j] = (float) own.nextGaussian();
                        }
                        float[] out = new float[VOCABULARY];
                        batcher.logits(hidden, out);
                        float[][] alone = new float[1][VOCABULARY];
                        layer.logits(hidden, 1, alone);
                        assertThat(out).isEqualTo(alone[0]);
                        checked++;
                    }
                    return checked;
                }));
            }
            start.countDown();
            for (Future<Integer> f : results) {
                assertThat(f.get()).isEqualTo(perThread);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private float[] values(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextGaussian();
        }
        return a;
    }
}
