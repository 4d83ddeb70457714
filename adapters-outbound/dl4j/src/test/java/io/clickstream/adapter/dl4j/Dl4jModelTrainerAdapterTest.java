package io.clickstream.adapter.dl4j;

import io.clickstream.domain.ModelFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickstream.adapter.memory.InMemoryDataLake;
import io.clickstream.application.port.out.ModelEvaluator.HoldoutComparison;
import io.clickstream.application.port.out.ModelScorer;
import io.clickstream.application.port.out.TrainingDataProvider.TrainingDataset;
import io.clickstream.domain.InteractionSequence;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.JobStoppedException;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.ModelMetrics;
import io.clickstream.domain.ModelVersion;
import io.clickstream.domain.Recommendation;
import io.clickstream.testing.RecordingMonitor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trainer on generated sessions with planted structure. One model is trained for the whole class (the slow
 * part); tests that need another run train small ones.
 */
class Dl4jModelTrainerAdapterTest {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    /** Test-sized network: smaller than the defaults, and bigger batches, so the module's tests stay fast on 2 cores. */
    static final Dl4jTrainingSettings SETTINGS = Dl4jTrainingSettings.builder().embeddingSize(64).hiddenSize(64)
            .batchSize(512).maxEpochs(8).build();

    static InMemoryDataLake lake;
    static TrainingDataset planted;
    static ModelVersion trained;
    static JsonNode metadata;
    static RecordingMonitor monitor;

    @BeforeAll
    static void train_on_planted_sessions() throws Exception {
        lake = new InMemoryDataLake();
        PlantedSessions sessions = new PlantedSessions(400, 16, 7);
        planted = PlantedSessions.write(lake, "planted", sessions.sessions(4000, START, 7), 0.15);
        monitor = new RecordingMonitor();
        trained = new Dl4jModelTrainerAdapter(lake, SETTINGS).train(planted, Optional.empty(), monitor);
        metadata = json(ModelFile.METADATA.of(trained.version()));
        System.out.println(metadata.toPrettyString());
    }

    @Test
    void trained_model_beats_most_popular_and_item_knn_on_planted_structure() {
        JsonNode holdout = metadata.path("evaluation").path("holdout");
        for (String metric : new String[] {ModelMetrics.HR_20, ModelMetrics.MRR_20}) {
            double popular = holdout.path(Evaluator.MOST_POPULAR).path(metric).asDouble();
            double itemKnn = holdout.path(Evaluator.ITEM_KNN).path(metric).asDouble();
            assertThat(popular).as("most-popular " + metric + " was evaluated").isPositive();
            assertThat(itemKnn).as("item-kNN " + metric + " was evaluated").isPositive();
            assertThat(holdout.path(Evaluator.NETWORK).path(metric).asDouble()).as("network alone, " + metric)
                    .isGreaterThan(popular).isGreaterThan(itemKnn);
            assertThat(trained.metrics().get(metric).orElseThrow()).as("served recommender, " + metric)
                    .isGreaterThan(popular).isGreaterThan(itemKnn);
        }
    }

