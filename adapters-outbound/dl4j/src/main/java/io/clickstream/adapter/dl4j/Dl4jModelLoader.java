package io.clickstream.adapter.dl4j;

import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.ModelFile;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.lake.ModelMetadata;
import io.clickstream.lake.ModelMetadataJson;
import io.clickstream.application.port.out.ModelLoader;
import io.clickstream.application.port.out.ModelScorer;
import io.clickstream.domain.NotFoundException;
import io.clickstream.domain.ZonePath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a version written by {@link Dl4jModelTrainerAdapter} into a {@link ModelScorer} that serves from plain arrays
 * (the exported weights, the vocabulary and, for a blend, the session index) and warms it up before handing it over,
 * so the first requests after a swap are not slow.
 */
public final class Dl4jModelLoader implements ModelLoader {
    private static final Logger LOG = LoggerFactory.getLogger(Dl4jModelLoader.class);
    private static final int WARM_UP_REQUESTS = 200;

    private final DataLake lake;
    private final RetrievalSettings retrieval;

    /** A loader whose scorers find candidates as {@code retrieval} says: the server's and the quality gate's alike. */
    public Dl4jModelLoader(DataLake lake, RetrievalSettings retrieval) {
        this.lake = lake;
        this.retrieval = java.util.Objects.requireNonNull(retrieval, "retrieval");
    }

    @Override
    public ModelScorer load(String version) {
        long start = System.nanoTime();
        Dl4jModelScorer scorer = scorer(version, "");
        warmUp(scorer);
        LOG.info("loaded model {} ({} items, {}, retrieval {}) in {} ms", version,
                scorer.vocabularySize() - Vocabulary.FIRST_ITEM, scorer.variant(), scorer.retrieval(),
                (System.nanoTime() - start) / 1_000_000);
        return scorer;
    }

    /**
     * The version's evaluated fit, served the same way: the network (and session index) as they stood when the holdout
     * was scored, before a refit on the whole window saw it; the served files when there was no refit.
     */
    Dl4jModelScorer loadEvaluatedFit(String version) {
        boolean stored = lake.exists(ModelFile.WEIGHTS.ofEvaluatedFit(version));
        return scorer(version, stored ? ModelFile.EVALUATED_FIT : "");
    }

    /** The served files of {@code version}, retrieving as {@code other} says instead of this loader's settings; not warmed up. */
    Dl4jModelScorer loadRetrieving(String version, RetrievalSettings other) {
        return new Dl4jModelLoader(lake, other).scorer(version, "");
    }

    private Dl4jModelScorer scorer(String version, String folder) {
        ModelMetadata.Serving serving = ModelMetadataJson.read(read(version, ModelFile.METADATA.fileName()),
                ModelFile.METADATA.of(version).toString()).serving().orElseThrow(() -> new IllegalArgumentException("model "
                + version + " has no 'serving' section in its metadata: not a model of the Deeplearning4j trainer"));
        Vocabulary vocabulary = Vocabulary.read(lake, LakeLayout.model(version).resolve(folder + ModelFile.VOCABULARY.fileName()), 0);
        NetworkWeights weights = NetworkWeights.fromBytes(read(version, folder + ModelFile.WEIGHTS.fileName()),
                LakeLayout.model(version).resolve(folder + ModelFile.WEIGHTS.fileName()).key());
        SessionKnn knn = serving.blend() ? SessionKnn.fromBytes(read(version, folder + ModelFile.SESSIONS.fileName()),
                serving.knnNeighbours(), serving.knnSampleSize(),
                LakeLayout.model(version).resolve(folder + ModelFile.SESSIONS.fileName()).key()) : null;
        return scorer(version, vocabulary, weights, knn, serving.servedNetworkWeight(), retrieval);
    }

    /** A scorer retrieving as {@code retrieval} says for this catalogue's size: the index is built here, with the model. */
    static Dl4jModelScorer scorer(String version, Vocabulary vocabulary, NetworkWeights weights, SessionKnn knn,
                                  double networkWeight, RetrievalSettings retrieval) {
        ItemVectorIndex index = retrieval.approximate(vocabulary.size() - Vocabulary.FIRST_ITEM)
                ? ItemVectorIndex.build(weights.outputLayer(), retrieval) : null;
        return new Dl4jModelScorer(version, vocabulary, weights, knn, networkWeight, index);
    }

    /** Runs the scoring code until the JIT has compiled it, with the popular items as sessions. */
    private static void warmUp(Dl4jModelScorer scorer) {
        java.util.List<io.clickstream.domain.Recommendation> popular = scorer.popular(WARM_UP_REQUESTS, java.util.Set.of());
        for (int i = 0; i < WARM_UP_REQUESTS && !popular.isEmpty(); i++) {
            scorer.recommend(java.util.List.of(popular.get(i % popular.size()).itemId()), 20, java.util.Set.of());
        }
    }

    private byte[] read(String version, String file) {
        ZonePath path = LakeLayout.model(version).resolve(file);
        return lake.read(path).orElseThrow(() -> new NotFoundException("model version '" + version + "' is incomplete or "
                + "missing: " + path + " does not exist in " + lake.describe()));
    }
}
