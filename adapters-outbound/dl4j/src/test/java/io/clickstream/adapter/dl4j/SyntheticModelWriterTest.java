package io.clickstream.adapter.dl4j;

import io.clickstream.domain.ModelFile;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickstream.adapter.memory.InMemoryDataLake;
import io.clickstream.application.port.out.ModelScorer;
import io.clickstream.domain.ModelVersion;
import io.clickstream.domain.Recommendation;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A synthetic version is what the loader serves and what the registry lists, without training. */
class SyntheticModelWriterTest {
    private static final Instant AT = Instant.parse("2026-02-01T00:00:00Z");

    private final InMemoryDataLake lake = new InMemoryDataLake();

    @Test
    void the_loader_serves_a_written_network_model_over_its_whole_vocabulary() throws Exception {
        ModelVersion written = new SyntheticModelWriter(lake).write(SyntheticModelWriter.Spec.of("syn-1", AT, 20_000, 7, 0.4, 0.2, 0.25));

        ModelScorer scorer = new Dl4jModelLoader(lake, RetrievalSettings.defaults()).load("syn-1");

        assertThat(scorer.version()).isEqualTo(written.version()).isEqualTo("syn-1");
        assertThat(scorer.knows(SyntheticModelWriter.itemId(0))).isTrue();
        assertThat(scorer.knows(SyntheticModelWriter.itemId(19_999))).isTrue();
        assertThat(scorer.knows(SyntheticModelWriter.itemId(20_000))).isFalse();
        List<Recommendation> recs = scorer.recommend(List.of("item-17", "item-4242"), 20, Set.of());
        assertThat(recs).hasSize(20).allSatisfy(r -> assertThat(scorer.knows(r.itemId())).isTrue());
        assertThat(recs.stream().map(Recommendation::itemId).distinct()).hasSize(20);
        String best = recs.get(0).itemId();
        assertThat(scorer.recommend(List.of("item-17", "item-4242"), 20, Set.of(best)))
                .extracting(Recommendation::itemId).doesNotContain(best).hasSize(20);
        assertThat(scorer.popular(3, Set.of())).extracting(Recommendation::itemId).containsExactly("item-0", "item-1", "item-2");
    }

    @Test
    void metadata_carries_the_claimed_metrics_and_says_the_model_is_synthetic() throws Exception {
        new SyntheticModelWriter(lake).write(SyntheticModelWriter.Spec.of("syn-2", AT, 50, 1, 0.5, 0.3, 0.35));

        JsonNode meta = new ObjectMapper().readTree(lake.read(ModelFile.METADATA.of("syn-2")).orElseThrow());

        assertThat(meta.path("version").asText()).isEqualTo("syn-2");
        assertThat(meta.path("createdAt").asText()).isEqualTo(AT.toString());
        assertThat(meta.path("metrics").path("HR@20").asDouble()).isEqualTo(0.5);
        assertThat(meta.path("metrics").path("MRR@20").asDouble()).isEqualTo(0.3);
        assertThat(meta.path("metrics").path("NDCG@10").asDouble()).isEqualTo(0.35);
        assertThat(meta.path("description").asText()).contains("synthetic").contains("random weights");
        assertThat(meta.path("serving").path("variant").asText()).isEqualTo("network");
        assertThat(lake.read(ModelFile.SESSIONS.of("syn-2"))).isEmpty();
    }

    @Test
    void the_same_seed_gives_the_same_answers_and_another_seed_other_ones() {
        SyntheticModelWriter writer = new SyntheticModelWriter(lake);
        writer.write(SyntheticModelWriter.Spec.of("a", AT, 500, 3, 0.1, 0.1, 0.1));
        writer.write(SyntheticModelWriter.Spec.of("b", AT, 500, 3, 0.1, 0.1, 0.1));
        writer.write(SyntheticModelWriter.Spec.of("c", AT, 500, 4, 0.1, 0.1, 0.1));
        Dl4jModelLoader loader = new Dl4jModelLoader(lake, RetrievalSettings.defaults());
        List<String> session = List.of("item-3", "item-99");

        List<String> a = ids(loader.load("a").recommend(session, 10, Set.of()));
        assertThat(ids(loader.load("b").recommend(session, 10, Set.of()))).isEqualTo(a);
        assertThat(ids(loader.load("c").recommend(session, 10, Set.of()))).isNotEqualTo(a);
    }

    @Test
    void a_blend_writes_a_session_index_the_loader_blends_with() throws Exception {
        new SyntheticModelWriter(lake).write(SyntheticModelWriter.Spec.of("blend-1", AT, 2_000, 5, 0.4, 0.2, 0.25).withBlend(true));

        JsonNode meta = new ObjectMapper().readTree(lake.read(ModelFile.METADATA.of("blend-1")).orElseThrow());
        assertThat(meta.path("serving").path("variant").asText()).isEqualTo("blend");
        assertThat(lake.read(ModelFile.SESSIONS.of("blend-1"))).isPresent();

        ModelScorer scorer = new Dl4jModelLoader(lake, RetrievalSettings.defaults()).load("blend-1");
        List<Recommendation> recs = scorer.recommend(List.of("item-10", "item-12"), 20, Set.of("item-11"));
        assertThat(recs).hasSize(20).extracting(Recommendation::itemId).doesNotContain("item-11");
        // Sessions are drawn from neighbourhoods of ids, so session-kNN puts neighbours of the query on top.
        assertThat(recs.stream().limit(5).map(r -> Integer.parseInt(r.itemId().substring("item-".length()))))
                .anySatisfy(i -> assertThat(i).isBetween(0, 22));
    }

    @Test
    void similar_items_rank_by_the_cosine_of_their_item_embeddings() {
        new SyntheticModelWriter(lake).write(SyntheticModelWriter.Spec.of("sim", AT, 3_000, 8, 0.1, 0.1, 0.1));
        NetworkWeights weights = NetworkWeights.fromBytes(lake.read(ModelFile.WEIGHTS.of("sim")).orElseThrow(), "w");
        int query = Vocabulary.FIRST_ITEM + 42; // item-42
        float[] q = weights.itemVector(query);
        float[] cosine = new float[weights.vocabulary];
        for (int j = Vocabulary.FIRST_ITEM; j < weights.vocabulary; j++) {
            float[] other = weights.itemVector(j);
            double dot = 0;
            double qq = 0;
            double oo = 0;
            for (int d = 0; d < q.length; d++) {
                dot += q[d] * other[d];
                qq += q[d] * q[d];
                oo += other[d] * other[d];
            }
            cosine[j] = (float) (dot / Math.sqrt(qq * oo));
        }
        TopK expected = new TopK(10).select(cosine, Vocabulary.FIRST_ITEM, weights.vocabulary, 10, j -> j == query);

        List<Recommendation> similar = new Dl4jModelLoader(lake, RetrievalSettings.defaults()).load("sim").similar("item-42", 10);

        assertThat(similar).hasSize(10);
        for (int r = 0; r < 10; r++) {
            assertThat(similar.get(r).itemId()).as("rank " + r).isEqualTo("item-" + (expected.index(r) - Vocabulary.FIRST_ITEM));
            assertThat(similar.get(r).score()).isCloseTo(expected.score(r), org.assertj.core.api.Assertions.within(1e-5));
        }
    }

    private static List<String> ids(List<Recommendation> recs) {
        return recs.stream().map(Recommendation::itemId).toList();
    }
}
