package io.clickstream.adapter.search;

import static io.clickstream.adapter.search.SearchEventFixtures.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.adapter.memory.InMemoryCatalogueFormat;
import io.clickstream.adapter.memory.InMemoryDataLake;
import io.clickstream.adapter.memory.InMemoryModelLoader;
import io.clickstream.adapter.memory.InMemoryModelRegistry;
import io.clickstream.adapter.memory.InMemoryModelScorer;
import io.clickstream.adapter.memory.InMemoryUserHistory;
import io.clickstream.application.port.in.CollectCatalogueUseCase.CollectCatalogueCommand;
import io.clickstream.application.port.in.RecommendItemsUseCase.SessionQuery;
import io.clickstream.application.port.in.RecommendItemsUseCase.SimilarItemsQuery;
import io.clickstream.application.port.in.RecommendItemsUseCase.UserQuery;
import io.clickstream.application.port.out.CatalogueSource;
import io.clickstream.application.service.CollectCatalogueService;
import io.clickstream.application.service.LakeCatalogue;
import io.clickstream.application.service.RecommendationService;
import io.clickstream.application.service.ServingModel;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.ModelMetrics;
import io.clickstream.domain.ModelVersion;
import io.clickstream.domain.Recommendation;
import io.clickstream.domain.StepOutcome;
import io.clickstream.application.port.out.CatalogueSource.Chunk;
import io.clickstream.domain.CatalogueItem;
import io.clickstream.domain.RejectedCatalogueRow;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a product index read as a catalogue source must do, against a real engine: every product once, in order of
 * its last change, malformed ones rejected with the reason, and a product changed later read again by the next
 * collection. Field names are the shop's ({@code in_stock} for availability), configured, not the defaults.
 */
abstract class CatalogueSourceContract extends EngineContract {
    static final CatalogueFields FIELDS = new CatalogueFields("item_id", "categories", "in_stock", "hidden", "updated_at");
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    CatalogueSource source(int pageSize) {
        SearchSourceSettings connection = engine().settings();
        return new ProductIndexCatalogueSourceAdapter(connection.withId(connection.engine().catalogueSourceId())
                .withPageSize(pageSize).withResilience(SearchSourceContract.FAST), FIELDS, Clock.systemUTC());
    }

    @Test
    void products_are_read_once_in_order_of_their_last_change_and_malformed_ones_are_rejected_with_the_reason() {
        clear();
        ObjectNode untimed = product("p0", "a", true);
        untimed.remove("updated_at");
        // Not a bad value (Solr's typed fields refuse or coerce those when indexing): a missing flag.
        ObjectNode unknownStock = product("p3", "a", true).put("updated_at", T0.plusSeconds(2).toString());
        unknownStock.remove("in_stock");
        load(List.of(product("p2", "c", false).put("hidden", true).put("updated_at", T0.plusSeconds(1).toString()),
                product("p1", null, true).put("updated_at", T0.toString()),
                unknownStock, untimed));
        CatalogueSource source = source(1);

        Collected all = collectAll(source, Optional.empty());
        Collected again = collectAll(source, Optional.of(all.checkpoint));

        assertThat(all.items).containsExactly(
                new CatalogueItem("p1", Set.of("a", "b"), true, false, T0),
                new CatalogueItem("p2", Set.of("c"), false, true, T0.plusSeconds(1)));
        assertThat(all.rejected).extracting(RejectedCatalogueRow::reason).containsExactly(
                "no 'updated_at' date: the collector reads products by their last change",
                "no 'in_stock' flag");
        assertThat(all.rejected.get(1).origin()).endsWith("p3");
        assertThat(again.items).isEmpty();
        assertThat(again.rejected).isEmpty();
    }

