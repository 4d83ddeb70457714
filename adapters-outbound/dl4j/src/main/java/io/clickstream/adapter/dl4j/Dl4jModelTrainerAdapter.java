package io.clickstream.adapter.dl4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.ModelTrainer;
import io.clickstream.application.port.out.TrainingDataProvider.TrainingDataset;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.ModelMetrics;
import io.clickstream.domain.ModelVersion;
import io.clickstream.domain.ZonePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the session recommender on a prepared dataset in the lake, judges it on the holdout against most-popular,
 * item-kNN and session-kNN, decides on the validation split whether to serve the network alone or blended with
 * session-kNN, optionally refits on the whole window, and stores the version under {@code analytics/models/<version>/}
 * (metadata last) with its report under {@code analytics/reports/}.
 */
public final class Dl4jModelTrainerAdapter implements ModelTrainer {
    private static final String USERS = "users.tsv";
    static final String SELECTION_METRIC = NetworkTraining.SELECTION_METRIC;
    private static final Logger LOG = LoggerFactory.getLogger(Dl4jModelTrainerAdapter.class);
    private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final DataLake lake;
    private final Dl4jTrainingSettings settings;
    private final RetrievalSettings retrieval;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final SecureRandom ids = new SecureRandom();

    public Dl4jModelTrainerAdapter(DataLake lake, Dl4jTrainingSettings settings) {
        this(lake, settings, RetrievalSettings.defaults(), Clock.systemUTC());
    }

    public Dl4jModelTrainerAdapter(DataLake lake, Dl4jTrainingSettings settings, Clock clock) {
        this(lake, settings, RetrievalSettings.defaults(), clock);
    }

    /** @param retrieval how the model will be served: its holdout figures are also measured that way */
    public Dl4jModelTrainerAdapter(DataLake lake, Dl4jTrainingSettings settings, RetrievalSettings retrieval, Clock clock) {
        this.lake = lake;
        this.settings = settings;
        this.retrieval = java.util.Objects.requireNonNull(retrieval, "retrieval");
        this.clock = clock;
    }

