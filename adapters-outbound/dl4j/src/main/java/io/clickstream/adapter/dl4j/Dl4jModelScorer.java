package io.clickstream.adapter.dl4j;

import io.clickstream.application.port.out.ModelScorer;
import io.clickstream.domain.ItemFilter;
import io.clickstream.domain.RankedItems;
import io.clickstream.domain.Recommendation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;

/**
 * A loaded model version answering requests from plain arrays: the network's forward pass, optionally blended with
 * session-kNN over the training sessions, and a bounded top-k that skips the items a filter rejects (asked only of
 * items that would enter the top k, so k come back whenever k qualify). Concurrent requests share
 * passes of the output layer ({@link LogitBatcher}), where nearly all the arithmetic is. No native memory and no
 * allocation proportional to the catalog per request: each request borrows a scratch set from a pool. Immutable and
 * safe from many threads.
 */
final class Dl4jModelScorer implements ModelScorer {
    private final String version;
    private final Vocabulary vocabulary;
    private final NetworkWeights network;
    private final SessionKnn knn;
    private final float networkWeight;
    private final int[] popular;
    private final float[] unitEmbeddings;
    private final LogitBatcher batcher;
    private final LogitBatcher cosines;
    /** Approximate retrieval of the best logits; null when every request scores the whole catalogue. */
    private final ItemVectorIndex index;
    private final ConcurrentLinkedQueue<Scratch> pool = new ConcurrentLinkedQueue<>();

    /**
     * @param knn           session index of a blend, or null to serve the network alone
     * @param networkWeight share of the network in a blend (1 without one)
     */
    Dl4jModelScorer(String version, Vocabulary vocabulary, NetworkWeights network, SessionKnn knn, double networkWeight) {
        this(version, vocabulary, network, knn, networkWeight, null);
    }

