package io.clickstream.adapter.dl4j;

import io.clickstream.domain.ModelFile;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.application.port.out.DataLake;
import java.util.Optional;
import io.clickstream.domain.DatasetFile;
import io.clickstream.lake.ModelMetadataJson;
import io.clickstream.lake.ModelMetadata;
import io.clickstream.domain.EventType;
import io.clickstream.domain.InteractionSequence;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.ModelMetrics;
import io.clickstream.domain.ModelVersion;
import io.clickstream.domain.ZonePath;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Writes a servable model version without training, in the layout {@link Dl4jModelLoader} reads and the registry
 * lists. Two kinds: <em>random</em> weights claiming the metrics they are told to (for serving benchmarks at a
 * realistic catalog size: the arithmetic does not depend on the values), and <em>planted</em> weights that predict a
 * planted successor of the last item with a chosen strength, evaluated for real on a synthetic holdout (for tests of
 * the quality gate that need a truly better or worse model). Never a trained model: its metadata says so.
 */
public final class SyntheticModelWriter {
    private static final int TRAINING_SESSIONS = 50_000;
    private static final int HOLDOUT_SESSIONS = 2_000;
    private static final double FOLLOW_SUCCESSOR = 0.85;
    /** Dense weight passing the last item's embedding through tanh, within its near-linear range. */
    private static final float PASS_THROUGH = 2f;
    /** A bias that drives tanh to 1. */
    private static final float SATURATED = 20f;
    /** Length of an output column: the successor's logit is about 10 x quality above the rest, whose spread is about 1. */
    private static final double OUTPUT_SCALE = 5;
    /** How much of a categorised item's embedding is its category's centre. */
    private static final double CATEGORY_SHARE = 0.8;

    private final DataLake lake;
    private final ObjectMapper json = new ObjectMapper();

    public SyntheticModelWriter(DataLake lake) {
        this.lake = Objects.requireNonNull(lake, "lake");
    }

    /**
     * What to write.
     *
     * @param version   the version's name (its folder under {@code analytics/models/})
     * @param createdAt when it was "trained": the registry offers the newest as the publish candidate
     * @param items     known items; their ids are {@link #itemId(int)} of 0..items-1, 0 the most popular
     * @param seed      seed of the weights (and of the sessions of a blend)
     * @param metrics   what the metadata claims, e.g. {@code HR@20}, {@code MRR@20}, {@code NDCG@10}
     * @param blend     also write a session-kNN index and serve the network blended with it at weight 0.5
     * @param embedding item embedding width
     * @param hidden    units of the dense layer (the output layer costs {@code hidden x items} per request)
     * @param quality   for planted weights, how strongly the network predicts the planted successor (0..1); NaN for
     *                  random weights
     * @param holdout   for planted weights, the synthetic dataset the version is evaluated on; null otherwise
     * @param category  for planted weights, items per category: consecutive ranks share a category and their embeddings
     *                  lie around its centre, as a trained model's items cluster by what is viewed together; 0 for
     *                  embeddings without clusters
     */
    public record Spec(String version, Instant createdAt, int items, long seed, Map<String, Double> metrics, boolean blend,
                       int embedding, int hidden, double quality, String holdout, int category) {
        public Spec {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(createdAt, "createdAt");
            if (items < 1) {
                throw new IllegalArgumentException("a model needs at least one item, got " + items);
            }
            if (embedding < 1 || hidden < 1) {
                throw new IllegalArgumentException("embedding and hidden sizes must be positive");
            }
            metrics = Map.copyOf(metrics);
            if (!Double.isNaN(quality) && (quality < 0 || quality > 1 || holdout == null)) {
                throw new IllegalArgumentException("planted weights need a quality within 0..1 and a holdout dataset");
            }
            if (category < 0 || (category > 0 && Double.isNaN(quality))) {
                throw new IllegalArgumentException("categories are a property of planted weights, of at least one item");
            }
        }

        /** A network-only model with the trainer's default sizes, claiming the given main metrics. */
        public static Spec of(String version, Instant createdAt, int items, long seed, double hr20, double mrr20, double ndcg10) {
            Dl4jTrainingSettings d = Dl4jTrainingSettings.defaults();
            return new Spec(version, createdAt, items, seed, Map.of(ModelMetrics.HR_20, hr20, ModelMetrics.MRR_20, mrr20,
                    ModelMetrics.NDCG_10, ndcg10), false, d.embeddingSize(), d.hiddenSize(), Double.NaN, null, 0);
        }

        /**
         * A network that ranks the planted successor of the last item ({@link #itemId} of rank r is followed by rank
         * r + 1) the higher the {@code quality}, with metrics measured on the synthetic holdout {@code holdout} (written
         * on first use, shared by every version naming it). Sizes are the trainer's defaults.
         */
        public static Spec planted(String version, Instant createdAt, int items, long seed, double quality, String holdout) {
            Dl4jTrainingSettings d = Dl4jTrainingSettings.defaults();
            return new Spec(version, createdAt, items, seed, Map.of(), false, d.embeddingSize(), d.hiddenSize(), quality,
                    holdout, 0);
        }

        public Spec withBlend(boolean on) {
            return new Spec(version, createdAt, items, seed, metrics, on, embedding, hidden, quality, holdout, category);
        }

        public Spec withSizes(int embeddingSize, int hiddenSize) {
            return new Spec(version, createdAt, items, seed, metrics, blend, embeddingSize, hiddenSize, quality, holdout,
                    category);
        }

        /** Planted weights whose items cluster in categories of {@code size} consecutive ranks. */
        public Spec withCategories(int size) {
            return new Spec(version, createdAt, items, seed, metrics, blend, embedding, hidden, quality, holdout, size);
        }

        boolean isPlanted() {
            return !Double.isNaN(quality);
        }
    }

