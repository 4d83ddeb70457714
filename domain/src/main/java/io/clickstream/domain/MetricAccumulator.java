package io.clickstream.domain;

import java.util.List;
import java.util.Map;

/**
 * Averages HR@20, MRR@20 and NDCG@10 over many next-item predictions, the evaluation protocol of the pipeline.
 * Not thread-safe: one per evaluation.
 */
public final class MetricAccumulator {
    private double hr20;
    private double mrr20;
    private double ndcg10;
    private long predictions;

    public <T> void add(List<T> ranked, T actualNext) {
        hr20 += RankingMetrics.hitRate(ranked, actualNext, 20);
        mrr20 += RankingMetrics.reciprocalRank(ranked, actualNext, 20);
        ndcg10 += RankingMetrics.ndcg(ranked, actualNext, 10);
        predictions++;
    }

    public ModelMetrics result() {
        if (predictions == 0) {
            return ModelMetrics.none();
        }
        return new ModelMetrics(Map.of(
                ModelMetrics.HR_20, hr20 / predictions,
                ModelMetrics.MRR_20, mrr20 / predictions,
                ModelMetrics.NDCG_10, ndcg10 / predictions), predictions);
    }
}
