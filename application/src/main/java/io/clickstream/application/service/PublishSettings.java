package io.clickstream.application.service;

import io.clickstream.domain.ModelMetrics;

/**
 * The quality gate: on the newest holdout, a candidate is published when its main metric beats most-popular's and is
 * at least the published model's minus the tolerance.
 */
public record PublishSettings(String mainMetric, double tolerance) {
    public PublishSettings {
        if (!mainMetric.equals(ModelMetrics.HR_20) && !mainMetric.equals(ModelMetrics.MRR_20)
                && !mainMetric.equals(ModelMetrics.NDCG_10)) {
            throw new IllegalArgumentException("publish.main.metric must be one of HR@20, MRR@20, NDCG@10, got " + mainMetric);
        }
        if (tolerance < 0 || tolerance > 1) {
            throw new IllegalArgumentException("publish.tolerance must be within 0..1, got " + tolerance);
        }
    }
}