    /** The id of the item of popularity rank {@code rank} (0 = most popular) in every synthetic model. */
    public static String itemId(int rank) {
        return "item-" + rank;
    }

    /** Writes the files, metadata last (as the trainer does, so the registry never lists a half-written version). */
    public ModelVersion write(Spec spec) {
        Dl4jTrainingSettings defaults = Dl4jTrainingSettings.defaults();
        int length = defaults.sequenceLength();
        Random random = new Random(spec.seed());
        Vocabulary vocabulary = vocabulary(spec.items());
        int v = vocabulary.size();
        int e = spec.embedding();
        int h = spec.hidden();
        NetworkWeights weights = spec.isPlanted() ? planted(random, v, e, h, length, spec.quality(), spec.category())
                : new NetworkWeights(v, e, h, EncodedSequences.TYPE_COUNT, length,
                gaussian(random, (long) v * e), gaussian(random, (long) EncodedSequences.TYPE_COUNT * e),
                randomEncoder(random, e, h), gaussian(random, (long) e * v), gaussian(random, v));
        lake.write(ModelFile.VOCABULARY.of(spec.version()), vocabulary.toTsv());
        lake.write(ModelFile.WEIGHTS.of(spec.version()), weights.toBytes());
        if (spec.blend()) {
            SessionKnn knn = SessionKnn.build(sessions(random, vocabulary, spec.items(), spec.createdAt()), v,
                    defaults.knnNeighbours(), defaults.knnSampleSize());
            lake.write(ModelFile.SESSIONS.of(spec.version()), knn.toBytes());
        }
        ObjectNode details = json.createObjectNode();
        ModelMetrics measured;
        String description;
        Map<String, ModelMetrics> holdoutScores = Map.of();
        Optional<ModelMetadata.DatasetRef> dataset = Optional.empty();
        Optional<ModelMetadata.Judging> judging = Optional.empty();
        if (spec.isPlanted()) {
            if (spec.blend()) {
                throw new IllegalArgumentException("planted weights are evaluated as a network alone; no blend");
            }
            ZonePath holdout = plantedHoldout(spec.holdout(), spec.items());
            holdoutScores = new Evaluator(length).network(weights, false)
                    .mostPopular(vocabulary.byPopularity())
                    .evaluate(new DatasetFiles(lake, holdout).read(DatasetFile.HOLDOUT.fileName(), vocabulary), v,
                            Integer.MAX_VALUE);
            measured = holdoutScores.get(Evaluator.NETWORK);
            description = "synthetic model with planted weights (not trained; metrics measured on the synthetic holdout "
                    + spec.holdout() + "): " + spec.items() + " items, successor strength " + spec.quality();
            details.putObject("evaluation").put("served", Evaluator.NETWORK);
            dataset = Optional.of(new ModelMetadata.DatasetRef(holdout.name(), holdout.key()));
            // What the gate's evaluator reads to pick the same predictions: every item known, no cap.
            judging = Optional.of(new ModelMetadata.Judging(0, Integer.MAX_VALUE));
        } else {
            measured = new ModelMetrics(new LinkedHashMap<>(spec.metrics()), 0);
            description = "synthetic model with random weights (not trained; metrics as claimed by the writer): "
                    + spec.items() + " items, " + e + "-dim embeddings, " + h + " hidden units"
                    + (spec.blend() ? ", blended with session-kNN over " + TRAINING_SESSIONS + " random sessions" : "");
        }
        details.putObject("synthetic").put("seed", spec.seed()).put("items", spec.items())
                .put("weights", spec.isPlanted() ? "planted" : "random");
        ObjectNode files = details.putObject("files").put("weights", ModelFile.WEIGHTS.fileName())
                .put("vocabulary", ModelFile.VOCABULARY.fileName());
        if (spec.blend()) {
            files.put("sessions", ModelFile.SESSIONS.fileName());
        }
        ModelMetadata.Serving serving = new ModelMetadata.Serving(spec.blend(), spec.blend() ? 0.5 : 1.0, length,
                defaults.knnNeighbours(), defaults.knnSampleSize(), null);
        lake.write(ModelFile.METADATA.of(spec.version()), ModelMetadataJson.write(new ModelMetadata(spec.version(),
                spec.createdAt(), description, measured, Optional.of(serving), dataset, holdoutScores, judging, details)));
        return new ModelVersion(spec.version(), spec.createdAt(), measured, description,
                spec.isPlanted() ? spec.holdout() : null);
    }