    @Override
    public ModelVersion train(TrainingDataset data, Optional<String> warmStartFrom, JobMonitor monitor) {
        Instant createdAt = clock.instant();
        String version = "m-" + VERSION_TIME.format(createdAt) + "-" + HexFormat.of().toHexDigits(ids.nextInt()).substring(2);
        ZonePath dir = data.location();
        int length = settings.sequenceLength();

        Vocabulary vocabulary = Vocabulary.read(lake, dir.resolve("vocabulary.tsv"), settings.vocabularyMinSupport());
        if (vocabulary.knownItems() == 0) {
            throw new IllegalArgumentException("dataset " + dir + " is too small to train: its vocabulary has no item with at least "
                    + settings.vocabularyMinSupport() + " interactions");
        }
        int v = vocabulary.size();
        DatasetFiles files = new DatasetFiles(lake, dir);
        EncodedSequences train = files.read("train.tsv", vocabulary);
        monitor.checkNotStopped();
        EncodedSequences holdout = files.read("holdout.tsv", vocabulary);
        EncodedSequences[] split = train.splitByTime(settings.validationFraction());
        EncodedSequences fit = split[0];
        EncodedSequences validation = split[1];
        TrainingExamples examples = new TrainingExamples(fit, length);
        requireEnough(dir, train, fit, examples, validation, holdout);
        monitor.set("examples", examples.size());
        monitor.progress(0.05);
        LOG.info("training {} on {}: {} items, {} fit / {} validation / {} holdout sequences, {} examples", version, dir,
                vocabulary.knownItems(), fit.count(), validation.count(), holdout.count(), examples.size());

        ObjectNode warmStart = json.createObjectNode();
        Optional<NetworkTraining.Parent> parent = warmStartFrom.flatMap(p -> loadParent(p, warmStart));
        NetworkTraining trainer = new NetworkTraining(settings, monitor);

        // 1. The evaluated fit: early stopping on the validation slice.
        NetworkTraining.Fit evaluated = trainer.fitWithEarlyStopping(vocabulary, examples, validation, parent, 0.05, 0.6);
        parent.ifPresent(p -> evaluated.warmStartProblem().ifPresentOrElse(
                problem -> warmStart.put("status", "not used: " + problem),
                () -> warmStart.put("itemsCarriedOver", evaluated.itemsCarriedOver())
                        .put("newItems", vocabulary.knownItems() - evaluated.itemsCarriedOver())));
        monitor.progress(0.6);

        // 2. Served variant chosen on validation; every recommender judged on the holdout, all from the same data.
        SessionKnn fitKnn = SessionKnn.build(fit, v, settings.knnNeighbours(), settings.knnSampleSize());
        Map<String, ModelMetrics> onValidation = new Evaluator(length).network(evaluated.weights(), false)
                .sessionKnn(fitKnn, true, settings.blendWeights())
                .evaluate(validation, v, settings.validationMaxPredictions());
        ServedVariant served = ServedVariant.choose(onValidation, settings.blendWeights());
        monitor.checkNotStopped();
        Map<String, ModelMetrics> onHoldout = new Evaluator(length).network(evaluated.weights(), true)
                .sessionKnn(fitKnn, true, settings.blendWeights())
                .itemKnn(fitKnn)
                .mostPopular(vocabulary.withCounts(fit.itemCounts(v)).byPopularity())
                .evaluate(holdout, v, settings.evaluationMaxPredictions());
        ModelMetrics exactMetrics = onHoldout.get(served.name());
        ModelMetrics servedMetrics = exactMetrics;
        if (retrieval.approximate(vocabulary.knownItems())) {
            // Scored as the quality gate scores it: the evaluated fit, loaded with the served retrieval, asked request by request.
            Vocabulary fitVocabulary = vocabulary.withCounts(fit.itemCounts(v));
            Dl4jModelEvaluator gate = new Dl4jModelEvaluator(lake, retrieval);
            try (Dl4jModelScorer scorer = Dl4jModelLoader.scorer(version, fitVocabulary, evaluated.weights(),
                    served.isBlend() ? fitKnn : null, served.networkWeight(), retrieval)) {
                servedMetrics = gate.score(scorer, gate.predictions(dir, settings.vocabularyMinSupport(),
                        settings.evaluationMaxPredictions()), monitor);
            }
            LOG.info("model {} on the holdout: {} with exact retrieval, {} as served ({})", version, exactMetrics.values(),
                    servedMetrics.values(), retrieval.describe(vocabulary.knownItems()));
        }
        Optional<Map<String, ModelMetrics>> onUsers = usersLeaveLastOut(files, vocabulary, holdout).map(users ->
                new Evaluator(length).network(evaluated.weights(), false)
                        .sessionKnn(fitKnn, true, settings.blendWeights())
                        .mostPopular(vocabulary.withCounts(fit.itemCounts(v)).byPopularity())
                        .evaluateLast(users, v));
        LOG.info("model {} serves {}; holdout: {}", version, served.name(), onHoldout);
        monitor.progress(0.7);

        // 3. What is served: refit on the whole window with the chosen epochs, or the evaluated fit itself.
        ObjectNode refit = json.createObjectNode().put("enabled", settings.refitFullWindow());
        NetworkWeights servedWeights = evaluated.weights();
        EncodedSequences servedData = fit;
        if (settings.refitFullWindow()) {
            servedData = EncodedSequences.concat(fit, validation, holdout);
            TrainingExamples all = new TrainingExamples(servedData, length);
            long start = System.nanoTime();
            servedWeights = trainer.refit(vocabulary, all, evaluated.bestEpoch(), parent, 0.7, 0.95);
            double seconds = (System.nanoTime() - start) / 1e9;
            refit.put("epochs", evaluated.bestEpoch()).put("examples", all.size()).put("seconds", round(seconds))
                    .put("examplesPerSecond", round(all.size() * (double) evaluated.bestEpoch() / seconds));
        }
        Vocabulary servedVocabulary = vocabulary.withCounts(servedData.itemCounts(v));
        SessionKnn servedKnn = SessionKnn.build(servedData, v, settings.knnNeighbours(), settings.knnSampleSize());
        monitor.checkNotStopped();

        // 4. Files, metadata last so that a half-written version never shows in the registry.
        ObjectNode report = json.createObjectNode();
        report.put("version", version).put("createdAt", createdAt.toString())
                .put("protocol", "full-catalog ranking: every prefix of each holdout sequence predicts the next item; "
                        + "targets outside the vocabulary skipped; all recommenders built from the same training sequences "
                        + "(the validation slice excluded); the network scored without event types, as served")
                .put("served", served.name());
        report.set("holdout", metricsNode(onHoldout));
        report.set("validation", metricsNode(onValidation));
        onUsers.ifPresent(u -> report.set("usersLeaveLastOut", metricsNode(u)));
        report.put("selectionMetric", SELECTION_METRIC);
        ObjectNode retrievalNode = report.putObject("retrieval").put("served", retrieval.describe(vocabulary.knownItems()));
        retrievalNode.set("exact", metricsNode(Map.of(served.name(), exactMetrics)).get(served.name()));
        retrievalNode.set("asServed", metricsNode(Map.of(served.name(), servedMetrics)).get(served.name()));

        if (settings.refitFullWindow()) {
            // The served network has seen the holdout; keep the evaluated one servable for the quality gate.
            lake.write(ModelFiles.of(version, ModelFiles.EVALUATED_FIT + ModelFiles.WEIGHTS), evaluated.weights().toBytes());
            lake.write(ModelFiles.of(version, ModelFiles.EVALUATED_FIT + ModelFiles.VOCABULARY),
                    vocabulary.withCounts(fit.itemCounts(v)).toTsv());
            lake.write(ModelFiles.of(version, ModelFiles.EVALUATED_FIT + ModelFiles.SESSIONS), fitKnn.toBytes());
        }
        lake.write(ModelFiles.of(version, ModelFiles.VOCABULARY), servedVocabulary.toTsv());
        lake.write(ModelFiles.of(version, ModelFiles.WEIGHTS), servedWeights.toBytes());
        lake.write(ModelFiles.of(version, ModelFiles.SESSIONS), servedKnn.toBytes());
        lake.write(LakeLayout.report(version), bytes(report));

        String description = "Deeplearning4j attention network (STAMP, " + settings.embeddingSize()
                + "-dim tied item embeddings, last " + length + " items" + (served.isBlend() ? ", blended with session-kNN at network weight "
                + served.networkWeight() : "") + "), " + train.count() + " training sequences, "
                + vocabulary.knownItems() + " items";
        ObjectNode meta = json.createObjectNode();
        meta.put("version", version).put("createdAt", createdAt.toString()).put("description", description);
        ObjectNode metrics = meta.putObject("metrics");
        servedMetrics.values().forEach(metrics::put);
        meta.put("evaluatedPredictions", servedMetrics.evaluatedPredictions());
        ObjectNode serving = meta.putObject("serving");
        serving.put("variant", served.isBlend() ? "blend" : "network")
                .put("networkWeight", served.networkWeight())
                .put("sequenceLength", length).put("knnNeighbours", settings.knnNeighbours())
                .put("knnSampleSize", settings.knnSampleSize())
                .put("eventTypes", "not known at serving (the scorer port carries item ids only): scored as unspecified");
        meta.set("evaluation", report.deepCopy().without(List.of("version", "createdAt")));
        meta.set("dataset", datasetNode(data, dir));
        meta.set("data", json.createObjectNode().put("trainingSequences", train.count()).put("trainingEvents", train.events())
                .put("fitSequences", fit.count()).put("validationSequences", validation.count())
                .put("holdoutSequences", holdout.count()).put("holdoutEvents", holdout.events())
                .put("fitExamples", examples.size()).put("knownItems", vocabulary.knownItems())
                .put("servedOnSequences", servedData.count()));
        meta.set("hyperParameters", json.valueToTree(settings));
        ObjectNode training = meta.putObject("training");
        training.put("epochsRun", evaluated.epochsRun()).put("bestEpoch", evaluated.bestEpoch())
                .put("seconds", round(evaluated.seconds()))
                .put("examplesPerSecond", round(evaluated.examplesPerSecond(examples.size())))
                .put("softmax", new CandidateSampler(examples.targetCounts(v), settings.negatives(),
                        settings.negativeSamplingAlpha(), settings.batchSize()).isFullSoftmax() ? "full"
                        : "sampled: the batch's targets and " + settings.negatives() + " items drawn by popularity");
        ArrayNode history = training.putArray("validationHistory");
        evaluated.history().forEach(e -> history.addObject().put("epoch", e.epoch()).put("loss", round(e.loss()))
                .put(SELECTION_METRIC, round(e.selectionScore())).put(ModelMetrics.HR_20, round(e.hitRate()))
                .put("examplesPerSecond", Math.round(e.examplesPerSecond())));
        training.set("refit", refit);
        meta.set("warmStart", warmStart.isEmpty() ? null : warmStart);
        meta.put("parentVersion", warmStart.path("from").asText(null));
        meta.putObject("files").put("weights", ModelFiles.WEIGHTS)
                .put("vocabulary", ModelFiles.VOCABULARY).put("sessions", ModelFiles.SESSIONS)
                .put("evaluatedFit", settings.refitFullWindow() ? ModelFiles.EVALUATED_FIT : "(the served files)")
                .put("report", LakeLayout.report(version).key());
        meta.put("framework", "deeplearning4j 1.0.0-M2.1");
        lake.write(ModelFiles.of(version, ModelFiles.METADATA), bytes(meta));
        monitor.progress(1.0);
        return new ModelVersion(version, createdAt, servedMetrics, description);
    }

