package io.clickstream.adapter.dl4j;

import java.util.List;

/**
 * Hyper-parameters and evaluation knobs of the Deeplearning4j session recommender. Defaults are the settings the
 * development split (README: the sequence network) found strongest.
 *
 * @param embeddingSize           item (and event type) embedding width, also of the session vector ({@code train.embedding.size}, 64)
 * @param hiddenSize              units of the attention layer ({@code train.hidden.size}, 64)
 * @param sequenceLength          how many recent items feed one prediction ({@code train.sequence.length}, 10)
 * @param batchSize               examples per gradient step ({@code train.batch.size}, 512)
 * @param learningRate            Adam step size ({@code train.learning.rate}, 0.005)
 * @param maxEpochs               upper bound on epochs; early stopping usually ends sooner ({@code train.epochs.max}, 20)
 * @param patience                epochs without a better validation score before stopping ({@code train.epochs.patience}, 2)
 * @param dropoutKeep             probability of keeping each value of the embeddings fed to the encoder ({@code train.dropout.keep}, 0.5)
 * @param validationFraction      newest share of the training sequences (by start time) held out for early stopping and
 *                                for choosing the blend (record only, 0.1)
 * @param eventTypeDropout        share of training examples whose event types are hidden, so the network also works when
 *                                a caller knows only the items, as the serving port does (record only, 0.5)
 * @param refitFullWindow         after evaluation, train the served network again on the whole window, holdout included,
 *                                with the chosen number of epochs ({@code train.refit.full.window}, true)
 * @param blendWeights            network weights tried for a blend with session-kNN on the validation split; empty
 *                                never blends ({@code train.blend.weights}, 0.3,0.5,0.7)
 * @param knnNeighbours           neighbour sessions of session-kNN (record only, 100)
 * @param knnSampleSize           most recent sessions per item that session-kNN looks at (record only, 500)
 * @param vocabularyMinSupport    items seen fewer times in the vocabulary file count as unknown ({@code train.vocabulary.min.support}, 1)
 * @param minTrainingExamples     fewer next-item examples than this and training fails as too small (record only, 100)
 * @param validationMaxPredictions cap on predictions scored per validation pass (record only, 20000)
 * @param evaluationMaxPredictions cap on holdout predictions scored (record only, 200000)
 * @param seed                    seed of initialisation, shuffling and dropout ({@code train.seed}, 42)
 * @param negatives               items drawn by popularity per mini-batch for the sampled softmax, beside the batch's own
 *                                targets; a catalogue not much larger is trained with the full softmax ({@code train.negatives}, 2048)
 * @param negativeSamplingAlpha   negatives are drawn with probability proportional to count^alpha
 *                                (record only, 0.75)
 */
