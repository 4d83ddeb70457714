package io.clickstream.adapter.dl4j;

import io.clickstream.domain.ModelMetrics;
import java.util.List;
import java.util.Map;

/** Which recommender a version serves: the network alone, or its blend with session-kNN that scores best on validation. */
final class ServedVariant {
    private ServedVariant() {
    }

    static String choose(Map<String, ModelMetrics> onValidation, List<Double> blendWeights) {
        String best = Evaluator.NETWORK;
        double bestScore = metric(onValidation.get(best));
        for (double w : blendWeights) {
            double score = metric(onValidation.get(Evaluator.blendName(w)));
            if (score > bestScore) {
                best = Evaluator.blendName(w);
                bestScore = score;
            }
        }
        return best;
    }

    private static double metric(ModelMetrics m) {
        return m == null ? Double.NEGATIVE_INFINITY : m.get(NetworkTraining.SELECTION_METRIC).orElse(0.0);
    }
}
