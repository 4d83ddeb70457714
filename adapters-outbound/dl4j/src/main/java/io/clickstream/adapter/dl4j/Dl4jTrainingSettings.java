package io.clickstream.adapter.dl4j;

import java.util.List;

/**
 * Hyper-parameters and evaluation knobs of the Deeplearning4j session recommender. Defaults are the settings a
 * trial on a public session dataset found strongest (STACK.md).
 *
 * @param embeddingSize           item (and event type) embedding width ({@code train.embedding.size}, 100)
 * @param hiddenSize              units of the tanh layer ({@code train.hidden.size}, 100)
 * @param sequenceLength          how many recent items feed one prediction ({@code train.sequence.length}, 10)
 * @param batchSize               examples per gradient step ({@code train.batch.size}, 256)
 * @param learningRate            Adam step size ({@code train.learning.rate}, 0.005)
 * @param maxEpochs               upper bound on epochs; early stopping usually ends sooner ({@code train.epochs.max}, 10)
 * @param patience                epochs without a better validation score before stopping ({@code train.epochs.patience}, 2)
 * @param dropoutKeep             probability of keeping a unit in the dense and output layers ({@code train.dropout.keep}, 0.5)
 * @param validationFraction      newest share of the training sequences (by start time) held out for early stopping and
 *                                for choosing the blend ({@code train.validation.fraction}, 0.1)
 * @param eventTypeDropout        share of training examples whose event types are hidden, so the network also works when
 *                                a caller knows only the items, as the serving port does ({@code train.event.type.dropout}, 0.5)
 * @param refitFullWindow         after evaluation, train the served network again on the whole window, holdout included,
 *                                with the chosen number of epochs ({@code train.refit.full.window}, true)
 * @param blendWeights            network weights tried for a blend with session-kNN on the validation split; empty
 *                                never blends ({@code train.blend.weights}, 0.3,0.5,0.7)
 * @param knnNeighbours           neighbour sessions of session-kNN ({@code train.knn.neighbours}, 100)
 * @param knnSampleSize           most recent sessions per item that session-kNN looks at ({@code train.knn.sample.size}, 500)
 * @param vocabularyMinSupport    items seen fewer times in the vocabulary file count as unknown ({@code train.vocabulary.min.support}, 1)
 * @param minTrainingExamples     fewer next-item examples than this and training fails as too small ({@code train.min.examples}, 100)
 * @param validationMaxPredictions cap on predictions scored per validation pass ({@code train.validation.max.predictions}, 20000)
 * @param evaluationMaxPredictions cap on holdout predictions scored ({@code train.evaluation.max.predictions}, 200000)
 * @param seed                    seed of initialisation, shuffling and dropout ({@code train.seed}, 42)
 */
public record Dl4jTrainingSettings(int embeddingSize, int hiddenSize, int sequenceLength, int batchSize, double learningRate,
                                   int maxEpochs, int patience, double dropoutKeep, double validationFraction,
                                   double eventTypeDropout, boolean refitFullWindow, List<Double> blendWeights,
                                   int knnNeighbours, int knnSampleSize, int vocabularyMinSupport, int minTrainingExamples,
                                   int validationMaxPredictions, int evaluationMaxPredictions, long seed) {

    public Dl4jTrainingSettings {
        positive(embeddingSize, "train.embedding.size");
        positive(hiddenSize, "train.hidden.size");
        positive(sequenceLength, "train.sequence.length");
        positive(batchSize, "train.batch.size");
        positive(maxEpochs, "train.epochs.max");
        positive(patience, "train.epochs.patience");
        positive(knnNeighbours, "train.knn.neighbours");
        positive(knnSampleSize, "train.knn.sample.size");
        positive(vocabularyMinSupport, "train.vocabulary.min.support");
        positive(minTrainingExamples, "train.min.examples");
        positive(validationMaxPredictions, "train.validation.max.predictions");
        positive(evaluationMaxPredictions, "train.evaluation.max.predictions");
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("train.learning.rate must be > 0, got " + learningRate);
        }
        if (!(dropoutKeep > 0 && dropoutKeep <= 1)) {
            throw new IllegalArgumentException("train.dropout.keep must lie in (0, 1], got " + dropoutKeep);
        }
        unit(validationFraction, "train.validation.fraction", false);
        unit(eventTypeDropout, "train.event.type.dropout", true);
        blendWeights = List.copyOf(blendWeights);
        for (double w : blendWeights) {
            if (!(w > 0 && w < 1)) {
                throw new IllegalArgumentException("train.blend.weights must lie strictly between 0 and 1, got " + w);
            }
        }
    }

    public static Dl4jTrainingSettings defaults() {
        return new Dl4jTrainingSettings(100, 100, 10, 256, 5e-3, 10, 2, 0.5, 0.1, 0.5, true, List.of(0.3, 0.5, 0.7),
                100, 500, 1, 100, 20_000, 200_000, 42L);
    }

    public Dl4jTrainingSettings withMaxEpochs(int epochs) {
        return new Dl4jTrainingSettings(embeddingSize, hiddenSize, sequenceLength, batchSize, learningRate, epochs, patience,
                dropoutKeep, validationFraction, eventTypeDropout, refitFullWindow, blendWeights, knnNeighbours, knnSampleSize,
                vocabularyMinSupport, minTrainingExamples, validationMaxPredictions, evaluationMaxPredictions, seed);
    }

    public Dl4jTrainingSettings withRefitFullWindow(boolean refit) {
        return new Dl4jTrainingSettings(embeddingSize, hiddenSize, sequenceLength, batchSize, learningRate, maxEpochs, patience,
                dropoutKeep, validationFraction, eventTypeDropout, refit, blendWeights, knnNeighbours, knnSampleSize,
                vocabularyMinSupport, minTrainingExamples, validationMaxPredictions, evaluationMaxPredictions, seed);
    }

    public Dl4jTrainingSettings withSizes(int embedding, int hidden) {
        return new Dl4jTrainingSettings(embedding, hidden, sequenceLength, batchSize, learningRate, maxEpochs, patience,
                dropoutKeep, validationFraction, eventTypeDropout, refitFullWindow, blendWeights, knnNeighbours, knnSampleSize,
                vocabularyMinSupport, minTrainingExamples, validationMaxPredictions, evaluationMaxPredictions, seed);
    }

    private static void positive(long value, String key) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be > 0, got " + value);
        }
    }

    private static void unit(double value, String key, boolean zeroAllowed) {
        if (!(value < 1) || (zeroAllowed ? value < 0 : value <= 0)) {
            throw new IllegalArgumentException(key + " must lie in " + (zeroAllowed ? "[0, 1)" : "(0, 1)") + ", got " + value);
        }
    }
}
