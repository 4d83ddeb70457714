package io.clickstream.adapter.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The bounded top-k agrees with sorting the whole array: ties to the lower index, NaN and skipped entries never chosen. */
class TopKTest {

    @Test
    void selects_what_a_full_sort_would_for_many_sizes_ties_nans_and_skips() {
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(300);
            float[] scores = new float[n];
            for (int i = 0; i < n; i++) {
                scores[i] = random.nextInt(4) == 0 ? random.nextInt(5) : (float) random.nextGaussian(); // many ties
                if (random.nextInt(50) == 0) {
                    scores[i] = Float.NaN;
                }
            }
            int from = random.nextInt(Math.min(n, 5));
            int k = 1 + random.nextInt(25);
            int skipped = random.nextInt(n);
            TopK top = new TopK(k).select(scores, from, n, k, j -> j == skipped);

            List<Integer> expected = IntStream.range(from, n).boxed()
                    .filter(j -> j != skipped && !Float.isNaN(scores[j]))
                    .sorted(Comparator.<Integer>comparingDouble(j -> -scores[j]).thenComparingInt(j -> j))
                    .limit(k).toList();
            assertThat(IntStream.range(0, top.size()).map(top::index).boxed().toList()).as("round " + round).isEqualTo(expected);
        }
    }

    @Test
    void max_is_the_largest_score_in_range() {
        float[] scores = {5, -1, 2, 9, 3, 0, 7, 1, 8, 4, 6};
        assertThat(TopK.max(scores, 0, scores.length)).isEqualTo(9f);
        assertThat(TopK.max(scores, 4, scores.length)).isEqualTo(8f);
        assertThat(TopK.max(scores, 4, 4)).isEqualTo(Float.NEGATIVE_INFINITY);
        float[] many = new float[1000];
        many[997] = 3;
        assertThat(TopK.max(many, 0, 1000)).isEqualTo(3f);
    }
}