    @Test
    void stores_network_weights_vocabulary_report_and_metadata_the_registry_reads() {
        assertThat(trained.version()).matches("m-\\d{8}-\\d{6}-[0-9a-f]{6}");
        assertThat(metadata.path("version").asText()).isEqualTo(trained.version());
        assertThat(Instant.parse(metadata.path("createdAt").asText())).isEqualTo(trained.createdAt());
        assertThat(metadata.path("metrics").path(ModelMetrics.HR_20).asDouble()).isEqualTo(trained.metrics().get(ModelMetrics.HR_20).orElseThrow());
        assertThat(metadata.path("metrics").has(ModelMetrics.NDCG_10)).isTrue();
        assertThat(metadata.path("evaluatedPredictions").asLong()).isEqualTo(trained.metrics().evaluatedPredictions()).isPositive();
        assertThat(metadata.path("evaluation").path("holdout").fieldNames()).toIterable()
                .contains(Evaluator.NETWORK, Evaluator.SESSION_KNN, Evaluator.ITEM_KNN, Evaluator.MOST_POPULAR, "blend-0.5");
        assertThat(metadata.path("dataset").path("partitions").get(0).asText()).isEqualTo("dt=2026-01-01");
        assertThat(metadata.path("hyperParameters").path("embeddingSize").asInt()).isEqualTo(64);
        assertThat(metadata.path("training").path("bestEpoch").asInt()).isBetween(1, 8);
        assertThat(metadata.path("training").path("refit").path("epochs").asInt()).isEqualTo(metadata.path("training").path("bestEpoch").asInt());
        assertThat(metadata.path("data").path("servedOnSequences").asInt()).isEqualTo(4000);
        assertThat(metadata.path("serving").path("variant").asText()).isIn("network", "blend");
        for (String file : List.of(ModelFile.WEIGHTS.fileName(), ModelFile.VOCABULARY.fileName(), ModelFile.SESSIONS.fileName())) {
            assertThat(lake.exists(LakeLayout.model(trained.version()).resolve(file))).as(file).isTrue();
        }
        assertThat(json(LakeLayout.report(trained.version())).path("holdout").path(Evaluator.NETWORK).path("predictions").asLong())
                .isPositive();
        JsonNode users = json(LakeLayout.report(trained.version())).path("usersLeaveLastOut");
        assertThat(users.path(Evaluator.NETWORK).path("predictions").asLong()).as("at most one prediction per user")
                .isPositive().isLessThanOrEqualTo(planted.holdoutSequences());
        assertThat(users.path(Evaluator.NETWORK).path(ModelMetrics.HR_20).asDouble())
                .isGreaterThan(users.path(Evaluator.MOST_POPULAR).path(ModelMetrics.HR_20).asDouble());
        assertThat(monitor.count("epoch")).isPositive();
        assertThat(monitor.measures()).containsKey("loss").containsKey("validation.MRR@20");
        assertThat(monitor.progress()).last().isEqualTo(1.0);
    }

    @Test
    void the_served_forward_pass_computes_the_logits_of_the_samediff_graph() {
        NetworkWeights weights = NetworkWeights.fromBytes(read(ModelFile.WEIGHTS.of(trained.version())), "weights");
        Vocabulary vocabulary = Vocabulary.read(lake, ModelFile.VOCABULARY.of(trained.version()), 0);
        SequenceNetwork graph = SequenceNetwork.build(vocabulary.size(), SETTINGS);
        assertThat(graph.warmStart(vocabulary, weights, vocabulary)).isEqualTo(vocabulary.knownItems());
        int length = weights.sequenceLength;
        int v = weights.vocabulary;
        int[][] inputs = {{2}, {5, 9, 2}, {40, 41, 42, 43, 44, 45, 46, 47, 48, 49}, {1, 7, 1, 300}};
        int[] all = java.util.stream.IntStream.range(0, v).toArray();
        for (int[] items : inputs) {
            int[] padded = new int[length];
            float[] mask = new float[length];
            float[] newest = new float[length];
            for (int t = 0; t < items.length; t++) {
                padded[t] = items[t];
                mask[t] = 1;
            }
            newest[items.length - 1] = 1;
            float[] fromGraph = graph.logits(new SequenceNetwork.Batch(1, padded, new int[length], mask, newest, all,
                    new float[v], new int[] {0}));

            float[] logits = new float[v];
            weights.logits(items, 0, new int[length], 0, items.length, weights.newInputBuffer(), weights.newHiddenBuffer(), logits);
            for (int j = Vocabulary.FIRST_ITEM; j < v; j++) {
                assertThat(logits[j]).as("logit of index " + j + " for " + java.util.Arrays.toString(items))
                        .isCloseTo(fromGraph[j], org.assertj.core.api.Assertions.within(1e-4f));
            }
        }
    }

    @Test
    void a_saved_and_loaded_model_scores_identically() throws Exception {
        byte[] stored = read(ModelFile.WEIGHTS.of(trained.version()));
        assertThat(NetworkWeights.fromBytes(stored, "weights").toBytes()).isEqualTo(stored);

        Dl4jModelLoader loader = new Dl4jModelLoader(lake, RetrievalSettings.defaults());
        List<String> session = List.of("i3", "i17", "i42");
        try (ModelScorer first = loader.load(trained.version()); ModelScorer second = loader.load(trained.version())) {
            assertThat(second.recommend(session, 20, Set.of())).isEqualTo(first.recommend(session, 20, Set.of())).hasSize(20);
        }
    }

