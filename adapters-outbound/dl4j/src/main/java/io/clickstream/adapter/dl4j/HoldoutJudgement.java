package io.clickstream.adapter.dl4j;

import io.clickstream.application.port.out.DataLake;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.ModelMetrics;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the evaluated fit is judged: the served variant chosen on the validation slice, then every recommender scored on
 * the holdout from the same training sequences, the served variant also as it will be served (approximate retrieval),
 * and known users' last items when the dataset has users.
 *
 * @param fitKnn        session-kNN over the fit, the blend's partner and a baseline
 * @param exactMetrics  the served variant on the holdout with exact retrieval
 * @param servedMetrics the served variant on the holdout as served: what the quality gate compares
 */
record HoldoutJudgement(Map<String, ModelMetrics> onValidation, ServedVariant served, Map<String, ModelMetrics> onHoldout,
                        ModelMetrics exactMetrics, ModelMetrics servedMetrics,
                        Optional<Map<String, ModelMetrics>> onUsers, SessionKnn fitKnn) {
    private static final Logger LOG = LoggerFactory.getLogger(HoldoutJudgement.class);

    static HoldoutJudgement of(String version, TrainingSplit data, NetworkWeights evaluated, Dl4jTrainingSettings settings,
                               RetrievalSettings retrieval, DataLake lake, JobMonitor monitor) {
        int length = settings.sequenceLength();
        int v = data.vocabularySize();
        SessionKnn fitKnn = SessionKnn.build(data.fit(), v, settings.knnNeighbours(), settings.knnSampleSize());
        Map<String, ModelMetrics> onValidation = new Evaluator(length).network(evaluated, false)
                .sessionKnn(fitKnn, true, settings.blendWeights())
                .evaluate(data.validation(), v, settings.validationMaxPredictions());
        ServedVariant served = ServedVariant.choose(onValidation, settings.blendWeights());
        monitor.checkNotStopped();
        int[] popular = data.fitVocabulary().byPopularity();
        Map<String, ModelMetrics> onHoldout = new Evaluator(length).network(evaluated, true)
                .sessionKnn(fitKnn, true, settings.blendWeights())
                .itemKnn(fitKnn)
                .mostPopular(popular)
                .evaluate(data.holdout(), v, settings.evaluationMaxPredictions());
        ModelMetrics exactMetrics = onHoldout.get(served.name());
        ModelMetrics servedMetrics = exactMetrics;
        if (retrieval.approximate(data.vocabulary().knownItems())) {
            // Scored as the quality gate scores it: the evaluated fit, loaded with the served retrieval, asked request by request.
            Dl4jModelEvaluator gate = new Dl4jModelEvaluator(lake, retrieval);
            try (Dl4jModelScorer scorer = Dl4jModelLoader.scorer(version, data.fitVocabulary(), evaluated,
                    served.isBlend() ? fitKnn : null, served.networkWeight(), retrieval)) {
                servedMetrics = gate.score(scorer, gate.predictions(data.dir(), settings.vocabularyMinSupport(),
                        settings.evaluationMaxPredictions()), monitor);
            }
            LOG.info("model {} on the holdout: {} with exact retrieval, {} as served ({})", version, exactMetrics.values(),
                    servedMetrics.values(), retrieval.describe(data.vocabulary().knownItems()));
        }
        Optional<Map<String, ModelMetrics>> onUsers = data.usersLeaveLastOut().map(users ->
                new Evaluator(length).network(evaluated, false)
                        .sessionKnn(fitKnn, true, settings.blendWeights())
                        .mostPopular(popular)
                        .evaluateLast(users, v));
        LOG.info("model {} serves {}; holdout: {}", version, served.name(), onHoldout);
        return new HoldoutJudgement(onValidation, served, onHoldout, exactMetrics, servedMetrics, onUsers, fitKnn);
    }
}