    /**
     * Weights whose prediction after item rank r leans towards rank r + 1 with strength {@code quality}: the dense
     * layer passes the last item's embedding through tanh, and each item's output column mixes the hidden units its
     * predecessor produces (weight {@code quality}) with a random direction (the rest). At 0 the ranking is noise.
     */
    private static NetworkWeights planted(Random random, int v, int e, int a, int length, double quality, int category) {
        float[] items = gaussian(random, (long) v * e, 1 / Math.sqrt(e));
        if (category > 0) {
            // Each item's embedding: mostly its category's centre, partly its own direction; the norm stays about 1.
            float[] centres = gaussian(random, (long) ((v + category - 1) / category) * e, 1 / Math.sqrt(e));
            for (int j = Vocabulary.FIRST_ITEM; j < v; j++) {
                int c = (j - Vocabulary.FIRST_ITEM) / category;
                for (int d = 0; d < e; d++) {
                    items[j * e + d] = (float) (CATEGORY_SHARE * centres[c * e + d]
                            + Math.sqrt(1 - CATEGORY_SHARE * CATEGORY_SHARE) * items[j * e + d]);
                }
            }
        }
        // Session vector = tanh(memory layer) * tanh(newest layer): a saturated memory layer (1) times the newest item.
        float[] memoryB = new float[e];
        java.util.Arrays.fill(memoryB, SATURATED);
        float[] newestW = new float[e * e];
        for (int d = 0; d < e; d++) {
            newestW[d * e + d] = PASS_THROUGH;
        }
        NetworkWeights.Encoder encoder = new NetworkWeights.Encoder(new float[e * a], new float[e * a], new float[e * a],
                new float[a], new float[a], new float[e * e], memoryB, newestW, new float[e]);
        int knownItems = v - Vocabulary.FIRST_ITEM;
        float[] output = new float[e * v];
        float[] target = new float[e];
        float[] noise = new float[e];
        for (int j = Vocabulary.FIRST_ITEM; j < v; j++) {
            int predecessor = Vocabulary.FIRST_ITEM + Math.floorMod(j - Vocabulary.FIRST_ITEM - 1, knownItems);
            for (int d = 0; d < e; d++) {
                target[d] = (float) Math.tanh(PASS_THROUGH * items[predecessor * e + d]);
                noise[d] = (float) random.nextGaussian();
            }
            unit(target);
            unit(noise);
            for (int d = 0; d < e; d++) {
                output[d * v + j] = (float) (OUTPUT_SCALE * (quality * target[d] + (1 - quality) * noise[d]));
            }
        }
        return new NetworkWeights(v, e, a, EncodedSequences.TYPE_COUNT, length, items,
                new float[EncodedSequences.TYPE_COUNT * e], encoder, output, new float[v]);
    }