    @Test
    void the_quality_gate_scores_the_evaluated_fit_as_served_to_the_trainers_holdout_numbers_exactly() {
        // The served network was refit on the whole window; the evaluated fit is stored beside it, and the gate's
        // protocol (the loaded scorer asked as the recommendation service asks) must give the trainer's numbers bit
        // for bit, most-popular included.
        assertThat(lake.exists(ModelFile.WEIGHTS.ofEvaluatedFit(trained.version()))).isTrue();

        HoldoutComparison c = new Dl4jModelEvaluator(lake, RetrievalSettings.defaults()).compare(trained.version(), Optional.empty(), JobMonitor.none())
                .orElseThrow();

        assertThat(c.holdout()).isEqualTo("planted");
        assertThat(c.candidate()).isEqualTo(trained.metrics());
        JsonNode popular = metadata.path("evaluation").path("holdout").path(Evaluator.MOST_POPULAR);
        assertThat(c.mostPopular().evaluatedPredictions()).isEqualTo(popular.path("predictions").asLong());
        for (String metric : new String[] {ModelMetrics.HR_20, ModelMetrics.MRR_20, ModelMetrics.NDCG_10}) {
            assertThat(c.mostPopular().get(metric).orElseThrow()).as(metric)
                    .isCloseTo(popular.path(metric).asDouble(), org.assertj.core.api.Assertions.within(1e-6));
        }
        assertThat(c.published()).isEmpty();
    }

    @Test
    void with_approximate_retrieval_the_report_shows_exact_and_served_figures_and_the_gate_recomputes_the_served_ones() {
        RetrievalSettings approximate = RetrievalSettings.defaults().withMode(RetrievalSettings.Mode.APPROXIMATE);
        TrainingDataset data = PlantedSessions.write(lake, "planted-approximate",
                new PlantedSessions(400, 16, 7).sessions(1200, START.plusSeconds(86_400 * 8), 7), 0.15);
        ModelVersion model = new Dl4jModelTrainerAdapter(lake, SETTINGS.withMaxEpochs(2).withRefitFullWindow(false),
                approximate, java.time.Clock.systemUTC()).train(data, Optional.empty(), JobMonitor.none());

        JsonNode retrieval = json(ModelFile.METADATA.of(model.version())).path("evaluation").path("retrieval");
        assertThat(retrieval.path("served").asText()).startsWith("approximate (HNSW M=16");
        JsonNode exact = retrieval.path("exact");
        JsonNode served = retrieval.path("asServed");
        assertThat(exact.path("predictions").asLong()).isPositive().isEqualTo(served.path("predictions").asLong());
        for (String metric : new String[] {ModelMetrics.HR_20, ModelMetrics.MRR_20}) {
            assertThat(served.path(metric).asDouble()).as(metric + " as served, close to exact")
                    .isCloseTo(exact.path(metric).asDouble(), org.assertj.core.api.Assertions.within(0.02));
            assertThat(model.metrics().get(metric).orElseThrow()).as("the version's metrics are the served figures")
                    .isCloseTo(served.path(metric).asDouble(), org.assertj.core.api.Assertions.within(1e-4));
        }
        HoldoutComparison gate = new Dl4jModelEvaluator(lake, approximate).compare(model.version(), Optional.empty(),
                JobMonitor.none()).orElseThrow();
        assertThat(gate.candidate()).isEqualTo(model.metrics());
    }

    @Test
    void served_blend_ranks_like_the_full_catalog_blend_it_was_evaluated_as() {
        Vocabulary vocabulary = Vocabulary.read(lake, ModelFile.VOCABULARY.of(trained.version()), 0);
        NetworkWeights weights = NetworkWeights.fromBytes(read(ModelFile.WEIGHTS.of(trained.version())), "weights");
        SessionKnn knn = SessionKnn.fromBytes(read(ModelFile.SESSIONS.of(trained.version())), 100, 500, "sessions");
        Dl4jModelScorer scorer = new Dl4jModelScorer("blend", vocabulary, weights, knn, 0.3);
        int v = vocabulary.size();
        for (int[] items : new int[][] {{2}, {7, 30, 2}, {100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111}}) {
            int n = Math.min(items.length, 10);
            int from = items.length - n;
            float[] dense = new float[v];
            weights.logits(items, from, new int[10], 0, n, weights.newInputBuffer(), weights.newHiddenBuffer(), dense);
            NetworkWeights.normaliseToMax(dense, Vocabulary.FIRST_ITEM, v);
            SessionKnn.Scratch scratch = knn.newScratch(10);
            knn.score(items, from, n, scratch);
            for (int j = Vocabulary.FIRST_ITEM; j < v; j++) {
                dense[j] = 0.3f * dense[j] + 0.7f * scratch.scores[j];
            }
            int excludedIndex = items[items.length - 1];
            TopK expected = new TopK(20).select(dense, Vocabulary.FIRST_ITEM, v, 20, j -> j == excludedIndex);
            List<String> session = java.util.Arrays.stream(items).mapToObj(vocabulary::item).toList();
            List<Recommendation> got = scorer.recommend(session, 20, Set.of(vocabulary.item(excludedIndex)));
            for (int r = 0; r < 20; r++) {
                assertThat(got.get(r).itemId()).as("rank " + r).isEqualTo(vocabulary.item(expected.index(r)));
                assertThat(got.get(r).score()).isCloseTo(expected.score(r), org.assertj.core.api.Assertions.within(1e-5));
            }
        }
    }