    /**
     * @param index approximate retrieval over the network's output layer, or null to score the whole catalogue
     */
    Dl4jModelScorer(String version, Vocabulary vocabulary, NetworkWeights network, SessionKnn knn, double networkWeight,
                    ItemVectorIndex index) {
        if (network.vocabulary != vocabulary.size()) {
            throw new IllegalArgumentException("model " + version + ": weights for " + network.vocabulary
                    + " vocabulary entries but " + vocabulary.size() + " in the vocabulary");
        }
        this.version = version;
        this.vocabulary = vocabulary;
        this.network = network;
        this.knn = knn;
        this.networkWeight = (float) networkWeight;
        this.index = index;
        this.popular = vocabulary.byPopularity();
        this.unitEmbeddings = unitRows(network);
        this.batcher = LogitBatcher.perCore(network.outputLayer());
        // Cosine similarity to every item is the same product as the output layer, with unit item embeddings as weights.
        this.cosines = LogitBatcher.perCore(new OutputLayer(network.vocabulary, network.embedding,
                transpose(unitEmbeddings, network.vocabulary, network.embedding), new float[network.vocabulary]));
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public boolean knows(String itemId) {
        return itemId != null && vocabulary.indexOf(itemId) != Vocabulary.UNKNOWN;
    }

    @Override
    public List<Recommendation> recommend(List<String> recentItems, int k, Set<String> exclude) {
        return recommend(recentItems, k, ItemFilter.excluding(exclude)).items();
    }

    @Override
    public RankedItems recommend(List<String> recentItems, int k, ItemFilter filter) {
        if (k <= 0) {
            return RankedItems.unfiltered(List.of());
        }
        int length = network.sequenceLength;
        Scratch s = borrow();
        try {
            int n = 0;
            for (int i = recentItems.size() - 1; i >= 0 && n < length; i--) {
                int index = vocabulary.indexOf(recentItems.get(i));
                if (index != Vocabulary.UNKNOWN) {
                    n++;
                    s.items[length - n] = index;
                }
            }
            if (n == 0) {
                return popular(k, filter);
            }
            int from = length - n;
            network.hidden(s.items, from, s.types, 0, n, s.x, s.h);
            IntPredicate excluded = s.rejecting(filter);
            if (index != null) {
                // A filter rejects some of the best: ask for more than k, then four times more, so that k usually pass;
                // when even those leave fewer than k, only the whole catalogue can say which k qualify.
                for (int wanted = excluded == null ? k : 2 * k; wanted <= 8 * k; wanted *= 4) {
                    RankedItems found = retrieved(s, from, n, k, excluded, wanted);
                    if (found != null) {
                        return found;
                    }
                    s.forgetRejections();
                }
            }
            batcher.logits(s.h, s.scores);
            int v = vocabulary.size();
            if (knn == null) {
                TopK top = s.top(k).select(s.scores, Vocabulary.FIRST_ITEM, v, k, excluded);
                float[] logits = s.scores;
                return new RankedItems(recommendations(top, true), s.displaced(top, k, j -> logits[j]));
            }
            return blend(s, from, n, k, excluded);
        } finally {
            pool.offer(s);
        }
    }

    @Override
    public List<Recommendation> similar(String itemId, int k) {
        return similar(itemId, k, ItemFilter.NONE).items();
    }

    @Override
    public RankedItems similar(String itemId, int k, ItemFilter filter) {
        int item = itemId == null ? Vocabulary.UNKNOWN : vocabulary.indexOf(itemId);
        if (item == Vocabulary.UNKNOWN || k <= 0) {
            return RankedItems.unfiltered(List.of());
        }
        Scratch s = borrow();
        try {
            int e = network.embedding;
            int v = vocabulary.size();
            System.arraycopy(unitEmbeddings, item * e, s.query, 0, e);
            cosines.logits(s.query, s.scores);
            IntPredicate excluded = s.rejecting(filter);
            // The item itself is left out of its own answer, and not counted as filtered.
            TopK top = s.top(k).select(s.scores, Vocabulary.FIRST_ITEM, v, k,
                    excluded == null ? j -> j == item : j -> j == item || excluded.test(j));
            float[] cosine = s.scores;
            return new RankedItems(recommendations(top, false), s.displaced(top, k, j -> cosine[j]));
        } finally {
            pool.offer(s);
        }
    }

    @Override
    public List<Recommendation> popular(int k, Set<String> exclude) {
        return popular(k, ItemFilter.excluding(exclude)).items();
    }

    @Override
    public RankedItems popular(int k, ItemFilter filter) {
        List<Recommendation> result = new ArrayList<>(Math.max(0, Math.min(k, popular.length)));
        int filtered = 0;
        for (int i = 0; i < popular.length && result.size() < k; i++) {
            String item = vocabulary.item(popular[i]);
            if (!filter.rejects(item)) {
                result.add(new Recommendation(item, vocabulary.count(popular[i])));
            } else if (i < k) {
                filtered++;
            }
        }
        return new RankedItems(result, filtered);
    }

    /** Nothing native to free: the arrays go with the last reference. Empties the scratch pool. */
    @Override
    public void close() {
        pool.clear();
    }

    int vocabularySize() {
        return vocabulary.size();
    }

    LogitBatcher batcher() {
        return batcher;
    }

    /** "network" or "blend", for the record. */
    String variant() {
        return knn == null ? "network" : "blend";
    }

    /** How requests find their candidates, for the record. */
    String retrieval() {
        return index == null ? "exact" : index.settings().describe(vocabulary.size() - Vocabulary.FIRST_ITEM);
    }

    /**
     * The blend {@code a * softmax/max + (1 - a) * knn/max} without exponentiating the whole catalog: for items
     * session-kNN did not score the blend is monotonic in the logit, so the best of them by logit plus every scored
     * item hold the top k.
     */
    private RankedItems blend(Scratch s, int from, int n, int k, IntPredicate excluded) {
        int v = vocabulary.size();
        float[] logits = s.scores;
        float max = TopK.max(logits, Vocabulary.FIRST_ITEM, v);
        knn.score(s.items, from, n, s.knn);
        float[] knnScores = s.knn.scores;
        TopK byLogit = s.top(k).select(logits, Vocabulary.FIRST_ITEM, v, k,
                excluded == null ? j -> knnScores[j] > 0 : j -> knnScores[j] > 0 || excluded.test(j));
        int candidates = 0;
        if (s.candidates.length < byLogit.size()) {
            s.candidates = java.util.Arrays.copyOf(s.candidates, byLogit.size() * 2);
        }
        for (int r = 0; r < byLogit.size(); r++) {
            s.candidates[candidates++] = byLogit.index(r);
        }
        for (int i = 0; i < s.knn.touchedCount; i++) {
            int j = s.knn.touched[i];
            if (excluded == null || !excluded.test(j)) {
                if (candidates == s.candidates.length) {
                    s.candidates = java.util.Arrays.copyOf(s.candidates, candidates * 2);
                }
                s.candidates[candidates++] = j;
            }
        }
        return blendAmong(s, logits, max, candidates, k);
    }

    /**
     * The blend over the candidates only, its top k, and the session-kNN scratch cleared for the next request. The
     * filtered count blends the rejected items too: they were left out of the candidates, not out of the ranking.
     */
    private RankedItems blendAmong(Scratch s, float[] logits, float max, int count, int k) {
        float[] knnScores = s.knn.scores;
        float a = networkWeight;
        float b = 1 - a;
        for (int c = 0; c < count; c++) {
            int j = s.candidates[c];
            s.blended[j] = a * (float) Math.exp(logits[j] - max) + b * knnScores[j];
        }
        TopK top = s.top(k).selectAmong(s.blended, s.candidates, count, k);
        int filtered = s.displaced(top, k, j -> a * (float) Math.exp(logits[j] - max) + b * knnScores[j]);
        List<Recommendation> result = recommendations(top, false);
        s.knn.clear();
        return new RankedItems(result, filtered);
    }

    /**
     * Two stages: the index retrieves the items of the best logits, the session's own items and (in a blend) its
     * session-kNN neighbours join them, and only these candidates are scored exactly, blended and ranked. Whatever the
     * index misses is lost, which the trainer's report and the quality gate measure (they score through this path).
     * Returns null when the filter left fewer than k of the {@code wanted} candidates and rejected some: the caller asks
     * for more, or scores the whole catalogue.
     */
    private RankedItems retrieved(Scratch s, int from, int n, int k, IntPredicate excluded, int wanted) {
        ItemVectorIndex.Query q = s.retrieval;
        int found = index.search(s.h, Math.max(index.settings().candidates(), wanted), q);
        int round = s.nextRound();
        float[] logits = s.scores;
        int count = 0;
        for (int r = 0; r < found; r++) {
            count = s.addCandidate(q.index[r], round, count, excluded);
            logits[q.index[r]] = q.logit[r];
        }
        for (int i = from; i < from + n; i++) {
            count = addScored(s, s.items[i], round, count, excluded);
        }
        if (knn == null) {
            if (count < k && s.rejectedCount > 0) {
                return null;
            }
            TopK top = s.top(k).selectAmong(logits, s.candidates, count, k);
            return new RankedItems(recommendations(top, true), s.displaced(top, k, j -> logits[j]));
        }
        knn.score(s.items, from, n, s.knn);
        for (int i = 0; i < s.knn.touchedCount; i++) {
            count = addScored(s, s.knn.touched[i], round, count, excluded);
        }
        if (count < k && s.rejectedCount > 0) {
            s.knn.clear();
            return null;
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < count; c++) {
            max = Math.max(max, logits[s.candidates[c]]);
        }
        return blendAmong(s, logits, max, count, k);
    }

    /**
     * Adds item {@code j} as a candidate, with its exact logit, unless it was met already or is excluded; the new
     * count. An excluded item gets its logit too: the filtered count ranks it.
     */
    private int addScored(Scratch s, int j, int round, int count, IntPredicate excluded) {
        if (s.met(j, round)) {
            return count;
        }
        s.scores[j] = index.logit(s.retrieval, j);
        return s.addCandidate(j, round, count, excluded);
    }

    private List<Recommendation> recommendations(TopK top, boolean logits) {
        List<Recommendation> result = new ArrayList<>(top.size());
        float best = top.size() == 0 ? 0 : top.score(0);
        for (int r = 0; r < top.size(); r++) {
            // Network logits become softmax relative to the best answer, so scores read alike for every variant.
            double score = logits ? Math.exp(top.score(r) - best) : top.score(r);
            result.add(new Recommendation(vocabulary.item(top.index(r)), score));
        }
        return result;
    }

    private Scratch borrow() {
        Scratch s = pool.poll();
        return s != null ? s : new Scratch();
    }

    /** {@code [rows][columns]} as {@code [columns][rows]}. */
    static float[] transpose(float[] a, int rows, int columns) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                t[c * rows + r] = a[r * columns + c];
            }
        }
        return t;
    }

    private static float[] unitRows(NetworkWeights network) {
        int e = network.embedding;
        float[] all = network.itemEmbedding().clone();
        for (int row = 0; row < network.vocabulary; row++) {
            double norm = 0;
            for (int d = 0; d < e; d++) {
                norm += all[row * e + d] * all[row * e + d];
            }
            float inv = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0;
            for (int d = 0; d < e; d++) {
                all[row * e + d] *= inv;
            }
        }
        return all;
    }

    /** One request's working memory. */
    private final class Scratch {
        final int[] items = new int[network.sequenceLength];
        final int[] types = new int[network.sequenceLength]; // all "unspecified": the port carries no event types
        final float[] x = network.newInputBuffer();
        final float[] query = new float[network.embedding];
        final float[] h = network.newHiddenBuffer();
        final float[] scores = new float[network.vocabulary];
        final float[] blended = new float[network.vocabulary];
        int[] candidates = new int[256];
        final ItemVectorIndex.Query retrieval = index == null ? null : index.newQuery();
        /** Per vocabulary entry, the round of the request that last made it a candidate: a set cleared in O(1). */
        final int[] candidateRound = index == null ? null : new int[network.vocabulary];
        private int round;
        final SessionKnn.Scratch knn = Dl4jModelScorer.this.knn == null ? null
                : Dl4jModelScorer.this.knn.newScratch(network.sequenceLength);
        private TopK top = new TopK(20);
        /** The items the filter rejected in this request, so the answer can say how many it displaced. */
        private int[] rejected = new int[64];
        int rejectedCount;
        private float[] rejectedScores = new float[64];

        /** The filter as a test on vocabulary indices that remembers what it rejects; null for no filter. */
        IntPredicate rejecting(ItemFilter filter) {
            rejectedCount = 0;
            if (filter == ItemFilter.NONE) {
                return null;
            }
            return j -> {
                if (!filter.rejects(vocabulary.item(j))) {
                    return false;
                }
                if (rejectedCount == rejected.length) {
                    rejected = Arrays.copyOf(rejected, rejectedCount * 2);
                }
                rejected[rejectedCount++] = j;
                return true;
            };
        }

        void forgetRejections() {
            rejectedCount = 0;
        }

        /**
         * How many rejected items the unfiltered top k would hold: merged by score with the answer, best first. Every
         * rejected item that beats the answer's last was asked about (the top k asks only items that would enter it),
         * so none is missed.
         */
        int displaced(TopK top, int k, IntToDoubleFunction score) {
            if (rejectedCount == 0) {
                return 0;
            }
            if (rejectedScores.length < rejectedCount) {
                rejectedScores = new float[rejected.length];
            }
            for (int i = 0; i < rejectedCount; i++) {
                rejectedScores[i] = (float) score.applyAsDouble(rejected[i]);
            }
            Arrays.sort(rejectedScores, 0, rejectedCount);
            int kept = 0;
            int r = rejectedCount - 1;
            int displaced = 0;
            for (int taken = 0; taken < k && (kept < top.size() || r >= 0); taken++) {
                if (r >= 0 && (kept == top.size() || rejectedScores[r] > top.score(kept))) {
                    displaced++;
                    r--;
                } else {
                    kept++;
                }
            }
            return displaced;
        }

        /** Whether item {@code j} was already met (as a candidate or rejected) in this round. */
        boolean met(int j, int currentRound) {
            return candidateRound[j] == currentRound;
        }

        int nextRound() {
            if (++round == Integer.MAX_VALUE) {
                java.util.Arrays.fill(candidateRound, 0);
                round = 1;
            }
            return round;
        }

        /**
         * Adds item {@code j} as the {@code count}-th candidate unless it was met already or is excluded; the new count.
         * A rejected item is marked met too, so the filter is asked once per item and request.
         */
        int addCandidate(int j, int currentRound, int count, IntPredicate excluded) {
            if (candidateRound[j] == currentRound) {
                return count;
            }
            candidateRound[j] = currentRound;
            if (excluded != null && excluded.test(j)) {
                return count;
            }
            if (count == candidates.length) {
                candidates = java.util.Arrays.copyOf(candidates, count * 2);
            }
            candidates[count] = j;
            return count + 1;
        }

        TopK top(int k) {
            if (k > top.capacity()) {
                top = new TopK(Math.min(k, network.vocabulary));
            }
            return top;
        }
    }
}
