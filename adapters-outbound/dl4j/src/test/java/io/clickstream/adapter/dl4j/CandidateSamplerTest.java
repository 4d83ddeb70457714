package io.clickstream.adapter.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CandidateSamplerTest {
    private static long[] counts(int items) {
        long[] counts = new long[items + Vocabulary.FIRST_ITEM];
        for (int j = Vocabulary.FIRST_ITEM; j < counts.length; j++) {
            counts[j] = 1 + 1000L / (j - 1); // a long tail: item 2 is the most popular
        }
        return counts;
    }

    @Test
    void a_large_catalogue_gets_the_batch_targets_plus_distinct_popular_negatives_in_a_fixed_number_of_columns() {
        CandidateSampler sampler = new CandidateSampler(counts(50_000), 100, 0.75, 16);
        Random random = new Random(1);
        assertThat(sampler.isFullSoftmax()).isFalse();
        for (int batch = 0; batch < 3; batch++) {
            sampler.next(random);
            int[] targets = {7, 7, 49_000, 3, 12_345};
            int[] columns = new int[targets.length];
            for (int i = 0; i < targets.length; i++) {
                columns[i] = sampler.columnOf(targets[i]);
            }
            sampler.complete(random, sampler.candidatesPerBatch(16));

            assertThat(sampler.size()).isEqualTo(116);
            Set<Integer> distinct = new HashSet<>();
            for (int c = 0; c < sampler.size(); c++) {
                assertThat(sampler.candidate(c)).isBetween(Vocabulary.FIRST_ITEM, 50_001);
                distinct.add(sampler.candidate(c));
            }
            assertThat(distinct).hasSize(116);
            for (int i = 0; i < targets.length; i++) {
                assertThat(sampler.candidate(columns[i])).isEqualTo(targets[i]);
            }
            assertThat(columns[0]).isEqualTo(columns[1]);
            // Popular items are expected more often among the candidates: a larger correction is subtracted.
            int popular = sampler.columnOf(Vocabulary.FIRST_ITEM);
            assertThat(sampler.correction(popular)).isGreaterThan(sampler.correction(columns[2]));
        }
    }

    @Test
    void a_catalogue_under_about_twice_the_candidates_gets_the_full_softmax_without_correction() {
        CandidateSampler sampler = new CandidateSampler(counts(300), 100, 0.75, 64);
        sampler.next(new Random(1));
        assertThat(sampler.isFullSoftmax()).isTrue();
        assertThat(sampler.size()).isEqualTo(300);
        assertThat(sampler.candidate(sampler.columnOf(150))).isEqualTo(150);
        for (int c = 0; c < sampler.size(); c++) {
            assertThat(sampler.correction(c)).isZero();
        }
    }
}