    private void requireEnough(ZonePath dir, EncodedSequences train, EncodedSequences fit, TrainingExamples examples,
                               EncodedSequences validation, EncodedSequences holdout) {
        String problem = null;
        if (examples.size() < settings.minTrainingExamples()) {
            problem = "only " + examples.size() + " next-item examples with a known target in " + fit.count()
                    + " training sequences (" + train.count() + " before the validation slice), at least "
                    + settings.minTrainingExamples() + " needed";
        } else if (validation.predictions() == 0) {
            problem = "the validation slice (newest " + settings.validationFraction() + " of " + train.count()
                    + " training sequences) has no next-item prediction with a known item";
        } else if (holdout.predictions() == 0) {
            problem = "holdout.tsv has no next-item prediction with a known item (" + holdout.count() + " sequences)";
        }
        if (problem != null) {
            throw new IllegalArgumentException("dataset " + dir + " is too small to train and evaluate: " + problem);
        }
    }

    /**
     * Known users' histories whose last event falls in the holdout window, for the leave-last-out protocol of the
     * recommendations for a user: the last known item is predicted from the ones before it, by recommenders that never
     * saw the holdout. Empty when the dataset has no users file or no such user.
     */
    private Optional<EncodedSequences> usersLeaveLastOut(DatasetFiles files, Vocabulary vocabulary, EncodedSequences holdout) {
        if (holdout.count() == 0 || !files.exists(USERS)) {
            return Optional.empty();
        }
        long holdoutStart = java.util.stream.IntStream.range(0, holdout.count()).mapToLong(holdout::startMillis).min().orElseThrow();
        EncodedSequences.Builder users = new EncodedSequences.Builder();
        files.forEach(USERS, user -> {
            var steps = user.steps();
            if (steps.size() >= 2 && !steps.get(steps.size() - 1).time().isBefore(Instant.ofEpochMilli(holdoutStart))
                    && vocabulary.indexOf(steps.get(steps.size() - 1).itemId()) != Vocabulary.UNKNOWN) {
                users.add(user, vocabulary);
            }
        });
        EncodedSequences result = users.build();
        return result.count() == 0 ? Optional.empty() : Optional.of(result);
    }

