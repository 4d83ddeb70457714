package io.clickstream.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {
    private static final List<String> RANKED = List.of("a", "b", "c", "d", "e");

    @Test
    void hit_rate_counts_a_target_inside_the_cutoff_only() {
        assertThat(RankingMetrics.hitRate(RANKED, "c", 3)).isEqualTo(1.0);
        assertThat(RankingMetrics.hitRate(RANKED, "d", 3)).isEqualTo(0.0);
        assertThat(RankingMetrics.hitRate(RANKED, "zz", 20)).isEqualTo(0.0);
    }

    @Test
    void reciprocal_rank_is_one_over_the_one_based_rank() {
        assertThat(RankingMetrics.reciprocalRank(RANKED, "a", 5)).isEqualTo(1.0);
        assertThat(RankingMetrics.reciprocalRank(RANKED, "d", 5)).isEqualTo(0.25);
        assertThat(RankingMetrics.reciprocalRank(RANKED, "e", 4)).isEqualTo(0.0);
    }

    @Test
    void ndcg_of_a_single_target_is_one_over_log2_of_rank_plus_one() {
        // rank 1: 1/log2(2) = 1; rank 3: 1/log2(4) = 0.5; rank 7 beyond k: 0
        assertThat(RankingMetrics.ndcg(RANKED, "a", 10)).isEqualTo(1.0);
        assertThat(RankingMetrics.ndcg(RANKED, "c", 10)).isCloseTo(0.5, within(1e-12));
        assertThat(RankingMetrics.ndcg(RANKED, "b", 10)).isCloseTo(1 / (Math.log(3) / Math.log(2)), within(1e-12));
        assertThat(RankingMetrics.ndcg(RANKED, "e", 4)).isEqualTo(0.0);
    }

    @Test
    void ndcg_with_several_relevant_items_divides_by_the_ideal_dcg() {
        // relevant b (rank 2) and d (rank 4): DCG = 1/log2(3) + 1/log2(5) = 0.63093 + 0.43068 = 1.06161
        // ideal: ranks 1 and 2: 1 + 0.63093 = 1.63093; NDCG = 0.65093
        assertThat(RankingMetrics.ndcg(RANKED, Set.of("b", "d"), 5)).isCloseTo(0.650921, within(1e-5));
        assertThat(RankingMetrics.reciprocalRank(RANKED, Set.of("b", "d"), 5)).isEqualTo(0.5);
        assertThat(RankingMetrics.hitRate(RANKED, Set.of("x", "e"), 5)).isEqualTo(1.0);
    }

    @Test
    void a_short_list_is_scored_without_error() {
        assertThat(RankingMetrics.hitRate(List.of("a"), "a", 20)).isEqualTo(1.0);
        assertThat(RankingMetrics.ndcg(List.<String>of(), "a", 20)).isEqualTo(0.0);
    }

    @Test
    void a_non_positive_cutoff_is_rejected() {
        assertThatThrownBy(() -> RankingMetrics.hitRate(RANKED, "a", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k must be positive");
    }

    @Test
    void accumulator_averages_the_three_reported_metrics() {
        MetricAccumulator acc = new MetricAccumulator();
        acc.add(RANKED, "a");   // HR 1, MRR 1, NDCG 1
        acc.add(RANKED, "c");   // HR 1, MRR 1/3, NDCG 0.5
        acc.add(RANKED, "zz");  // 0, 0, 0
        ModelMetrics m = acc.result();
        assertThat(m.evaluatedPredictions()).isEqualTo(3);
        assertThat(m.get(ModelMetrics.HR_20)).contains(2.0 / 3);
        assertThat(m.get(ModelMetrics.MRR_20).orElseThrow()).isCloseTo((1 + 1.0 / 3) / 3, within(1e-12));
        assertThat(m.get(ModelMetrics.NDCG_10).orElseThrow()).isCloseTo(0.5, within(1e-12));
    }
}
