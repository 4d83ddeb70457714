package io.clickstream.adapter.search;

import static io.clickstream.adapter.search.SearchEventFixtures.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.application.port.out.CatalogueSource;
import io.clickstream.application.port.out.CatalogueSource.Chunk;
import io.clickstream.domain.CatalogueItem;
import io.clickstream.domain.RejectedCatalogueRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a product index read as a catalogue source must do, against a real engine: every product once, in order of
 * its last change, malformed ones rejected with the reason, and a product changed later read again by the next
 * collection. Field names are the shop's ({@code in_stock} for availability), configured, not the defaults.
 */
abstract class CatalogueSourceContract {
    static final CatalogueFields FIELDS = new CatalogueFields("item_id", "categories", "in_stock", "hidden", "updated_at");
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    abstract void clear();

    abstract void load(List<ObjectNode> products);

    abstract CatalogueSource source(int pageSize);

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
