package io.clickstream.adapter.dl4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Approximate maximum-inner-product search over the output layer: the items whose logit (session vector . item vector
 * + bias) is highest, from a Lucene HNSW graph. Inner products become neighbours on a sphere (Bachrach et al., RecSys
 * 2014): item j is stored as {@code x_j = [w_j, b_j, sqrt(M^2 - |w_j|^2 - b_j^2)]}, every one of norm M, a session as
 * {@code q = [h, 1, 0]}, so {@code q . x_j} is exactly the logit and the best logits are the nearest stored vectors;
 * the graph links items by the cosine of their stored vectors.
 *
 * <p>Lucene builds the graph (level assignment and its diversity rule for choosing neighbours are the part worth a
 * library); it is then copied into plain arrays and searched here, because Lucene's on-heap graph has one reading
 * cursor (one search at a time) and its searcher allocates and clears a visited set of the catalogue's size per search,
 * which cost more than the search itself (README: serving). A search's state is per thread ({@link Query}, visited
 * set cleared in O(1)). Immutable and safe from many threads.
 */
final class ItemVectorIndex {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
    private static final int LANES = SPECIES.length();
    /** The graph's level assignment is random: a fixed seed gives the same graph, and the same answers, every load. */
    private static final long SEED = 42;

    private final int items;
    private final int hidden;
    /** Width of a stored item vector: its hidden units, rounded up to whole vector registers. */
    private final int width;
    private final float[] rows;   // [ord][width]; ord = vocabulary index - FIRST_ITEM
    private final float[] bias;   // [ord]: the stored vector's coordinate the session's constant 1 multiplies
    private final float[] lift;   // [ord]: the coordinate that brings every stored vector to norm M (the session's is 0)
    private final float normSquared;
    private final int[][][] neighbours; // [level][node] -> neighbour ords, null where the node is not on the level
    private final int[][] levelNodes;   // [level] -> nodes on it
    private final int entry;
    /** The most neighbours any node has on the bottom level. */
    private final int maxDegree;
    private final RetrievalSettings settings;

    private ItemVectorIndex(int items, int hidden, int width, float[] rows, float[] bias, float[] lift, float normSquared,
                            RetrievalSettings settings) {
        this.items = items;
        this.hidden = hidden;
        this.width = width;
        this.rows = rows;
        this.bias = bias;
        this.lift = lift;
        this.normSquared = normSquared;
        this.settings = settings;
        OnHeapHnswGraph graph;
        try {
            graph = HnswGraphBuilder.create(new BuildScorers(), settings.maxConnections(), settings.beamWidth(), SEED)
                    .build(items);
        } catch (IOException e) {
            throw new UncheckedIOException("building the item index failed", e); // on-heap: no I/O happens
        }
        int levels = graph.numLevels();
        this.neighbours = new int[levels][][];
        this.levelNodes = new int[levels][];
        for (int level = 0; level < levels; level++) {
            neighbours[level] = new int[items][];
            HnswGraph.NodesIterator nodes = graph.getNodesOnLevel(level);
            int[] onLevel = new int[nodes.size()];
            int n = 0;
            while (nodes.hasNext()) {
                int node = nodes.nextInt();
                onLevel[n++] = node;
                graph.seek(level, node);
                int[] list = new int[2 * settings.maxConnections()];
                int count = 0;
                for (int next = graph.nextNeighbor(); next != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
                     next = graph.nextNeighbor()) {
                    if (count == list.length) {
                        list = java.util.Arrays.copyOf(list, 2 * count);
                    }
                    list[count++] = next;
                }
                neighbours[level][node] = java.util.Arrays.copyOf(list, count);
            }
            levelNodes[level] = java.util.Arrays.copyOf(onLevel, n);
        }
        this.entry = graph.entryNode();
        int max = 0;
        for (int[] list : neighbours[0]) {
            max = Math.max(max, list.length);
        }
        this.maxDegree = max;
    }