public record Dl4jTrainingSettings(int embeddingSize,
                                   int hiddenSize,
                                   int sequenceLength,
                                   int batchSize,
                                   double learningRate,
                                   int maxEpochs,
                                   int patience,
                                   double dropoutKeep,
                                   double validationFraction,
                                   double eventTypeDropout,
                                   boolean refitFullWindow,
                                   List<Double> blendWeights,
                                   int knnNeighbours,
                                   int knnSampleSize,
                                   int vocabularyMinSupport,
                                   int minTrainingExamples,
                                   int validationMaxPredictions,
                                   int evaluationMaxPredictions,
                                   long seed,
                                   int negatives,
                                   double negativeSamplingAlpha) {

    public Dl4jTrainingSettings {
        positive(embeddingSize, "train.embedding.size");
        positive(hiddenSize, "train.hidden.size");
        positive(sequenceLength, "train.sequence.length");
        positive(batchSize, "train.batch.size");
        positive(maxEpochs, "train.epochs.max");
        positive(patience, "train.epochs.patience");
        positive(knnNeighbours, "knnNeighbours");
        positive(knnSampleSize, "knnSampleSize");
        positive(vocabularyMinSupport, "train.vocabulary.min.support");
        positive(minTrainingExamples, "minTrainingExamples");
        positive(validationMaxPredictions, "validationMaxPredictions");
        positive(evaluationMaxPredictions, "evaluationMaxPredictions");
        positive(negatives, "train.negatives");
        if (!(negativeSamplingAlpha >= 0 && negativeSamplingAlpha <= 1)) {
            throw new IllegalArgumentException("negativeSamplingAlpha must lie in [0, 1], got " + negativeSamplingAlpha);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("train.learning.rate must be > 0, got " + learningRate);
        }
        if (!(dropoutKeep > 0 && dropoutKeep <= 1)) {
            throw new IllegalArgumentException("train.dropout.keep must lie in (0, 1], got " + dropoutKeep);
        }
        unit(validationFraction, "validationFraction", false);
        unit(eventTypeDropout, "eventTypeDropout", true);
        blendWeights = List.copyOf(blendWeights);
        for (double w : blendWeights) {
            if (!(w > 0 && w < 1)) {
                throw new IllegalArgumentException("train.blend.weights must lie strictly between 0 and 1, got " + w);
            }
        }
    }

    public static Dl4jTrainingSettings defaults() {
        return builder().build();
    }

    /** Settings starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** These settings, to change some. */
    public Builder toBuilder() {
        return Builder.from(this);
    }

    public Dl4jTrainingSettings withMaxEpochs(int epochs) {
        return toBuilder().maxEpochs(epochs).build();
    }

    public Dl4jTrainingSettings withRefitFullWindow(boolean refit) {
        return toBuilder().refitFullWindow(refit).build();
    }

    public Dl4jTrainingSettings withSizes(int embedding, int hidden) {
        return toBuilder().embeddingSize(embedding).hiddenSize(hidden).build();
    }

    /** Named settings instead of positional arguments; unset ones keep their defaults. */
    public static final class Builder {
        private int embeddingSize = 64;
        private int hiddenSize = 64;
        private int sequenceLength = 10;
        private int batchSize = 512;
        private double learningRate = 5e-3;
        private int maxEpochs = 20;
        private int patience = 2;
        private double dropoutKeep = 0.5;
        private double validationFraction = 0.1;
        private double eventTypeDropout = 0.5;
        private boolean refitFullWindow = true;
        private List<Double> blendWeights = List.of(0.3, 0.5, 0.7);
        private int knnNeighbours = 100;
        private int knnSampleSize = 500;
        private int vocabularyMinSupport = 1;
        private int minTrainingExamples = 100;
        private int validationMaxPredictions = 20_000;
        private int evaluationMaxPredictions = 200_000;
        private long seed = 42L;
        private int negatives = 2048;
        private double negativeSamplingAlpha = 0.75;

        private Builder() {
        }

        private static Builder from(Dl4jTrainingSettings s) {
            Builder b = new Builder();
            b.embeddingSize = s.embeddingSize;
            b.hiddenSize = s.hiddenSize;
            b.sequenceLength = s.sequenceLength;
            b.batchSize = s.batchSize;
            b.learningRate = s.learningRate;
            b.maxEpochs = s.maxEpochs;
            b.patience = s.patience;
            b.dropoutKeep = s.dropoutKeep;
            b.validationFraction = s.validationFraction;
            b.eventTypeDropout = s.eventTypeDropout;
            b.refitFullWindow = s.refitFullWindow;
            b.blendWeights = s.blendWeights;
            b.knnNeighbours = s.knnNeighbours;
            b.knnSampleSize = s.knnSampleSize;
            b.vocabularyMinSupport = s.vocabularyMinSupport;
            b.minTrainingExamples = s.minTrainingExamples;
            b.validationMaxPredictions = s.validationMaxPredictions;
            b.evaluationMaxPredictions = s.evaluationMaxPredictions;
            b.seed = s.seed;
            b.negatives = s.negatives;
            b.negativeSamplingAlpha = s.negativeSamplingAlpha;
            return b;
        }

        public Builder embeddingSize(int value) {
            this.embeddingSize = value;
            return this;
        }

        public Builder hiddenSize(int value) {
            this.hiddenSize = value;
            return this;
        }

        public Builder sequenceLength(int value) {
            this.sequenceLength = value;
            return this;
        }

        public Builder batchSize(int value) {
            this.batchSize = value;
            return this;
        }

        public Builder learningRate(double value) {
            this.learningRate = value;
            return this;
        }

        public Builder maxEpochs(int value) {
            this.maxEpochs = value;
            return this;
        }

        public Builder patience(int value) {
            this.patience = value;
            return this;
        }

        public Builder dropoutKeep(double value) {
            this.dropoutKeep = value;
            return this;
        }

        public Builder validationFraction(double value) {
            this.validationFraction = value;
            return this;
        }

        public Builder eventTypeDropout(double value) {
            this.eventTypeDropout = value;
            return this;
        }

        public Builder refitFullWindow(boolean value) {
            this.refitFullWindow = value;
            return this;
        }

        public Builder blendWeights(List<Double> value) {
            this.blendWeights = value;
            return this;
        }

        public Builder knnNeighbours(int value) {
            this.knnNeighbours = value;
            return this;
        }

        public Builder knnSampleSize(int value) {
            this.knnSampleSize = value;
            return this;
        }

        public Builder vocabularyMinSupport(int value) {
            this.vocabularyMinSupport = value;
            return this;
        }

        public Builder minTrainingExamples(int value) {
            this.minTrainingExamples = value;
            return this;
        }

        public Builder validationMaxPredictions(int value) {
            this.validationMaxPredictions = value;
            return this;
        }

        public Builder evaluationMaxPredictions(int value) {
            this.evaluationMaxPredictions = value;
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public Builder negatives(int value) {
            this.negatives = value;
            return this;
        }

        public Builder negativeSamplingAlpha(double value) {
            this.negativeSamplingAlpha = value;
            return this;
        }

        public Dl4jTrainingSettings build() {
            return new Dl4jTrainingSettings(embeddingSize, hiddenSize, sequenceLength, batchSize, learningRate, maxEpochs, patience, dropoutKeep, validationFraction, eventTypeDropout, refitFullWindow, blendWeights, knnNeighbours, knnSampleSize, vocabularyMinSupport, minTrainingExamples, validationMaxPredictions, evaluationMaxPredictions, seed, negatives, negativeSamplingAlpha);
        }
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
