package io.clickstream.adapter.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.adapter.memory.InMemoryDataLake;
import io.clickstream.application.port.out.ModelScorer;
import io.clickstream.domain.ItemFilter;
import io.clickstream.domain.RankedItems;
import io.clickstream.domain.Recommendation;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A filter is applied inside the top k of every path of the scorer (exact, approximate, blend, similar, popular): k
 * items come back whenever k qualify, none the filter rejects, and the answer counts the rejected items of the
 * unfiltered top k.
 */
class FilteredScoringTest {
    private static final Instant AT = Instant.parse("2026-02-01T00:00:00Z");
    private static final List<String> SESSION = List.of("item-17", "item-4242", "item-9");
    /** Keeps one item in 50: the unfiltered top k holds almost none of them. */
    private static final ItemFilter RARE = id -> number(id) % 50 != 3;

    private final InMemoryDataLake lake = new InMemoryDataLake();

    @Test
    void exact_network_keeps_k_qualifying_items_in_the_unfiltered_order_and_counts_the_displaced() {
        ModelScorer scorer = load(spec("net", 2_000, false), RetrievalSettings.exact());

        assertFilteredIsTheUnfilteredRankingWithoutRejected(scorer, 2_000);
    }

    @Test
    void exact_blend_keeps_k_qualifying_items_in_the_unfiltered_order_and_counts_the_displaced() {
        ModelScorer scorer = load(spec("blend", 2_000, true), RetrievalSettings.exact());

        assertFilteredIsTheUnfilteredRankingWithoutRejected(scorer, 2_000);
    }

    @Test
    void approximate_retrieval_still_answers_k_items_when_the_filter_rejects_almost_every_candidate() {
        for (boolean blend : new boolean[] {false, true}) {
            ModelScorer scorer = load(spec("ann-" + blend, 20_000, blend), RetrievalSettings.defaults().withMode(
                    RetrievalSettings.Mode.APPROXIMATE));

            RankedItems filtered = scorer.recommend(SESSION, 20, RARE);

            assertThat(filtered.items()).as("blend " + blend).hasSize(20).allSatisfy(r -> assertThat(RARE.rejects(r.itemId())).isFalse());
            assertThat(filtered.filtered()).as("blend " + blend).isBetween(15, 20);
            assertThat(scorer.recommend(SESSION, 20, ItemFilter.NONE).filtered()).isZero();
        }
    }

    @Test
    void similar_items_and_popular_items_are_filtered_inside_their_top_k() {
        ModelScorer scorer = load(spec("sim", 2_000, false), RetrievalSettings.exact());
        List<String> unfilteredSimilar = ids(scorer.similar("item-42", 2_000));

        RankedItems similar = scorer.similar("item-42", 10, RARE);
        RankedItems popular = scorer.popular(10, RARE);

        assertThat(ids(similar.items())).containsExactlyElementsOf(
                unfilteredSimilar.stream().filter(id -> !RARE.rejects(id)).limit(10).toList());
        assertThat(similar.filtered()).isEqualTo(unfilteredSimilar.stream().limit(10).filter(RARE::rejects).count());
        assertThat(ids(popular.items())).containsExactly("item-3", "item-53", "item-103", "item-153", "item-203",
                "item-253", "item-303", "item-353", "item-403", "item-453");
        assertThat(popular.filtered()).isEqualTo(9);
    }

    @Test
    void fewer_than_k_come_back_only_when_fewer_than_k_qualify() {
        ModelScorer scorer = load(spec("few", 2_000, false), RetrievalSettings.exact());
        ItemFilter onlyThree = id -> !Set.of("item-5", "item-600", "item-1999").contains(id);

        assertThat(ids(scorer.recommend(SESSION, 20, onlyThree).items()))
                .containsExactlyInAnyOrder("item-5", "item-600", "item-1999");
        assertThat(scorer.recommend(SESSION, 20, onlyThree).filtered()).isEqualTo(20);
    }

    private static void assertFilteredIsTheUnfilteredRankingWithoutRejected(ModelScorer scorer, int items) {
        List<String> unfiltered = ids(scorer.recommend(SESSION, items, Set.of()));

        RankedItems filtered = scorer.recommend(SESSION, 20, RARE);

        assertThat(ids(filtered.items())).containsExactlyElementsOf(
                unfiltered.stream().filter(id -> !RARE.rejects(id)).limit(20).toList());
        assertThat(filtered.filtered()).isEqualTo(unfiltered.stream().limit(20).filter(RARE::rejects).count())
                .isPositive();
    }

    private SyntheticModelWriter.Spec spec(String version, int items, boolean blend) {
        return SyntheticModelWriter.Spec.of(version, AT, items, 11, 0.1, 0.1, 0.1).withBlend(blend);
    }

    private ModelScorer load(SyntheticModelWriter.Spec spec, RetrievalSettings retrieval) {
        new SyntheticModelWriter(lake).write(spec);
        return new Dl4jModelLoader(lake, retrieval).load(spec.version());
    }

    private static int number(String id) {
        return Integer.parseInt(id.substring("item-".length()));
    }

    private static List<String> ids(List<Recommendation> recs) {
        return recs.stream().map(Recommendation::itemId).toList();
    }

}