    @Test
    void scorer_never_recommends_excluded_or_unknown_items_and_falls_back_to_popular() {
        try (ModelScorer scorer = new Dl4jModelLoader(lake, RetrievalSettings.defaults()).load(trained.version())) {
            assertThat(scorer.version()).isEqualTo(trained.version());
            assertThat(scorer.knows("i3")).isTrue();
            assertThat(scorer.knows("nope")).isFalse();
            List<Recommendation> plain = scorer.recommend(List.of("nope", "i3", "i17"), 10, Set.of());
            Set<String> exclude = Set.of(plain.get(0).itemId(), plain.get(3).itemId());
            List<Recommendation> excluded = scorer.recommend(List.of("nope", "i3", "i17"), 10, exclude);
            assertThat(excluded).hasSize(10).extracting(Recommendation::itemId).doesNotContainAnyElementsOf(exclude)
                    .allMatch(scorer::knows);
            assertThat(excluded).extracting(Recommendation::score).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            assertThat(scorer.recommend(List.of("nope"), 5, Set.of())).isEqualTo(scorer.popular(5, Set.of()));
            List<Recommendation> popular = scorer.popular(5, Set.of(scorer.popular(1, Set.of()).get(0).itemId()));
            assertThat(popular).hasSize(5).extracting(Recommendation::itemId).doesNotContain(scorer.popular(1, Set.of()).get(0).itemId());
            assertThat(scorer.similar("i3", 5)).hasSize(5).extracting(Recommendation::itemId).doesNotContain("i3").allMatch(scorer::knows);
            assertThat(scorer.similar("nope", 5)).isEmpty();
            assertThat(scorer.recommend(List.of("i3"), 100_000, Set.of())).hasSize(400);
        }
    }

    @Test
    void warm_start_keeps_known_items_embeddings_and_adds_new_items() throws Exception {
        NetworkWeights before = NetworkWeights.fromBytes(read(ModelFile.WEIGHTS.of(trained.version())), "weights");
        Vocabulary parentVocabulary = Vocabulary.read(lake, ModelFile.VOCABULARY.of(trained.version()), 0);
        Vocabulary grown = new Vocabulary(List.of("new-1", "i3", "i17", "new-2"), new long[] {9, 8, 7, 6});
        SequenceNetwork network = SequenceNetwork.build(grown.size(), SETTINGS);
        NetworkWeights fresh = network.export();

        assertThat(network.warmStart(grown, before, parentVocabulary)).isEqualTo(2);

        NetworkWeights after = network.export();
        assertThat(after.itemVector(grown.indexOf("i3"))).isEqualTo(before.itemVector(parentVocabulary.indexOf("i3")));
        assertThat(after.itemVector(grown.indexOf("i17"))).isEqualTo(before.itemVector(parentVocabulary.indexOf("i17")));
        int newItem = grown.indexOf("new-2");
        assertThat(after.itemVector(newItem)).isEqualTo(fresh.itemVector(newItem));

        // End to end: a newer window with 40 new items continues from the published model.
        PlantedSessions bigger = new PlantedSessions(440, 16, 7);
        TrainingDataset data = PlantedSessions.write(lake, "planted-next", bigger.sessions(1200, START.plusSeconds(86_400 * 4), 7), 0.15);
        ModelVersion next = new Dl4jModelTrainerAdapter(lake, SETTINGS.withMaxEpochs(1).withRefitFullWindow(false))
                .train(data, Optional.of(trained.version()), JobMonitor.none());
        JsonNode warm = json(ModelFile.METADATA.of(next.version()));
        assertThat(warm.path("parentVersion").asText()).isEqualTo(trained.version());
        assertThat(warm.path("warmStart").path("itemsCarriedOver").asInt()).isPositive();
        assertThat(warm.path("warmStart").path("newItems").asInt()).isPositive();
        Vocabulary nextVocabulary = Vocabulary.read(lake, data.location().resolve("vocabulary.tsv"), 1);
        String added = java.util.stream.IntStream.range(Vocabulary.FIRST_ITEM, nextVocabulary.size()).mapToObj(nextVocabulary::item)
                .filter(item -> parentVocabulary.indexOf(item) == Vocabulary.UNKNOWN).findFirst().orElseThrow();
        try (ModelScorer scorer = new Dl4jModelLoader(lake, RetrievalSettings.defaults()).load(next.version())) {
            assertThat(scorer.knows(added)).as("new item " + added).isTrue();
        }
    }

