package io.clickstream.adapter.dl4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.lake.ModelMetadata;
import io.clickstream.lake.ModelMetadataJson;
import io.clickstream.application.port.out.TrainingDataProvider.TrainingDataset;
import io.clickstream.domain.DatasetFile;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.ModelFile;
import io.clickstream.domain.ModelMetrics;
import io.clickstream.domain.ModelVersion;
import io.clickstream.domain.ZonePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a trained version into {@code analytics/models/<version>/}: the served files, the evaluated fit's files when
 * a refit replaced it, the report under {@code analytics/reports/}, and the metadata last, so that a half-written
 * version never shows in the registry.
 */
final class ModelArtifactWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ModelArtifactWriter.class);
    private static final String PROTOCOL = "full-catalog ranking: every prefix of each holdout sequence predicts the next "
            + "item; targets outside the vocabulary skipped; all recommenders built from the same training sequences "
            + "(the validation slice excluded); the network scored without event types, as served";

    private final DataLake lake;
    private final Dl4jTrainingSettings settings;
    private final RetrievalSettings retrieval;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    ModelArtifactWriter(DataLake lake, Dl4jTrainingSettings settings, RetrievalSettings retrieval) {
        this.lake = lake;
        this.settings = settings;
        this.retrieval = retrieval;
    }

    /** Everything a trained version is made of, as the trainer's parts produced it. */
    record TrainedVersion(String version, Instant createdAt, TrainingDataset dataset, TrainingSplit data,
                          NetworkTraining.Fit evaluated, HoldoutJudgement judged, ServedFit served, ObjectNode warmStart) {
    }

    ModelVersion write(TrainedVersion trained) {
        String version = trained.version();
        TrainingSplit data = trained.data();
        HoldoutJudgement judged = trained.judged();
        int v = data.vocabularySize();
        ObjectNode report = report(trained);
        boolean refit = settings.refitFullWindow();
        if (refit) {
            // The served network has seen the holdout; keep the evaluated one servable for the quality gate.
            lake.write(ModelFile.WEIGHTS.ofEvaluatedFit(version), trained.evaluated().weights().toBytes());
            lake.write(ModelFile.VOCABULARY.ofEvaluatedFit(version), data.fitVocabulary().toTsv());
            lake.write(ModelFile.SESSIONS.ofEvaluatedFit(version), judged.fitKnn().toBytes());
        }
        // Without a refit the served network is the evaluated fit: its popularity and session index are the fit's.
        EncodedSequences servedOn = trained.served().sequences();
        Vocabulary servedVocabulary = refit ? data.vocabulary().withCounts(servedOn.itemCounts(v)) : data.fitVocabulary();
        SessionKnn servedKnn = refit ? SessionKnn.build(servedOn, v, settings.knnNeighbours(), settings.knnSampleSize())
                : judged.fitKnn();
        lake.write(ModelFile.VOCABULARY.of(version), servedVocabulary.toTsv());
        lake.write(ModelFile.WEIGHTS.of(version), trained.served().weights().toBytes());
        lake.write(ModelFile.SESSIONS.of(version), servedKnn.toBytes());
        lake.write(LakeLayout.report(version), bytes(report));

        ServedVariant served = judged.served();
        String description = "Deeplearning4j attention network (STAMP, " + settings.embeddingSize()
                + "-dim tied item embeddings, last " + settings.sequenceLength() + " items" + (served.isBlend()
                ? ", blended with session-kNN at network weight " + served.networkWeight() : "") + "), "
                + data.train().count() + " training sequences, " + data.vocabulary().knownItems() + " items";
        lake.write(ModelFile.METADATA.of(version), ModelMetadataJson.write(metadata(trained, report, description)));
        return new ModelVersion(version, trained.createdAt(), judged.servedMetrics(), description);
    }

    private ObjectNode report(TrainedVersion trained) {
        HoldoutJudgement judged = trained.judged();
        String served = judged.served().name();
        ObjectNode report = json.createObjectNode();
        report.put("version", trained.version()).put("createdAt", trained.createdAt().toString())
                .put("protocol", PROTOCOL).put("served", served);
        report.set("holdout", metricsNode(judged.onHoldout()));
        report.set("validation", metricsNode(judged.onValidation()));
        judged.onUsers().ifPresent(u -> report.set("usersLeaveLastOut", metricsNode(u)));
        report.put("selectionMetric", NetworkTraining.SELECTION_METRIC);
        ObjectNode retrievalNode = report.putObject("retrieval")
                .put("served", retrieval.describe(trained.data().vocabulary().knownItems()));
        retrievalNode.set("exact", metricsNode(Map.of(served, judged.exactMetrics())).get(served));
        retrievalNode.set("asServed", metricsNode(Map.of(served, judged.servedMetrics())).get(served));
        return report;
    }

    private ModelMetadata metadata(TrainedVersion trained, ObjectNode report, String description) {
        TrainingSplit data = trained.data();
        HoldoutJudgement judged = trained.judged();
        NetworkTraining.Fit evaluated = trained.evaluated();
        ServedVariant served = judged.served();
        ModelMetadata.Serving serving = new ModelMetadata.Serving(served.isBlend(), served.networkWeight(),
                settings.sequenceLength(), settings.knnNeighbours(), settings.knnSampleSize(),
                "not known at serving (the scorer port carries item ids only): scored as unspecified");
        // The trainer's report beside the typed fields: how the version came about, for people and tools.
        ObjectNode details = json.createObjectNode();
        details.set("evaluation", report.deepCopy().without(List.of("version", "createdAt", "holdout")));
        details.set("dataset", datasetDetails(trained.dataset()));
        details.set("data", json.createObjectNode().put("trainingSequences", data.train().count())
                .put("trainingEvents", data.train().events())
                .put("fitSequences", data.fit().count()).put("validationSequences", data.validation().count())
                .put("holdoutSequences", data.holdout().count()).put("holdoutEvents", data.holdout().events())
                .put("fitExamples", data.examples().size()).put("knownItems", data.vocabulary().knownItems())
                .put("servedOnSequences", trained.served().sequences().count()));
        details.set("hyperParameters", json.valueToTree(settings));
        ObjectNode training = details.putObject("training");
        int v = data.vocabularySize();
        training.put("epochsRun", evaluated.epochsRun()).put("bestEpoch", evaluated.bestEpoch())
                .put("seconds", Rounding.micro(evaluated.seconds()))
                .put("examplesPerSecond", Rounding.micro(evaluated.examplesPerSecond(data.examples().size())))
                .put("softmax", new CandidateSampler(data.examples().targetCounts(v), settings.negatives(),
                        settings.negativeSamplingAlpha(), settings.batchSize()).isFullSoftmax() ? "full"
                        : "sampled: the batch's targets and " + settings.negatives() + " items drawn by popularity");
        ArrayNode history = training.putArray("validationHistory");
        evaluated.history().forEach(e -> history.addObject().put("epoch", e.epoch()).put("loss", Rounding.micro(e.loss()))
                .put(NetworkTraining.SELECTION_METRIC, Rounding.micro(e.selectionScore()))
                .put(ModelMetrics.HR_20, Rounding.micro(e.hitRate()))
                .put("examplesPerSecond", Math.round(e.examplesPerSecond())));
        training.set("refit", trained.served().refit());
        ObjectNode warmStart = trained.warmStart();
        details.set("warmStart", warmStart.isEmpty() ? null : warmStart);
        details.put("parentVersion", warmStart.path("from").asText(null));
        details.putObject("files").put("weights", ModelFile.WEIGHTS.fileName())
                .put("vocabulary", ModelFile.VOCABULARY.fileName()).put("sessions", ModelFile.SESSIONS.fileName())
                .put("evaluatedFit", settings.refitFullWindow() ? ModelFile.EVALUATED_FIT : "(the served files)")
                .put("report", LakeLayout.report(trained.version()).key());
        details.put("framework", "deeplearning4j 1.0.0-M2.1");
        TrainingDataset dataset = trained.dataset();
        return new ModelMetadata(trained.version(), trained.createdAt(), description, judged.servedMetrics(),
                Optional.of(serving), Optional.of(new ModelMetadata.DatasetRef(dataset.id(), data.dir().key())),
                rounded(judged.onHoldout()), Optional.of(new ModelMetadata.Judging(settings.vocabularyMinSupport(),
                settings.evaluationMaxPredictions())), details);
    }

    /** Scores as the report writes them (six decimals), so the metadata and the report agree. */
    private static Map<String, ModelMetrics> rounded(Map<String, ModelMetrics> byRecommender) {
        Map<String, ModelMetrics> rounded = new LinkedHashMap<>();
        byRecommender.forEach((name, m) -> {
            Map<String, Double> values = new LinkedHashMap<>();
            m.values().forEach((k, val) -> values.put(k, Rounding.micro(val)));
            rounded.put(name, new ModelMetrics(values, m.evaluatedPredictions()));
        });
        return rounded;
    }

    private ObjectNode metricsNode(Map<String, ModelMetrics> byRecommender) {
        ObjectNode node = json.createObjectNode();
        byRecommender.forEach((name, m) -> {
            ObjectNode r = node.putObject(name);
            m.values().forEach((k, val) -> r.put(k, Rounding.micro(val)));
            r.put("predictions", m.evaluatedPredictions());
        });
        return node;
    }

    /** The dataset's window, counts, lineage and manifest; its id and location are the typed {@link ModelMetadata.DatasetRef}. */
    private ObjectNode datasetDetails(TrainingDataset data) {
        ZonePath dir = data.location();
        ObjectNode node = json.createObjectNode();
        node.put("windowStart", data.windowStart().toString())
                .put("windowEnd", data.windowEnd().toString()).put("trainingSequences", data.trainingSequences())
                .put("holdoutSequences", data.holdoutSequences()).put("vocabularySize", data.vocabularySize());
        ArrayNode partitions = node.putArray("partitions");
        data.partitions().forEach(partitions::add);
        ZonePath manifest = DatasetFile.MANIFEST.in(dir);
        lake.read(manifest).ifPresent(b -> {
            try {
                node.set("manifest", json.readTree(b));
            } catch (IOException e) {
                LOG.warn("{} is not valid JSON, left out of the metadata: {}", manifest, e.getMessage());
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
}