    private Optional<NetworkTraining.Parent> loadParent(String version, ObjectNode warmStart) {
        warmStart.put("from", version);
        try {
            byte[] weights = lake.read(ModelFiles.of(version, ModelFiles.WEIGHTS)).orElseThrow(() ->
                    new IllegalArgumentException(ModelFiles.of(version, ModelFiles.WEIGHTS) + " does not exist"));
            return Optional.of(new NetworkTraining.Parent(version, NetworkWeights.fromBytes(weights,
                    ModelFiles.of(version, ModelFiles.WEIGHTS).key()), Vocabulary.read(lake, ModelFiles.of(version,
                    ModelFiles.VOCABULARY), 0)));
        } catch (RuntimeException e) {
            // A published model that cannot be read must not block training: start cold and say so in the metadata.
            LOG.warn("cold start: the published model {} cannot be loaded for a warm start: {}", version, e.toString());
            warmStart.put("status", "not used: " + e.getMessage());
            return Optional.empty();
        }
    }

    private ObjectNode metricsNode(Map<String, ModelMetrics> byRecommender) {
        ObjectNode node = json.createObjectNode();
        byRecommender.forEach((name, m) -> {
            ObjectNode r = node.putObject(name);
            m.values().forEach((k, val) -> r.put(k, round(val)));
            r.put("predictions", m.evaluatedPredictions());
        });
        return node;
    }

    private ObjectNode datasetNode(TrainingDataset data, ZonePath dir) {
        ObjectNode node = json.createObjectNode();
        node.put("location", dir.key()).put("windowStart", data.windowStart().toString())
                .put("windowEnd", data.windowEnd().toString()).put("trainingSequences", data.trainingSequences())
                .put("holdoutSequences", data.holdoutSequences()).put("vocabularySize", data.vocabularySize());
        ArrayNode partitions = node.putArray("partitions");
        data.partitions().forEach(partitions::add);
        lake.read(dir.resolve("dataset.json")).ifPresent(b -> {
            try {
                node.set("manifest", json.readTree(b));
            } catch (IOException e) {
                LOG.warn("{} is not valid JSON, left out of the metadata: {}", dir.resolve("dataset.json"), e.getMessage());
            }
        });
        return node;
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double round(double x) {
        return Math.round(x * 1e6) / 1e6;
    }
}
