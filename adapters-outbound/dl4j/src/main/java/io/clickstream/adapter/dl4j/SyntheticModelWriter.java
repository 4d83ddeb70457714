package io.clickstream.adapter.dl4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.domain.EventType;
import io.clickstream.domain.InteractionSequence;
import io.clickstream.domain.ModelMetrics;
import io.clickstream.domain.ModelVersion;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Writes a servable model version with random weights and the metrics it is told to claim, in the layout
 * {@link Dl4jModelLoader} reads and the registry lists: for serving benchmarks at a realistic catalog size, and for
 * tests that need "a better" or "a worse" model without training one. Never a real model: its metadata says so.
 */
public final class SyntheticModelWriter {
    private static final int TRAINING_SESSIONS = 50_000;

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
     */
    public record Spec(String version, Instant createdAt, int items, long seed, Map<String, Double> metrics, boolean blend,
                       int embedding, int hidden) {
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
        }

        /** A network-only model with the trainer's default sizes, claiming the given main metrics. */
        public static Spec of(String version, Instant createdAt, int items, long seed, double hr20, double mrr20, double ndcg10) {
            Dl4jTrainingSettings d = Dl4jTrainingSettings.defaults();
            return new Spec(version, createdAt, items, seed, Map.of(ModelMetrics.HR_20, hr20, ModelMetrics.MRR_20, mrr20,
                    ModelMetrics.NDCG_10, ndcg10), false, d.embeddingSize(), d.hiddenSize());
        }

        public Spec withBlend(boolean on) {
            return new Spec(version, createdAt, items, seed, metrics, on, embedding, hidden);
        }

        public Spec withSizes(int embeddingSize, int hiddenSize) {
            return new Spec(version, createdAt, items, seed, metrics, blend, embeddingSize, hiddenSize);
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
        NetworkWeights weights = new NetworkWeights(v, e, h, EncodedSequences.TYPE_COUNT, length,
                gaussian(random, (long) v * e), gaussian(random, (long) EncodedSequences.TYPE_COUNT * e),
                gaussian(random, 2L * e * h), gaussian(random, h), gaussian(random, (long) h * v), gaussian(random, v));
        lake.write(ModelFiles.of(spec.version(), ModelFiles.VOCABULARY), vocabulary.toTsv());
        lake.write(ModelFiles.of(spec.version(), ModelFiles.WEIGHTS), weights.toBytes());
        if (spec.blend()) {
            SessionKnn knn = SessionKnn.build(sessions(random, vocabulary, spec.items(), spec.createdAt()), v,
                    defaults.knnNeighbours(), defaults.knnSampleSize());
            lake.write(ModelFiles.of(spec.version(), ModelFiles.SESSIONS), knn.toBytes());
        }
        String description = "synthetic model with random weights (not trained; metrics as claimed by the writer): "
                + spec.items() + " items, " + e + "-dim embeddings, " + h + " hidden units"
                + (spec.blend() ? ", blended with session-kNN over " + TRAINING_SESSIONS + " random sessions" : "");
        ObjectNode meta = json.createObjectNode();
        meta.put("version", spec.version()).put("createdAt", spec.createdAt().toString()).put("description", description);
        ObjectNode metrics = meta.putObject("metrics");
        new java.util.TreeMap<>(spec.metrics()).forEach(metrics::put);
        meta.put("evaluatedPredictions", 0);
        meta.putObject("serving").put("variant", spec.blend() ? "blend" : "network")
                .put("networkWeight", spec.blend() ? 0.5 : 1.0).put("sequenceLength", length)
                .put("knnNeighbours", defaults.knnNeighbours()).put("knnSampleSize", defaults.knnSampleSize());
        meta.putObject("synthetic").put("seed", spec.seed()).put("items", spec.items());
        ObjectNode files = meta.putObject("files").put("weights", ModelFiles.WEIGHTS).put("vocabulary", ModelFiles.VOCABULARY);
        if (spec.blend()) {
            files.put("sessions", ModelFiles.SESSIONS);
        }
        try {
            lake.write(ModelFiles.of(spec.version(), ModelFiles.METADATA), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(meta));
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
        return new ModelVersion(spec.version(), spec.createdAt(), new ModelMetrics(new LinkedHashMap<>(spec.metrics()), 0),
                description);
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
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a weight matrix of " + n + " values is too large");
        }
        float[] a = new float[(int) n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (random.nextGaussian() * 0.1);
        }
        return a;
    }
}