    /** The index of {@code layer}'s items (vocabulary entries from {@link Vocabulary#FIRST_ITEM} on). */
    static ItemVectorIndex build(OutputLayer layer, RetrievalSettings settings) {
        int v = layer.vocabulary;
        int h = layer.hidden;
        int items = v - Vocabulary.FIRST_ITEM;
        if (items < 1) {
            throw new IllegalArgumentException("an item index needs at least one item");
        }
        int width = ((h + LANES - 1) / LANES) * LANES;
        float[] w = layer.weights();
        float[] b = layer.biases();
        float[] rows = new float[Math.multiplyExact(items, width)];
        float[] bias = new float[items];
        float[] lift = new float[items];
        double[] squared = new double[items];
        double max = 0;
        for (int ord = 0; ord < items; ord++) {
            int j = ord + Vocabulary.FIRST_ITEM;
            int at = ord * width;
            double sum = 0;
            for (int d = 0; d < h; d++) {
                float x = w[d * v + j];
                rows[at + d] = x;
                sum += (double) x * x;
            }
            bias[ord] = b[j];
            sum += (double) b[j] * b[j];
            squared[ord] = sum;
            max = Math.max(max, sum);
        }
        for (int ord = 0; ord < items; ord++) {
            lift[ord] = (float) Math.sqrt(Math.max(0, max - squared[ord]));
        }
        return new ItemVectorIndex(items, h, width, rows, bias, lift, (float) Math.max(max, Float.MIN_NORMAL), settings);
    }

    RetrievalSettings settings() {
        return settings;
    }

    /** A search's working memory; one per thread. */
    Query newQuery() {
        return new Query();
    }

    /**
     * Fills {@code query.index} and {@code query.logit} with up to {@code count} items of the highest logits for the
     * session vector {@code h} (vocabulary indices, best first, logits exact) and returns how many. HNSW's search: a
     * greedy descent through the upper levels to an entry point, then a best-first search of the bottom level keeping
     * the {@code max(count, searchBeam)} best items seen.
     */
    int search(float[] h, int count, Query query) {
        prepare(h, query);
        float[] q = query.vector;
        int[] fresh = query.fresh;
        float[] freshLogits = query.freshLogits;
        // Greedy descent: a node scored once is never scored again, on any level; the best so far is the highest
        // logit of all scored, so a node seen before cannot be a better step.
        int round = query.nextRound();
        int best = entry;
        float bestLogit = logitOf(q, best);
        query.visited[best] = round;
        for (int level = neighbours.length - 1; level > 0; level--) {
            for (boolean moved = true; moved; ) {
                moved = false;
                int n = unvisited(neighbours[level][best], query, round);
                logits(q, fresh, n, freshLogits);
                for (int i = 0; i < n; i++) {
                    if (freshLogits[i] > bestLogit) {
                        best = fresh[i];
                        bestLogit = freshLogits[i];
                        moved = true;
                    }
                }
            }
        }
        round = query.nextRound();
        int beam = Math.max(count, settings.searchBeam());
        Heap frontier = query.frontier;
        Heap kept = query.kept.reset(beam);
        frontier.reset(Integer.MAX_VALUE);
        query.visited[best] = round;
        frontier.push(best, -bestLogit); // the frontier pops its best first: logits negated into the min-heap
        kept.push(best, bestLogit);
        int[][] bottom = neighbours[0];
        while (frontier.size() > 0) {
            float logit = -frontier.topScore();
            int node = frontier.pop();
            if (kept.full() && logit < kept.topScore()) {
                break; // nothing left to explore can beat the worst kept
            }
            int n = unvisited(bottom[node], query, round);
            logits(q, fresh, n, freshLogits);
            for (int i = 0; i < n; i++) {
                float nextLogit = freshLogits[i];
                if (!kept.full() || nextLogit > kept.topScore()) {
                    frontier.push(fresh[i], -nextLogit);
                    kept.push(fresh[i], nextLogit);
                }
            }
        }
        int n = Math.min(count, kept.size());
        query.ensure(kept.size());
        for (int r = kept.size() - 1; r >= 0; r--) { // the kept heap pops its worst first
            float logit = kept.topScore();
            int node = kept.pop();
            if (r < n) {
                query.index[r] = node + Vocabulary.FIRST_ITEM;
                query.logit[r] = logit;
            }
        }
        return n;
    }

    /** Marks the not yet visited nodes of {@code list} visited and puts them in {@code query.fresh}; returns how many. */
    private static int unvisited(int[] list, Query query, int round) {
        int[] visited = query.visited;
        int[] fresh = query.fresh;
        int n = 0;
        for (int next : list) {
            if (visited[next] != round) {
                visited[next] = round;
                fresh[n++] = next;
            }
        }
        return n;
    }

    private float logitOf(float[] q, int ord) {
        return dot(q, 0, rows, ord * width, width) + bias[ord];
    }