    private static NetworkWeights.Encoder randomEncoder(Random random, int e, int a) {
        long[] sizes = NetworkWeights.Encoder.sizes(e, a);
        float[][] parts = new float[sizes.length][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = gaussian(random, sizes[i], 1 / Math.sqrt(e));
        }
        return NetworkWeights.Encoder.of(parts);
    }

    /**
     * The synthetic holdout shared by planted versions: sessions that start at a popular item and mostly follow the
     * planted successor, with the dataset's vocabulary. Written once per name; deterministic in the name and size.
     */
    private ZonePath plantedHoldout(String name, int items) {
        ZonePath dir = LakeLayout.dataset(name);
        if (lake.exists(dir.resolve("dataset.json"))) {
            return dir;
        }
        Random random = new Random(name.hashCode() * 31L + items);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        StringBuilder holdout = new StringBuilder();
        for (int s = 0; s < HOLDOUT_SESSIONS; s++) {
            int item = skewed(random, items);
            int n = 2 + random.nextInt(5);
            List<InteractionSequence.Step> steps = new ArrayList<>(n);
            Instant t = start.plusSeconds(s * 60L);
            for (int i = 0; i < n; i++) {
                steps.add(new InteractionSequence.Step(itemId(item), EventType.VIEW, t.plusSeconds(i)));
                item = random.nextDouble() < FOLLOW_SUCCESSOR ? (item + 1) % items : random.nextInt(items);
            }
            holdout.append(new InteractionSequence("holdout-" + s, null, steps).toLine()).append('\n');
        }
        lake.write(dir.resolve("vocabulary.tsv"), vocabulary(items).toTsv());
        lake.write(dir.resolve("holdout.tsv"), holdout.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ObjectNode manifest = json.createObjectNode().put("synthetic", true).put("items", items)
                .put("holdoutSequences", HOLDOUT_SESSIONS);
        lake.write(DatasetFile.MANIFEST.in(dir), bytes(manifest));
        return dir;
    }

    private byte[] bytes(ObjectNode node) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void unit(float[] a) {
        double norm = 0;
        for (float x : a) {
            norm += x * x;
        }
        float inv = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0;
        for (int i = 0; i < a.length; i++) {
            a[i] *= inv;
        }
    }

    private static Vocabulary vocabulary(int items) {
        List<String> ids = new ArrayList<>(items);
        long[] counts = new long[items];
        for (int i = 0; i < items; i++) {
            ids.add(itemId(i));
            counts[i] = items - i; // distinct and falling: popularity order is the id order
        }
        return new Vocabulary(ids, counts);
    }

    /** Sessions of 2-8 items drawn with a popularity skew, each from a neighbourhood of ids so that kNN finds structure. */
    private static EncodedSequences sessions(Random random, Vocabulary vocabulary, int items, Instant end) {
        EncodedSequences.Builder b = new EncodedSequences.Builder();
        Instant start = end.minusSeconds(TRAINING_SESSIONS * 60L);
        for (int s = 0; s < TRAINING_SESSIONS; s++) {
            int centre = skewed(random, items);
            int n = 2 + random.nextInt(7);
            List<InteractionSequence.Step> steps = new ArrayList<>(n);
            Instant t = start.plusSeconds(s * 60L);
            for (int i = 0; i < n; i++) {
                int item = Math.floorMod(centre + random.nextInt(21) - 10, items);
                steps.add(new InteractionSequence.Step(itemId(item), EventType.VIEW, t.plusSeconds(i)));
            }
            b.add(new InteractionSequence("synthetic-" + s, null, steps), vocabulary);
        }
        return b.build();
    }

    private static int skewed(Random random, int items) {
        return (int) Math.min(items - 1, Math.abs(random.nextGaussian()) * items / 4);
    }

    private static float[] gaussian(Random random, long n) {
        return gaussian(random, n, 0.1);
    }

    private static float[] gaussian(Random random, long n, double sd) {
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a weight matrix of " + n + " values is too large");
        }
        float[] a = new float[(int) n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (random.nextGaussian() * sd);
        }
        return a;
    }
}
