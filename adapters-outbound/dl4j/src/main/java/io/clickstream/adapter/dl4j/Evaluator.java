package io.clickstream.adapter.dl4j;

import io.clickstream.domain.MetricAccumulator;
import io.clickstream.domain.ModelMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Full-catalog next-item evaluation: every prefix of every sequence predicts the item that follows it (unknown
 * targets are skipped: no model can recommend them), each recommender ranks the whole vocabulary, and the domain's
 * {@link MetricAccumulator} turns the top 20 into HR@20, MRR@20 and NDCG@10. Variants that share work (the network
 * alone and its blends with session-kNN) are scored from one forward pass per prediction.
 */
final class Evaluator {
    static final String NETWORK = "network";
    static final String NETWORK_WITH_TYPES = "network-with-event-types";
    static final String SESSION_KNN = "session-knn";
    static final String ITEM_KNN = "item-knn";
    static final String MOST_POPULAR = "most-popular";
    private static final int K = 20;

    private final int sequenceLength;
    private NetworkWeights network;
    private boolean withEventTypes;
    private SessionKnn knn;
    private boolean knnAlone;
    private List<Double> blendWeights = List.of();
    private SessionKnn itemIndex;
    private int[] popular;

    Evaluator(int sequenceLength) {
        this.sequenceLength = sequenceLength;
    }

    static String blendName(double networkWeight) {
        return "blend-" + networkWeight;
    }

    Evaluator network(NetworkWeights weights, boolean alsoWithEventTypes) {
        this.network = weights;
        this.withEventTypes = alsoWithEventTypes;
        return this;
    }

    /** Session-kNN, alone if {@code alone}, and blended with the network at each of these network weights. */
    Evaluator sessionKnn(SessionKnn index, boolean alone, List<Double> networkWeights) {
        this.knn = index;
        this.knnAlone = alone;
        this.blendWeights = List.copyOf(networkWeights);
        return this;
    }

    /** Item-kNN over a session index. */
    Evaluator itemKnn(SessionKnn index) {
        this.itemIndex = index;
        return this;
    }

    Evaluator mostPopular(int[] itemsByPopularity) {
        this.popular = itemsByPopularity.clone();
        return this;
    }

    /** Metrics per recommender, over at most {@code maxPredictions} predictions (sequences taken in order). */
    Map<String, ModelMetrics> evaluate(EncodedSequences sequences, int vocabulary, int maxPredictions) {
        Map<String, MetricAccumulator> acc = new LinkedHashMap<>();
        int[] items = sequences.items();
        int[] types = sequences.types();
        int[] untyped = new int[sequenceLength];
        float[] logits = new float[vocabulary];
        float[] blended = new float[vocabulary];
        float[] x = network == null ? null : network.newInputBuffer();
        float[] h = network == null ? null : network.newHiddenBuffer();
        SessionKnn.Scratch scratch = knn == null ? null : knn.newScratch(sequenceLength);
        SessionKnn.Scratch itemScratch = itemIndex == null ? null : itemIndex.newScratch(1);
        boolean blend = network != null && knn != null && !blendWeights.isEmpty();
        TopK top = new TopK(K);
        Map<Integer, List<Integer>> itemKnnCache = new HashMap<>();
        List<Integer> popularTop = popular == null ? null : topOf(popular);
        int done = 0;
        for (int s = 0; s < sequences.count() && done < maxPredictions; s++) {
            for (int p = sequences.start(s) + 1; p < sequences.end(s) && done < maxPredictions; p++) {
                int target = items[p];
                if (target == Vocabulary.UNKNOWN) {
                    continue;
                }
                int from = Math.max(sequences.start(s), p - sequenceLength);
                int n = p - from;
                if (network != null) {
                    if (withEventTypes) {
                        network.logits(items, from, types, from, n, x, h, logits);
                        add(acc, NETWORK_WITH_TYPES, top.select(logits, Vocabulary.FIRST_ITEM, vocabulary, K, null), target);
                    }
                    network.logits(items, from, untyped, 0, n, x, h, logits);
                    add(acc, NETWORK, top.select(logits, Vocabulary.FIRST_ITEM, vocabulary, K, null), target);
                }
                if (knn != null && (knnAlone || blend)) {
                    knn.score(items, from, n, scratch);
                    if (knnAlone) {
                        add(acc, SESSION_KNN, top.select(scratch.scores, Vocabulary.FIRST_ITEM, vocabulary, K, null), target);
                    }
                    if (blend) {
                        NetworkWeights.normaliseToMax(logits, Vocabulary.FIRST_ITEM, vocabulary);
                        for (double w : blendWeights) {
                            float a = (float) w;
                            float b = 1 - a;
                            for (int v = Vocabulary.FIRST_ITEM; v < vocabulary; v++) {
                                blended[v] = a * logits[v] + b * scratch.scores[v];
                            }
                            add(acc, blendName(w), top.select(blended, Vocabulary.FIRST_ITEM, vocabulary, K, null), target);
                        }
                    }
                    scratch.clear();
                }
                if (itemIndex != null) {
                    int last = items[p - 1];
                    List<Integer> ranked = itemKnnCache.computeIfAbsent(last, item -> {
                        itemIndex.itemCosine(item, itemScratch);
                        List<Integer> r = topOf(top.select(itemScratch.scores, Vocabulary.FIRST_ITEM, vocabulary, K, null));
                        itemScratch.clear();
                        return r;
                    });
                    acc.computeIfAbsent(ITEM_KNN, k -> new MetricAccumulator()).add(ranked, target);
                }
                if (popularTop != null) {
                    acc.computeIfAbsent(MOST_POPULAR, k -> new MetricAccumulator()).add(popularTop, target);
                }
                done++;
            }
        }
        Map<String, ModelMetrics> result = new LinkedHashMap<>();
        acc.forEach((name, a) -> result.put(name, a.result()));
        return result;
    }

    private static void add(Map<String, MetricAccumulator> acc, String name, TopK top, int target) {
        acc.computeIfAbsent(name, k -> new MetricAccumulator()).add(topOf(top), target);
    }

    private static List<Integer> topOf(TopK top) {
        List<Integer> ranked = new ArrayList<>(top.size());
        for (int r = 0; r < top.size(); r++) {
            ranked.add(top.index(r));
        }
        return ranked;
    }

    private static List<Integer> topOf(int[] byPopularity) {
        List<Integer> ranked = new ArrayList<>(K);
        for (int r = 0; r < Math.min(K, byPopularity.length); r++) {
            ranked.add(byPopularity[r]);
        }
        return ranked;
    }
}