    /**
     * The logits of the items {@code ords[0..n)} into {@code out}: the search's kernel, all its vector arithmetic in
     * this one method (a vector handed to another method is boxed, and the JIT then runs the slow generic code).
     */
    private void logits(float[] q, int[] ords, int n, float[] out) {
        int w = width;
        for (int i = 0; i < n; i++) {
            int ord = ords[i];
            int at = ord * w;
            FloatVector sum = FloatVector.zero(SPECIES);
            for (int d = 0; d < w; d += LANES) {
                sum = FloatVector.fromArray(SPECIES, q, d).fma(FloatVector.fromArray(SPECIES, rows, at + d), sum);
            }
            out[i] = sum.reduceLanes(VectorOperators.ADD) + bias[ord];
        }
    }

    /** The exact logit of vocabulary entry {@code item} for the session vector last searched with {@code query}. */
    float logit(Query query, int item) {
        return logitOf(query.vector, item - Vocabulary.FIRST_ITEM);
    }

    /** Puts {@code h} into {@code query} without searching, for {@link #logit}. */
    void prepare(float[] h, Query query) {
        System.arraycopy(h, 0, query.vector, 0, hidden);
    }

    private static float dot(float[] a, int aAt, float[] b, int bAt, int width) {
        FloatVector sum = FloatVector.zero(SPECIES);
        for (int i = 0; i < width; i += LANES) {
            sum = FloatVector.fromArray(SPECIES, a, aAt + i).fma(FloatVector.fromArray(SPECIES, b, bAt + i), sum);
        }
        return sum.reduceLanes(VectorOperators.ADD);
    }

    final class Query {
        final float[] vector = new float[width];
        int[] index = new int[128];
        float[] logit = new float[128];
        /** Per item, the round of the search that last visited it: a visited set cleared in O(1). */
        private final int[] visited = new int[items];
        private int round;
        private final Heap frontier = new Heap();
        /** The unvisited neighbours of the node being expanded, and their logits. */
        private final int[] fresh = new int[Math.max(maxDegree, 2 * settings.maxConnections())];
        private final float[] freshLogits = new float[fresh.length];
        private final Heap kept = new Heap();

        private int nextRound() {
            if (++round == Integer.MAX_VALUE) {
                java.util.Arrays.fill(visited, 0);
                round = 1;
            }
            return round;
        }

        private void ensure(int n) {
            if (index.length < n) {
                index = new int[n];
                logit = new float[n];
            }
        }
    }

    /**
     * A binary min-heap of (node, score) on plain arrays, optionally bounded: when full, a push replaces the lowest
     * score (the caller pushes only what beats it). No allocation once grown.
     */
    private static final class Heap {
        private int[] nodes = new int[64];
        private float[] scores = new float[64];
        private int size;
        private int bound;

        Heap reset(int newBound) {
            size = 0;
            bound = newBound;
            return this;
        }

        int size() {
            return size;
        }

        boolean full() {
            return size >= bound;
        }

        float topScore() {
            return scores[0];
        }

        void push(int node, float score) {
            if (size >= bound) {
                nodes[0] = node;
                scores[0] = score;
                down(0);
                return;
            }
            if (size == nodes.length) {
                nodes = java.util.Arrays.copyOf(nodes, 2 * size);
                scores = java.util.Arrays.copyOf(scores, 2 * size);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (scores[parent] <= score) {
                    break;
                }
                nodes[i] = nodes[parent];
                scores[i] = scores[parent];
                i = parent;
            }
            nodes[i] = node;
            scores[i] = score;
        }

        int pop() {
            int top = nodes[0];
            size--;
            if (size > 0) {
                nodes[0] = nodes[size];
                scores[0] = scores[size];
                down(0);
            }
            return top;
        }

        private void down(int i) {
            int node = nodes[i];
            float score = scores[i];
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && scores[child + 1] < scores[child]) {
                    child++;
                }
                if (scores[child] >= score) {
                    break;
                }
                nodes[i] = nodes[child];
                scores[i] = scores[child];
                i = child;
            }
            nodes[i] = node;
            scores[i] = score;
        }
    }

    /** While building: an item against the others, by the cosine of their stored vectors (all of norm M). */
    private final class BuildScorers implements RandomVectorScorerSupplier {
        @Override
        public RandomVectorScorer scorer(int ord) {
            int at = ord * width;
            return new RandomVectorScorer() {
                @Override
                public float score(int other) {
                    float stored = dot(rows, at, rows, other * width, width) + bias[ord] * bias[other] + lift[ord] * lift[other];
                    return (1 + stored / normSquared) / 2;
                }

                @Override
                public int maxOrd() {
                    return items;
                }
            };
        }

        @Override
        public RandomVectorScorerSupplier copy() {
            return this;
        }
    }
}
