package io.clickstream.adapter.dl4j;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.domain.ModelFile;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.ModelTrainer;
import io.clickstream.application.port.out.TrainingDataProvider.TrainingDataset;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.ModelVersion;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
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
    static final String SELECTION_METRIC = NetworkTraining.SELECTION_METRIC;
    private static final Logger LOG = LoggerFactory.getLogger(Dl4jModelTrainerAdapter.class);
    private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final DataLake lake;
    private final Dl4jTrainingSettings settings;
    private final RetrievalSettings retrieval;
    private final Clock clock;
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
        TrainingSplit split = TrainingSplit.read(lake, data.location(), settings);
        monitor.checkNotStopped();
        monitor.set("examples", split.examples().size());
        monitor.progress(0.05);
        LOG.info("training {} on {}: {} items, {} fit / {} validation / {} holdout sequences, {} examples", version,
                split.dir(), split.vocabulary().knownItems(), split.fit().count(), split.validation().count(),
                split.holdout().count(), split.examples().size());

        ObjectNode warmStart = JsonNodeFactory.instance.objectNode();
        Optional<NetworkTraining.Parent> parent = warmStartFrom.flatMap(p -> loadParent(p, warmStart));
        NetworkTraining trainer = new NetworkTraining(settings, monitor);

        // 1. The evaluated fit: early stopping on the validation slice.
        NetworkTraining.Fit evaluated = trainer.fitWithEarlyStopping(split.vocabulary(), split.examples(),
                split.validation(), parent, 0.05, 0.6);
        parent.ifPresent(p -> evaluated.warmStartProblem().ifPresentOrElse(
                problem -> warmStart.put("status", "not used: " + problem),
                () -> warmStart.put("itemsCarriedOver", evaluated.itemsCarriedOver())
                        .put("newItems", split.vocabulary().knownItems() - evaluated.itemsCarriedOver())));
        monitor.progress(0.6);

        // 2. Served variant chosen on validation; every recommender judged on the holdout, all from the same data.
        HoldoutJudgement judged = HoldoutJudgement.of(version, split, evaluated.weights(), settings, retrieval, lake, monitor);
        monitor.progress(0.7);

        // 3. What is served: refit on the whole window with the chosen epochs, or the evaluated fit itself.
        ServedFit served = ServedFit.of(split, evaluated, trainer, parent, settings);
        monitor.checkNotStopped();

        // 4. Files, metadata last.
        ModelVersion written = new ModelArtifactWriter(lake, settings, retrieval).write(new ModelArtifactWriter.TrainedVersion(
                version, createdAt, data, split, evaluated, judged, served, warmStart));
        monitor.progress(1.0);
        return written;
    }

    private Optional<NetworkTraining.Parent> loadParent(String version, ObjectNode warmStart) {
        warmStart.put("from", version);
        try {
            byte[] weights = lake.read(ModelFile.WEIGHTS.of(version)).orElseThrow(() ->
                    new IllegalArgumentException(ModelFile.WEIGHTS.of(version) + " does not exist"));
            return Optional.of(new NetworkTraining.Parent(version, NetworkWeights.fromBytes(weights,
                    ModelFile.WEIGHTS.of(version).key()), Vocabulary.read(lake, ModelFile.VOCABULARY.of(version), 0)));
        } catch (RuntimeException e) {
            // A published model that cannot be read must not block training: start cold and say so in the metadata.
            LOG.warn("cold start: the published model {} cannot be loaded for a warm start: {}", version, e.toString());
            warmStart.put("status", "not used: " + e.getMessage());
            return Optional.empty();
        }
    }
}
