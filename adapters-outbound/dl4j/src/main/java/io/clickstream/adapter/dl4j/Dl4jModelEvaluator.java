package io.clickstream.adapter.dl4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.ModelEvaluator;
import io.clickstream.application.port.out.ModelScorer;
import io.clickstream.domain.InteractionSequence;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.MetricAccumulator;
import io.clickstream.domain.ModelMetrics;
import io.clickstream.domain.NotFoundException;
import io.clickstream.domain.Recommendation;
import io.clickstream.domain.ZonePath;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * The quality gate's evaluation: the published version, loaded as it is served, scored on the candidate's holdout by
 * the trainer's protocol (every prefix of each holdout sequence predicts the next item; targets the candidate does
 * not know are skipped, on the same predictions the candidate was scored on; full-catalog top 20). A target the
 * published model does not know is a miss: it could not have recommended it. Requests go through the scorer from
 * several threads, so its output layer scores them in batches as under load.
 */
public final class Dl4jModelEvaluator implements ModelEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(Dl4jModelEvaluator.class);
    private static final int K = 20;
    private static final int CHUNK = 256;

    private final DataLake lake;
    private final Dl4jModelLoader loader;
    private final ObjectMapper json = new ObjectMapper();

    public Dl4jModelEvaluator(DataLake lake) {
        this.lake = lake;
        this.loader = new Dl4jModelLoader(lake);
    }

    @Override
    public Optional<HoldoutComparison> compare(String candidate, Optional<String> published, JobMonitor monitor) {
        JsonNode meta = metadata(candidate);
        String location = meta.path("dataset").path("location").asText("");
        JsonNode holdout = meta.path("evaluation").path("holdout");
        JsonNode popular = holdout.path(Evaluator.MOST_POPULAR);
        if (location.isEmpty() || !popular.isObject() || !meta.path("metrics").isObject()) {
            LOG.info("model {} has no holdout evaluation with dataset lineage: the gate cannot judge it", candidate);
            return Optional.empty();
        }
        ZonePath dataset = ZonePath.parseKey(location.replaceAll("/+$", ""));
        ModelMetrics candidateScores = metrics(meta.path("metrics"), meta.path("evaluatedPredictions").asLong(0));
        ModelMetrics popularScores = metrics(popular, popular.path("predictions").asLong(0));
        JsonNode hyper = meta.path("hyperParameters");
        int minSupport = hyper.path("vocabularyMinSupport").asInt(1);
        int maxPredictions = hyper.path("evaluationMaxPredictions").asInt(Integer.MAX_VALUE);
        Optional<ModelMetrics> publishedScores = published.map(version -> {
            long start = System.nanoTime();
            ModelMetrics m = scoreAsServed(version, dataset, minSupport, maxPredictions, monitor);
            if (m.evaluatedPredictions() != candidateScores.evaluatedPredictions()) {
                // Both count the same holdout predictions unless the dataset changed after training.
                LOG.warn("published model {} was scored on {} predictions of {}, candidate {} on {}", version,
                        m.evaluatedPredictions(), dataset, candidate, candidateScores.evaluatedPredictions());
            }
            LOG.info("published model {} on the holdout of {} (candidate {}): {} in {} ms", version, dataset, candidate, m,
                    (System.nanoTime() - start) / 1_000_000);
            return m;
        });
        return Optional.of(new HoldoutComparison(dataset.name(), candidateScores, popularScores, publishedScores));
    }

    /**
     * Scores {@code version}, loaded and queried as served, on the holdout of {@code dataset}: the predictions whose
     * target is known to the dataset's vocabulary at {@code minSupport}, at most {@code maxPredictions}, in file order.
     */
    ModelMetrics scoreAsServed(String version, ZonePath dataset, int minSupport, int maxPredictions, JobMonitor monitor) {
        Vocabulary judged = Vocabulary.read(lake, dataset.resolve("vocabulary.tsv"), minSupport);
        int threads = 4 * Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "gate-evaluation");
            t.setDaemon(true);
            return t;
        });
        try (ModelScorer scorer = loader.load(version)) {
            List<Future<List<List<String>>>> chunks = new ArrayList<>();
            List<String> targets = new ArrayList<>();
            List<Prediction> chunk = new ArrayList<>(CHUNK);
            int[] predictions = {0};
            new DatasetFiles(lake, dataset).forEach("holdout.tsv", sequence -> {
                List<String> items = sequence.steps().stream().map(InteractionSequence.Step::itemId).toList();
                for (int p = 1; p < items.size() && predictions[0] < maxPredictions; p++) {
                    if (judged.indexOf(items.get(p)) == Vocabulary.UNKNOWN) {
                        continue;
                    }
                    chunk.add(new Prediction(items.subList(0, p), items.get(p)));
                    targets.add(items.get(p));
                    predictions[0]++;
                    if (chunk.size() == CHUNK) {
                        monitor.checkNotStopped();
                        chunks.add(pool.submit(score(scorer, List.copyOf(chunk))));
                        chunk.clear();
                    }
                }
            });
            if (!chunk.isEmpty()) {
                chunks.add(pool.submit(score(scorer, List.copyOf(chunk))));
            }
            // Summed in prediction order, as the trainer's evaluation sums: the same predictions give the same bits.
            MetricAccumulator acc = new MetricAccumulator();
            int next = 0;
            for (Future<List<List<String>>> f : chunks) {
                for (List<String> ranked : f.get()) {
                    acc.add(ranked, targets.get(next++));
                }
            }
            return acc.result();
        } catch (ExecutionException e) {
            throw new IllegalStateException("scoring model " + version + " on the holdout of " + dataset + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scoring model " + version, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The top 20 of each prediction of the chunk, in order. */
    private static java.util.concurrent.Callable<List<List<String>>> score(ModelScorer scorer, List<Prediction> chunk) {
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

    private JsonNode metadata(String version) {
        ZonePath path = ModelFiles.of(version, ModelFiles.METADATA);
        byte[] bytes = lake.read(path).orElseThrow(() -> new NotFoundException("model version '" + version
                + "' does not exist: " + path + " is missing in " + lake.describe()));
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(path + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static ModelMetrics metrics(JsonNode node, long predictions) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String name : List.of(ModelMetrics.HR_20, ModelMetrics.MRR_20, ModelMetrics.NDCG_10)) {
            JsonNode v = node.path(name);
            if (v.isNumber()) {
                values.put(name, v.asDouble());
            }
        }
        return new ModelMetrics(values, predictions);
    }

    private record Prediction(List<String> prefix, String target) {
    }
}