    @Test
    void a_product_sold_out_later_is_read_again_by_the_next_collection_and_nothing_else_is() {
        clear();
        load(List.of(product("p1", "a", true).put("updated_at", T0.toString()),
                product("p2", "b", true).put("updated_at", T0.plusSeconds(1).toString())));
        CatalogueSource source = source(10);
        Collected first = collectAll(source, Optional.empty());

        load(List.of(product("p1", "a", false).put("updated_at", T0.plusSeconds(60).toString())));
        Collected next = collectAll(source, Optional.of(first.checkpoint));

        assertThat(first.items).extracting(CatalogueItem::itemId).containsExactly("p1", "p2");
        assertThat(next.items).containsExactly(new CatalogueItem("p1", Set.of("a"), false, false, T0.plusSeconds(60)));
    }

    @Test
    void a_product_sold_out_in_the_index_leaves_every_answer_after_the_next_collection_without_a_new_model() {
        clear();
        load(List.of(product("p1", "a", true), product("p2", "a", true), product("p3", "b", true)));
        InMemoryDataLake lake = new InMemoryDataLake();
        InMemoryCatalogueFormat format = new InMemoryCatalogueFormat();
        LakeCatalogue served = new LakeCatalogue(lake, format);
        CollectCatalogueService collect = new CollectCatalogueService(List.of(source(10)), lake, format, 100, served::refresh);
        InMemoryModelRegistry registry = new InMemoryModelRegistry();
        registry.add(new ModelVersion("m1", T0, new ModelMetrics(Map.of(), 0), "in-memory"));
        registry.promote("m1", "test", T0);
        ServingModel serving = new ServingModel(registry, new InMemoryModelLoader().register(
                InMemoryModelScorer.builder("m1").popular("p1", "p2", "p3").session("p1", "p2", "p3").build()));
        serving.refresh();
        RecommendationService recommend = new RecommendationService(serving, new InMemoryUserHistory(), 10, true, served);
        collect.collect(new CollectCatalogueCommand(JobMonitor.none()));
        assertThat(answers(recommend)).allSatisfy(items -> assertThat(items).contains("p2"));

        load(List.of(product("p2", "a", false).put("updated_at", T0.plusSeconds(60).toString())));
        StepOutcome second = collect.collect(new CollectCatalogueCommand(JobMonitor.none()));

        assertThat(second.counts()).containsEntry("landed", 1L);
        assertThat(answers(recommend)).allSatisfy(items -> assertThat(items).isNotEmpty().doesNotContain("p2"));
        assertThat(recommend.forSession(new SessionQuery(List.of("p1"), 5)).modelVersion()).isEqualTo("m1");
    }

    /** The items of each endpoint's answer: popular (unknown user), a session's, similar items. */
    private static List<List<String>> answers(RecommendationService recommend) {
        return List.of(recommend.forUser(new UserQuery("stranger", 5, Set.of())),
                        recommend.forSession(new SessionQuery(List.of("p1"), 5)),
                        recommend.similarTo(new SimilarItemsQuery("p3", 5))).stream()
                .map(r -> r.items().stream().map(Recommendation::itemId).toList()).toList();
    }

    /** {@code categories} null: an array of two. */
    private static ObjectNode product(String id, String category, boolean inStock) {
        ObjectNode p = JSON.createObjectNode().put("item_id", id).put("title", "product " + id).put("in_stock", inStock)
                .put("updated_at", T0.toString());
        if (category == null) {
            p.putArray("categories").add("a").add("b");
        } else {
            p.put("categories", category);
        }
        return p;
    }

    private record Collected(List<CatalogueItem> items, List<RejectedCatalogueRow> rejected, String checkpoint) {
    }

    /** Collects in chunks of two until the source says it reached the end, as the collection service does. */
    private static Collected collectAll(CatalogueSource source, Optional<String> from) {
        List<CatalogueItem> items = new ArrayList<>();
        List<RejectedCatalogueRow> rejected = new ArrayList<>();
        Optional<String> checkpoint = from;
        for (int round = 0; round < 20; round++) {
            Chunk chunk = source.collect(checkpoint, 2);
            items.addAll(chunk.items());
            rejected.addAll(chunk.rejected());
            checkpoint = Optional.of(chunk.nextCheckpoint());
            if (chunk.endReached()) {
                return new Collected(items, rejected, checkpoint.get());
            }
        }
        throw new AssertionError("the source never reached the end");
    }
}
