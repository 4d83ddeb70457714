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
 * alone and its blends with session-kNN) are scored from one forward pass per prediction, and the network's output
 * layer scores many predictions per pass, as serving does.
 */
final class Evaluator {
    static final String NETWORK = "network";
    static final String NETWORK_WITH_TYPES = "network-with-event-types";
    static final String SESSION_KNN = "session-knn";
    static final String ITEM_KNN = "item-knn";
    static final String MOST_POPULAR = "most-popular";
    private static final int K = 20;
    /** Predictions per pass of the output layer. */
    private static final int BATCH = 32;

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
        return evaluate(sequences, vocabulary, maxPredictions, false);
    }

    /**
     * As {@link #evaluate(EncodedSequences, int, int)}, but only each sequence's last item is predicted, from the items
     * before it: the leave-last-out protocol of a user's history.
     */
    Map<String, ModelMetrics> evaluateLast(EncodedSequences sequences, int vocabulary) {
        return evaluate(sequences, vocabulary, Integer.MAX_VALUE, true);
    }

    private Map<String, ModelMetrics> evaluate(EncodedSequences sequences, int vocabulary, int maxPredictions, boolean lastOnly) {
        Pass pass = new Pass(vocabulary);
        int[] items = sequences.items();
        int done = 0;
        for (int s = 0; s < sequences.count() && done < maxPredictions; s++) {
            int first = lastOnly ? Math.max(sequences.start(s) + 1, sequences.end(s) - 1) : sequences.start(s) + 1;
            for (int p = first; p < sequences.end(s) && done < maxPredictions; p++) {
                if (items[p] == Vocabulary.UNKNOWN) {
                    continue;
                }
                pass.add(sequences, s, p);
                if (pass.rows == BATCH) {
                    pass.score();
                }
                done++;
            }
        }
        pass.score();
        Map<String, ModelMetrics> result = new LinkedHashMap<>();
        pass.acc.forEach((name, a) -> result.put(name, a.result()));
        return result;
    }

    /**
     * Predictions scored together: the network's output layer takes {@link #BATCH} of them per pass, with the same
     * arithmetic per row as serving. Each prediction's input is what the served scorer would get: the newest
     * {@code sequenceLength} known items of the prefix (unknown ones dropped); with none, serving answers with the
     * popular items, and so does the evaluation of the network and its blends.
     */
    private final class Pass {
        final Map<String, MetricAccumulator> acc = new LinkedHashMap<>();
        final int vocabulary;
        final int[][] window = new int[BATCH][sequenceLength];
        final int[][] windowTypes = new int[BATCH][sequenceLength];
        final int[] known = new int[BATCH];
        final int[] target = new int[BATCH];
        final int[] last = new int[BATCH];
        final int[] untyped = new int[sequenceLength];
        final float[] hidden;
        final float[] typedHidden;
        final float[][] logits;
        final float[][] typedLogits;
        final float[] blended;
        final float[] x;
        final SessionKnn.Scratch scratch;
        final SessionKnn.Scratch itemScratch;
        final boolean blend = network != null && knn != null && !blendWeights.isEmpty();
        final TopK top = new TopK(K);
        final Map<Integer, List<Integer>> itemKnnCache = new HashMap<>();
        final List<Integer> popularTop;
        final List<Integer> fallbackTop;
        int rows;

        Pass(int vocabulary) {
            this.vocabulary = vocabulary;
            int h = network == null ? 0 : network.hidden;
            hidden = new float[BATCH * h];
            typedHidden = new float[withEventTypes ? BATCH * h : 0];
            logits = new float[network == null ? 0 : BATCH][vocabulary];
            typedLogits = new float[network != null && withEventTypes ? BATCH : 0][vocabulary];
            blended = new float[blend ? vocabulary : 0];
            x = network == null ? null : network.newInputBuffer();
            scratch = knn == null ? null : knn.newScratch(sequenceLength);
            itemScratch = itemIndex == null ? null : itemIndex.newScratch(1);
            popularTop = popular == null ? null : topOf(popular);
            // Without a popularity list, a prediction serving would answer with popular items counts as a miss.
            fallbackTop = popularTop == null ? List.of() : popularTop;
        }

        void add(EncodedSequences sequences, int s, int p) {
            int[] items = sequences.items();
            int[] types = sequences.types();
            int r = rows++;
            int n = 0;
            for (int q = p - 1; q >= sequences.start(s) && n < sequenceLength; q--) {
                if (items[q] != Vocabulary.UNKNOWN) {
                    n++;
                    window[r][sequenceLength - n] = items[q];
                    windowTypes[r][sequenceLength - n] = types[q];
                }
            }
            known[r] = n;
            target[r] = items[p];
            last[r] = items[p - 1];
        }

        void score() {
            if (rows == 0) {
                return;
            }
            if (network != null) {
                int h = network.hidden;
                for (int r = 0; r < rows; r++) {
                    int n = known[r];
                    if (n == 0) {
                        java.util.Arrays.fill(hidden, r * h, (r + 1) * h, 0f);
                        if (withEventTypes) {
                            java.util.Arrays.fill(typedHidden, r * h, (r + 1) * h, 0f);
                        }
                        continue;
                    }
                    network.hidden(window[r], sequenceLength - n, untyped, 0, n, x, hidden, r * h);
                    if (withEventTypes) {
                        network.hidden(window[r], sequenceLength - n, windowTypes[r], sequenceLength - n, n, x,
                                typedHidden, r * h);
                    }
                }
                network.outputLayer().logits(hidden, rows, logits);
                if (withEventTypes) {
                    network.outputLayer().logits(typedHidden, rows, typedLogits);
                }
            }
            for (int r = 0; r < rows; r++) {
                scoreRow(r);
            }
            rows = 0;
        }

        private void scoreRow(int r) {
            int n = known[r];
            int from = sequenceLength - n;
            int t = target[r];
            boolean fallback = n == 0;
            if (network != null) {
                if (withEventTypes) {
                    addRanked(NETWORK_WITH_TYPES, fallback ? fallbackTop : topOf(top.select(typedLogits[r],
                            Vocabulary.FIRST_ITEM, vocabulary, K, null)), t);
                }
                addRanked(NETWORK, fallback ? fallbackTop : topOf(top.select(logits[r], Vocabulary.FIRST_ITEM, vocabulary,
                        K, null)), t);
            }
            if (knn != null && (knnAlone || blend)) {
                knn.score(window[r], from, n, scratch);
                if (knnAlone) {
                    addRanked(SESSION_KNN, topOf(top.select(scratch.scores, Vocabulary.FIRST_ITEM, vocabulary, K, null)), t);
                }
                if (blend) {
                    float[] l = logits[r];
                    NetworkWeights.normaliseToMax(l, Vocabulary.FIRST_ITEM, vocabulary);
                    for (double w : blendWeights) {
                        if (fallback) {
                            addRanked(blendName(w), fallbackTop, t);
                            continue;
                        }
                        float a = (float) w;
                        float b = 1 - a;
                        for (int v = Vocabulary.FIRST_ITEM; v < vocabulary; v++) {
                            blended[v] = a * l[v] + b * scratch.scores[v];
                        }
                        addRanked(blendName(w), topOf(top.select(blended, Vocabulary.FIRST_ITEM, vocabulary, K, null)), t);
                    }
                }
                scratch.clear();
            }
            if (itemIndex != null) {
                List<Integer> ranked = itemKnnCache.computeIfAbsent(last[r], item -> {
                    itemIndex.itemCosine(item, itemScratch);
                    List<Integer> result = topOf(top.select(itemScratch.scores, Vocabulary.FIRST_ITEM, vocabulary, K, null));
                    itemScratch.clear();
                    return result;
                });
                addRanked(ITEM_KNN, ranked, t);
            }
            if (popularTop != null) {
                addRanked(MOST_POPULAR, popularTop, t);
            }
        }

        private void addRanked(String name, List<Integer> ranked, int t) {
            acc.computeIfAbsent(name, k -> new MetricAccumulator()).add(ranked, t);
        }
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
