package io.clickstream.adapter.dl4j;

import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.ModelMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link SequenceNetwork}: epochs over the shuffled next-item examples, each followed by the served
 * network's score on a validation slice; stops after {@code patience} epochs without a better score and keeps the best
 * epoch's weights ({@link #fitWithEarlyStopping}), or runs a fixed number of epochs ({@link #refit}).
 */
final class NetworkTraining {
    static final String SELECTION_METRIC = ModelMetrics.MRR_20;
    private static final Logger LOG = LoggerFactory.getLogger(NetworkTraining.class);
    private static final int PROGRESS_EVERY_BATCHES = 20;

    private final Dl4jTrainingSettings settings;
    private final JobMonitor monitor;

    NetworkTraining(Dl4jTrainingSettings settings, JobMonitor monitor) {
        this.settings = settings;
        this.monitor = monitor;
    }

    /** A published network to start from. */
    record Parent(String version, NetworkWeights weights, Vocabulary vocabulary) {
    }

    /** One epoch's record. */
    record Epoch(int epoch, double loss, double selectionScore, double hitRate, double seconds, double examplesPerSecond) {
    }

    /** What early stopping kept. */
    record Fit(NetworkWeights weights, int bestEpoch, int epochsRun, double seconds, List<Epoch> history,
               int itemsCarriedOver, Optional<String> warmStartProblem) {
        double examplesPerSecond(int examples) {
            return examples * (double) epochsRun / seconds;
        }
    }

    Fit fitWithEarlyStopping(Vocabulary vocabulary, TrainingExamples examples, EncodedSequences validation,
                             Optional<Parent> parent, double progressFrom, double progressTo) {
        int v = vocabulary.size();
        Start start = start(vocabulary, parent);
        SequenceNetwork network = start.network;
        CandidateSampler sampler = sampler(examples, v);
        Random random = new Random(settings.seed());
        List<Epoch> history = new ArrayList<>();
        NetworkWeights best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        int epoch = 0;
        double trainingSeconds = 0;
        while (epoch < settings.maxEpochs() && (bestEpoch == 0 || epoch - bestEpoch < settings.patience())) {
            epoch++;
            monitor.set("epoch", epoch);
            long epochStart = System.nanoTime();
            double loss = runEpoch(network, examples, sampler, random,
                    progressFrom + (progressTo - progressFrom) * (epoch - 1) / settings.maxEpochs(),
                    progressFrom + (progressTo - progressFrom) * epoch / settings.maxEpochs());
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            trainingSeconds += seconds;
            NetworkWeights weights = network.export();
            ModelMetrics m = new Evaluator(settings.sequenceLength()).network(weights, false)
                    .evaluate(validation, v, settings.validationMaxPredictions()).get(Evaluator.NETWORK);
            double score = m == null ? 0 : m.get(SELECTION_METRIC).orElse(0.0);
            history.add(new Epoch(epoch, loss, score, m == null ? 0 : m.get(ModelMetrics.HR_20).orElse(0.0), seconds,
                    examples.size() / seconds));
            monitor.measure("validation." + SELECTION_METRIC, score);
            LOG.info("epoch {}: loss {}, validation {} {}, {} examples/s", epoch, loss, SELECTION_METRIC, score,
                    Math.round(examples.size() / seconds));
            if (score > bestScore) {
                bestScore = score;
                bestEpoch = epoch;
                best = weights;
            }
        }
        return new Fit(best, bestEpoch, epoch, trainingSeconds, history, start.carried, start.problem);
    }

    /** Trains {@code epochs} epochs on {@code examples} from {@code parent} (or cold) and returns the weights. */
    NetworkWeights refit(Vocabulary vocabulary, TrainingExamples examples, int epochs, Optional<Parent> parent,
                         double progressFrom, double progressTo) {
        SequenceNetwork network = start(vocabulary, parent).network;
        CandidateSampler sampler = sampler(examples, vocabulary.size());
        Random random = new Random(settings.seed() + 1);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            monitor.set("epoch", epoch);
            runEpoch(network, examples, sampler, random, progressFrom + (progressTo - progressFrom) * (epoch - 1) / epochs,
                    progressFrom + (progressTo - progressFrom) * epoch / epochs);
        }
        return network.export();
    }

    private record Start(SequenceNetwork network, int carried, Optional<String> problem) {
    }

    private Start start(Vocabulary vocabulary, Optional<Parent> parent) {
        SequenceNetwork network = SequenceNetwork.build(vocabulary.size(), settings);
        if (parent.isEmpty()) {
            return new Start(network, 0, Optional.empty());
        }
        try {
            return new Start(network, network.warmStart(vocabulary, parent.get().weights(), parent.get().vocabulary()),
                    Optional.empty());
        } catch (IllegalArgumentException e) {
            LOG.warn("cold start instead of warm start from {}: {}", parent.get().version(), e.getMessage());
            return new Start(network, 0, Optional.of(e.getMessage()));
        }
    }

    private CandidateSampler sampler(TrainingExamples examples, int vocabulary) {
        return new CandidateSampler(examples.targetCounts(vocabulary), settings.negatives(), settings.negativeSamplingAlpha(),
                settings.batchSize());
    }

    /** One pass over the shuffled examples; returns the mean loss. Stops at the next batch when asked. */
    private double runEpoch(SequenceNetwork network, TrainingExamples examples, CandidateSampler sampler, Random random,
                            double progressFrom, double progressTo) {
        examples.shuffle(random);
        int n = examples.size();
        int batch = settings.batchSize();
        double lossSum = 0;
        int batches = 0;
        for (int from = 0; from < n; from += batch) {
            monitor.checkNotStopped();
            lossSum += network.fit(examples.batch(from, batch, random, settings.eventTypeDropout(), sampler));
            batches++;
            if (batches % PROGRESS_EVERY_BATCHES == 0) {
                monitor.progress(progressFrom + (progressTo - progressFrom) * from / n);
                monitor.measure("loss", lossSum / batches);
            }
        }
        double loss = lossSum / Math.max(1, batches);
        monitor.measure("loss", loss);
        monitor.count("examples.trained", n);
        return loss;
    }
}
