package io.clickstream.adapter.dl4j;

import io.clickstream.domain.DatasetFile;
import io.clickstream.domain.ModelFile;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.lake.ModelMetadata;
import io.clickstream.lake.ModelMetadataJson;
import io.clickstream.application.port.out.ModelEvaluator;
import io.clickstream.application.port.out.ModelScorer;
import io.clickstream.domain.InteractionSequence;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.MetricAccumulator;
import io.clickstream.domain.ModelMetrics;
import io.clickstream.domain.NotFoundException;
import io.clickstream.domain.Recommendation;
import io.clickstream.domain.ZonePath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quality gate's evaluation. Both versions are judged by their evaluated fits (the networks as they stood when
 * their own holdout was scored; a served network refit on its whole window has seen data the newest holdout holds),
 * loaded and asked as the recommendation service asks, on the candidate's holdout (the newest: the candidate is the
 * newest model) by the trainer's protocol: every prefix of each holdout sequence predicts the next item, targets
 * outside the candidate's vocabulary are skipped, full-catalog top 20. A target the published model does not know is
 * a miss: it could not have recommended it. Most-popular (the candidate's fit counts) is scored on the same
 * predictions. Requests go through the scorers from several threads, so the output layer batches as under load.
 */
public final class Dl4jModelEvaluator implements ModelEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(Dl4jModelEvaluator.class);
    private static final int K = 20;
    private static final int CHUNK = 256;

    private final DataLake lake;
    private final Dl4jModelLoader loader;

    /** @param retrieval as the server retrieves: the gate judges what is served */
    public Dl4jModelEvaluator(DataLake lake, RetrievalSettings retrieval) {
        this.lake = lake;
        this.loader = new Dl4jModelLoader(lake, retrieval);
    }

    @Override
    public Optional<HoldoutComparison> compare(String candidate, Optional<String> published, JobMonitor monitor) {
        ModelMetadata meta = metadata(candidate);
        String location = meta.dataset().map(ModelMetadata.DatasetRef::location).orElse("");
        if (location.isEmpty()) {
            LOG.info("model {} has no dataset lineage: the gate has no holdout to judge it on", candidate);
            return Optional.empty();
        }
        ZonePath dataset = ZonePath.parseKey(location.replaceAll("/+$", ""));
        ModelMetadata.Judging judging = meta.judging().orElse(new ModelMetadata.Judging(1, Integer.MAX_VALUE));
        List<Prediction> predictions = predictions(dataset, judging.vocabularyMinSupport(), judging.evaluationMaxPredictions());
        long start = System.nanoTime();
        ModelMetrics candidateScores;
        ModelMetrics popularScores;
        try (Dl4jModelScorer scorer = loader.loadEvaluatedFit(candidate)) {
            candidateScores = score(scorer, predictions, monitor);
            List<String> popular = scorer.popular(K, Set.of()).stream().map(Recommendation::itemId).toList();
            MetricAccumulator acc = new MetricAccumulator();
            predictions.forEach(p -> acc.add(popular, p.target));
            popularScores = acc.result();
        }
        ModelMetrics recorded = rankingMetrics(meta.metrics());
        if (!recorded.equals(candidateScores)) {
            // The same network on the same predictions scores the same unless the files changed since training.
            LOG.warn("model {} scores {} on {} now, {} when it was trained", candidate, candidateScores, dataset, recorded);
        }
        Optional<ModelMetrics> publishedScores = published.map(version -> {
            try (Dl4jModelScorer scorer = loader.loadEvaluatedFit(version)) {
                return score(scorer, predictions, monitor);
            }
        });
        LOG.info("quality gate on the holdout of {} ({} predictions, {} ms): candidate {} {}, most-popular {}{}", dataset,
                predictions.size(), (System.nanoTime() - start) / 1_000_000, candidate, candidateScores.values(),
                popularScores.values(), published.map(v -> ", published " + v + " " + publishedScores.orElseThrow().values())
                        .orElse(""));
        return Optional.of(new HoldoutComparison(dataset.name(), candidateScores, popularScores, publishedScores));
    }

    /**
     * The predictions of the holdout of {@code dataset}: each prefix and the item that followed it, where that item
     * is in the dataset's vocabulary at {@code minSupport}; at most {@code maxPredictions}, in file order.
     */
    List<Prediction> predictions(ZonePath dataset, int minSupport, int maxPredictions) {
        Vocabulary judged = Vocabulary.read(lake, DatasetFile.VOCABULARY.in(dataset), minSupport);
        List<Prediction> predictions = new ArrayList<>();
        new DatasetFiles(lake, dataset).forEach(DatasetFile.HOLDOUT.fileName(), sequence -> {
            List<String> items = sequence.steps().stream().map(InteractionSequence.Step::itemId).toList();
            for (int p = 1; p < items.size() && predictions.size() < maxPredictions; p++) {
                if (judged.indexOf(items.get(p)) != Vocabulary.UNKNOWN) {
                    predictions.add(new Prediction(items.subList(0, p), items.get(p)));
                }
            }
        });
        return predictions;
    }

    /** The scorer's HR@20, MRR@20 and NDCG@10 over the predictions, summed in their order (as the trainer sums). */
    ModelMetrics score(Dl4jModelScorer scorer, List<Prediction> predictions, JobMonitor monitor) {
        int threads = 4 * Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "gate-evaluation");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<List<String>>>> chunks = new ArrayList<>();
            for (int from = 0; from < predictions.size(); from += CHUNK) {
                chunks.add(pool.submit(ranked(scorer, predictions.subList(from, Math.min(predictions.size(), from + CHUNK)))));
            }
            MetricAccumulator acc = new MetricAccumulator();
            int next = 0;
            for (Future<List<List<String>>> f : chunks) {
                monitor.checkNotStopped();
                for (List<String> ranked : f.get()) {
                    acc.add(ranked, predictions.get(next++).target);
                }
            }
            return acc.result();
        } catch (ExecutionException e) {
            throw new IllegalStateException("scoring model " + scorer.version() + " failed: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scoring model " + scorer.version(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The top 20 of each prediction of the chunk, in order. */
    private static java.util.concurrent.Callable<List<List<String>>> ranked(ModelScorer scorer, List<Prediction> chunk) {
        return () -> {
            List<List<String>> ranked = new ArrayList<>(chunk.size());
            for (Prediction p : chunk) {
                // As the recommendation service asks: only items the model knows, popular items when none is known.
                List<String> known = p.prefix.stream().filter(scorer::knows).toList();
                List<Recommendation> top = known.isEmpty() ? scorer.popular(K, Set.of()) : scorer.recommend(known, K, Set.of());
                ranked.add(top.stream().map(Recommendation::itemId).toList());
            }
            return ranked;
        };
    }

    private ModelMetadata metadata(String version) {
        ZonePath path = ModelFile.METADATA.of(version);
        byte[] bytes = lake.read(path).orElseThrow(() -> new NotFoundException("model version '" + version
                + "' does not exist: " + path + " is missing in " + lake.describe()));
        return ModelMetadataJson.read(bytes, path.toString());
    }

    /** The ranking metrics the gate recomputes, out of whatever else the metadata's metrics hold. */
    private static ModelMetrics rankingMetrics(ModelMetrics recorded) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String name : List.of(ModelMetrics.HR_20, ModelMetrics.MRR_20, ModelMetrics.NDCG_10)) {
            recorded.get(name).ifPresent(v -> values.put(name, v));
        }
        return new ModelMetrics(values, recorded.evaluatedPredictions());
    }

    record Prediction(List<String> prefix, String target) {
    }
}
