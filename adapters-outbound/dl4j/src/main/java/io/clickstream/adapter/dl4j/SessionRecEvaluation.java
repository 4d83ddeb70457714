package io.clickstream.adapter.dl4j;

import io.clickstream.domain.InteractionSequence;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.MetricAccumulator;
import io.clickstream.domain.ModelMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The session-based recommendation literature's protocol on a public train/test split: train on the training sessions
 * as the pipeline trains (early stopping on the newest of them, then a refit on all of them), then let every prefix of
 * every test session predict the next item, items unseen in training dropped, full ranking over the training
 * catalogue; every recommender scored on the same predictions.
 */
public final class SessionRecEvaluation {
    private final Dl4jTrainingSettings settings;

    public SessionRecEvaluation(Dl4jTrainingSettings settings) {
        this.settings = settings;
    }

    /**
     * Every recommender's metrics on the test file, the served choice, and the training figures.
     *
     * @param approximate the served variant on the same predictions through approximate retrieval, asked as the server
     *                    asks (request by request)
     * @param recallAt20  share of the exact served top 20 that approximate retrieval's top 20 holds, over those requests
     */
    public record Result(Map<String, ModelMetrics> test, String served, int trainingExamples, int bestEpoch,
                         double examplesPerSecond, double seconds, ModelMetrics approximate, double recallAt20,
                         String retrieval) {
    }

    /** Trains on {@code train} and scores every recommender on {@code test}; sessions as the dataset has them. */
    public Result run(List<InteractionSequence> train, List<InteractionSequence> test, RetrievalSettings retrieval) {
        long start = System.nanoTime();
        Map<String, Long> counts = new HashMap<>();
        train.forEach(session -> session.steps().forEach(step -> counts.merge(step.itemId(), 1L, Long::sum)));
        List<String> items = new ArrayList<>(counts.keySet());
        items.sort(null);
        Vocabulary vocabulary = new Vocabulary(items, items.stream().mapToLong(counts::get).toArray());
        int v = vocabulary.size();
        EncodedSequences trainSequences = encode(train, vocabulary);
        EncodedSequences testSequences = encode(test, vocabulary);
        EncodedSequences[] split = trainSequences.splitByTime(settings.validationFraction());
        int length = settings.sequenceLength();
        NetworkTraining training = new NetworkTraining(settings, JobMonitor.none());
        TrainingExamples fitExamples = new TrainingExamples(split[0], length);
        NetworkTraining.Fit fit = training.fitWithEarlyStopping(vocabulary, fitExamples, split[1], Optional.empty(), 0, 0.5);
        SessionKnn fitKnn = SessionKnn.build(split[0], v, settings.knnNeighbours(), settings.knnSampleSize());
        ServedVariant served = ServedVariant.choose(new Evaluator(length).network(fit.weights(), false)
                .sessionKnn(fitKnn, false, settings.blendWeights())
                .evaluate(split[1], v, settings.validationMaxPredictions()), settings.blendWeights());
        NetworkWeights weights = settings.refitFullWindow()
                ? training.refit(vocabulary, new TrainingExamples(trainSequences, length), fit.bestEpoch(), Optional.empty(), 0.5, 1)
                : fit.weights();
        SessionKnn knn = SessionKnn.build(trainSequences, v, settings.knnNeighbours(), settings.knnSampleSize());
        Map<String, ModelMetrics> onTest = new Evaluator(length).network(weights, false)
                .sessionKnn(knn, true, settings.blendWeights())
                .itemKnn(knn)
                .mostPopular(vocabulary.withCounts(trainSequences.itemCounts(v)).byPopularity())
                .evaluate(testSequences, v, Integer.MAX_VALUE);
        Vocabulary counted = vocabulary.withCounts(trainSequences.itemCounts(v));
        RetrievalSettings approximate = retrieval.withMode(RetrievalSettings.Mode.APPROXIMATE);
        MetricAccumulator asServed = new MetricAccumulator();
        double found = 0;
        long asked = 0;
        try (Dl4jModelScorer exact = Dl4jModelLoader.scorer("evaluate", counted, weights, served.isBlend() ? knn : null,
                served.networkWeight(), RetrievalSettings.exact());
             Dl4jModelScorer approximated = Dl4jModelLoader.scorer("evaluate", counted, weights, served.isBlend() ? knn : null,
                     served.networkWeight(), approximate)) {
            int[] steps = testSequences.items();
            for (int s = 0; s < testSequences.count(); s++) {
                for (int p = testSequences.start(s) + 1; p < testSequences.end(s); p++) {
                    List<String> prefix = new ArrayList<>(p - testSequences.start(s));
                    for (int q = testSequences.start(s); q < p; q++) {
                        prefix.add(vocabulary.item(steps[q]));
                    }
                    List<io.clickstream.domain.Recommendation> answer = approximated.recommend(prefix, K, java.util.Set.of());
                    asServed.add(answer.stream().map(io.clickstream.domain.Recommendation::itemId).toList(),
                            vocabulary.item(steps[p]));
                    found += RetrievalCheck.overlap(exact.recommend(prefix, K, java.util.Set.of()), answer);
                    asked++;
                }
            }
        }
        return new Result(onTest, served.name(), fitExamples.size(), fit.bestEpoch(), fit.examplesPerSecond(fitExamples.size()),
                (System.nanoTime() - start) / 1e9, asServed.result(), asked == 0 ? 1 : found / asked,
                approximate.describe(vocabulary.knownItems()));
    }

    private static final int K = 20;

    /** Items unknown to the vocabulary are dropped, as the protocol says; what is left keeps its order. */
    private static EncodedSequences encode(List<InteractionSequence> sessions, Vocabulary vocabulary) {
        EncodedSequences.Builder builder = new EncodedSequences.Builder();
        for (InteractionSequence session : sessions) {
            List<Integer> known = new ArrayList<>(session.steps().size());
            session.steps().forEach(step -> {
                int index = vocabulary.indexOf(step.itemId());
                if (index != Vocabulary.UNKNOWN) {
                    known.add(index);
                }
            });
            if (!known.isEmpty()) {
                builder.addItems(known, session.start().toEpochMilli());
            }
        }
        return builder.build();
    }
}
