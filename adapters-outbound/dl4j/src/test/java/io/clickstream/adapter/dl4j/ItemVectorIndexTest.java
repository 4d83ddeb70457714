package io.clickstream.adapter.dl4j;

import io.clickstream.domain.ModelFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clickstream.adapter.memory.InMemoryDataLake;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Approximate retrieval against the exact answer of the same output layer. */
class ItemVectorIndexTest {
    private static final int ITEMS = 5_000;
    private static NetworkWeights weights;
    private static ItemVectorIndex index;
    private static float[][] sessions;

    @BeforeAll
    static void plantedModel() {
        InMemoryDataLake lake = new InMemoryDataLake();
        new SyntheticModelWriter(lake).write(SyntheticModelWriter.Spec.planted("m", Instant.parse("2026-01-01T00:00:00Z"),
                ITEMS, 3, 0.7, "h").withCategories(100));
        weights = NetworkWeights.fromBytes(lake.read(ModelFile.WEIGHTS.of("m")).orElseThrow(), "m");
        index = ItemVectorIndex.build(weights.outputLayer(), RetrievalSettings.defaults());
        Random random = new Random(11);
        sessions = new float[300][];
        float[] x = weights.newInputBuffer();
        for (int s = 0; s < sessions.length; s++) {
            int n = 1 + random.nextInt(5);
            int[] items = new int[n];
            for (int i = 0; i < n; i++) {
                items[i] = Vocabulary.FIRST_ITEM + random.nextInt(ITEMS);
            }
            sessions[s] = weights.newHiddenBuffer();
            weights.hidden(items, 0, new int[n], 0, n, x, sessions[s]);
        }
    }

    @AfterAll
    static void release() {
        weights = null;
        index = null;
    }

    @Test
    void retrieved_items_come_best_first_with_the_output_layers_own_logits() {
        ItemVectorIndex.Query query = index.newQuery();
        float[] logits = new float[weights.vocabulary];
        for (float[] h : sessions) {
            int n = index.search(h, 50, query);
            weights.outputLayer().logits(h, 1, new float[][] {logits});
            assertThat(n).isEqualTo(50);
            for (int r = 0; r < n; r++) {
                assertThat(query.index[r]).isBetween(Vocabulary.FIRST_ITEM, weights.vocabulary - 1);
                assertThat(query.logit[r]).isCloseTo(logits[query.index[r]], within(1e-3f));
                if (r > 0) {
                    assertThat(query.logit[r]).isLessThanOrEqualTo(query.logit[r - 1]);
                }
            }
            assertThat(Arrays.stream(query.index, 0, n).distinct().count()).isEqualTo(n);
        }
    }

    @Test
    void the_top_20_holds_nearly_all_of_the_exact_top_20() {
        ItemVectorIndex.Query query = index.newQuery();
        float[] logits = new float[weights.vocabulary];
        TopK exact = new TopK(20);
        double found = 0;
        for (float[] h : sessions) {
            weights.outputLayer().logits(h, 1, new float[][] {logits});
            exact.select(logits, Vocabulary.FIRST_ITEM, weights.vocabulary, 20, null);
            int n = index.search(h, 20, query);
            List<Integer> approximate = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                approximate.add(query.index[r]);
            }
            for (int r = 0; r < exact.size(); r++) {
                found += approximate.contains(exact.index(r)) ? 1 : 0;
            }
        }
        assertThat(found / (20.0 * sessions.length)).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void a_graph_too_sparse_to_navigate_loses_what_a_good_one_finds() {
        ItemVectorIndex poor = ItemVectorIndex.build(weights.outputLayer(),
                RetrievalSettings.defaults().withGraph(2, 2, 1));
        ItemVectorIndex.Query good = index.newQuery();
        ItemVectorIndex.Query bad = poor.newQuery();
        int sameBest = 0;
        for (float[] h : sessions) {
            index.search(h, 1, good);
            poor.search(h, 1, bad);
            sameBest += good.index[0] == bad.index[0] ? 1 : 0;
        }
        assertThat(sameBest).isLessThan(sessions.length * 9 / 10);
    }

    @Test
    void searches_from_many_threads_at_once_answer_as_one_thread_does() throws Exception {
        ItemVectorIndex.Query alone = index.newQuery();
        int[][] expected = new int[sessions.length][];
        for (int s = 0; s < sessions.length; s++) {
            int n = index.search(sessions[s], 20, alone);
            expected[s] = Arrays.copyOf(alone.index, n);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                runs.add(pool.submit(() -> {
                    ItemVectorIndex.Query mine = index.newQuery();
                    for (int i = 0; i < 3 * sessions.length; i++) {
                        int s = (i + offset * 37) % sessions.length;
                        int n = index.search(sessions[s], 20, mine);
                        if (!Arrays.equals(Arrays.copyOf(mine.index, n), expected[s])) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