    @Test
    void a_stop_request_ends_training_at_the_next_batch() {
        InMemoryDataLake own = new InMemoryDataLake();
        TrainingDataset data = PlantedSessions.write(own, "stop", new PlantedSessions(100, 4, 3).sessions(600, START, 6), 0.15);
        AtomicInteger checks = new AtomicInteger();
        JobMonitor stopAfterThreeBatches = new JobMonitor() {
            @Override public void progress(double fraction) { }
            @Override public void count(String counter, long delta) { }
            @Override public void set(String counter, long value) { }
            @Override public void measure(String name, double value) { }
            @Override public boolean stopRequested() {
                return checks.incrementAndGet() > 4;
            }
        };
        assertThatThrownBy(() -> new Dl4jModelTrainerAdapter(own, SETTINGS.withSizes(8, 8)).train(data, Optional.empty(), stopAfterThreeBatches))
                .isInstanceOf(JobStoppedException.class);
        // one check after reading the training file, then one per batch: stopped before the fourth batch
        assertThat(checks.get()).isEqualTo(5);
        assertThat(own.list(io.clickstream.domain.ZonePath.of(io.clickstream.domain.DataZone.ANALYTICS, "models"))).isEmpty();
    }

    @Test
    void a_malformed_line_fails_naming_the_file_and_line() {
        InMemoryDataLake own = new InMemoryDataLake();
        TrainingDataset data = PlantedSessions.write(own, "bad", new PlantedSessions(50, 4, 3).sessions(300, START, 5), 0.15);
        String train = new String(own.read(data.location().resolve("train.tsv")).orElseThrow(), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(train.split("\n")));
        lines.set(2, "s-broken\t\ti1:x:1700000000000");
        own.write(data.location().resolve("train.tsv"), String.join("\n", lines).getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> new Dl4jModelTrainerAdapter(own, SETTINGS).train(data, Optional.empty(), JobMonitor.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("analytics/datasets/bad/train.tsv line 3")
                .hasMessageContaining("unknown step type 'x'");
    }

    @Test
    void a_too_small_dataset_fails_with_a_clear_message() {
        InMemoryDataLake own = new InMemoryDataLake();
        TrainingDataset tiny = PlantedSessions.write(own, "tiny", new PlantedSessions(20, 2, 3).sessions(8, START, 4), 0.25);
        assertThatThrownBy(() -> new Dl4jModelTrainerAdapter(own, SETTINGS).train(tiny, Optional.empty(), JobMonitor.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("analytics/datasets/tiny is too small to train")
                .hasMessageContaining("at least 100 needed");

        own.write(tiny.location().resolve("vocabulary.tsv"), new byte[0]);
        assertThatThrownBy(() -> new Dl4jModelTrainerAdapter(own, SETTINGS).train(tiny, Optional.empty(), JobMonitor.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vocabulary has no item");
    }

    @Test
    void reads_sequence_files_split_into_spark_part_files() {
        InMemoryDataLake own = new InMemoryDataLake();
        List<InteractionSequence> sessions = new PlantedSessions(30, 3, 5).sessions(20, START, 4);
        var dir = LakeLayout.dataset("parts");
        own.write(dir.resolve("train.tsv/part-00000"), lines(sessions.subList(0, 12)));
        own.write(dir.resolve("train.tsv/part-00001"), lines(sessions.subList(12, 20)));
        own.write(dir.resolve("train.tsv/_SUCCESS"), new byte[0]);
        List<String> read = new ArrayList<>();
        new DatasetFiles(own, dir).forEach("train.tsv", s -> read.add(s.sequenceId()));
        assertThat(read).containsExactlyElementsOf(sessions.stream().map(InteractionSequence::sequenceId).toList());
    }

    private static byte[] lines(List<InteractionSequence> sessions) {
        StringBuilder sb = new StringBuilder();
        sessions.forEach(s -> sb.append(s.toLine()).append('\n'));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] read(io.clickstream.domain.ZonePath path) {
        return lake.read(path).orElseThrow();
    }

    private static JsonNode json(io.clickstream.domain.ZonePath path) {
        try {
            return new ObjectMapper().readTree(read(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
