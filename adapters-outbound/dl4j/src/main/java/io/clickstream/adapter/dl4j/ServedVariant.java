package io.clickstream.adapter.dl4j;

import io.clickstream.domain.ModelMetrics;
import java.util.List;
import java.util.Map;

/**
 * What a version serves: the network alone (weight 1), or its blend with session-kNN at a network weight below 1.
 *
 * @param name          the recommender's name in the evaluation ({@link Evaluator#NETWORK} or a blend's name)
 * @param networkWeight share of the network's score
 */
record ServedVariant(String name, double networkWeight) {
    static final ServedVariant NETWORK = new ServedVariant(Evaluator.NETWORK, 1.0);

    static ServedVariant blend(double networkWeight) {
        return new ServedVariant(Evaluator.blendName(networkWeight), networkWeight);
    }

    boolean isBlend() {
        return networkWeight < 1.0;
    }

    /** The network alone, or the blend that scores best on validation when it beats the network there. */
    static ServedVariant choose(Map<String, ModelMetrics> onValidation, List<Double> blendWeights) {
        ServedVariant best = NETWORK;
        double bestScore = metric(onValidation.get(best.name()));
        for (double w : blendWeights) {
            double score = metric(onValidation.get(Evaluator.blendName(w)));
            if (score > bestScore) {
                best = blend(w);
                bestScore = score;
            }
        }
        return best;
    }

    private static double metric(ModelMetrics m) {
        return m == null ? Double.NEGATIVE_INFINITY : m.get(NetworkTraining.SELECTION_METRIC).orElse(0.0);
    }
}
