package io.clickstream.application.port.out;

import io.clickstream.domain.CatalogueItem;
import io.clickstream.domain.RejectedCatalogueRow;
import java.util.List;
import java.util.Optional;

/**
 * A collector of catalogue changes: a search engine's product index, catalogue files dropped into the landing zone.
 * Reads forward from an opaque checkpoint, as {@link ClickstreamSource} does; the collection stores the checkpoint
 * in the lake once what was read up to it is durable.
 */
public interface CatalogueSource {

    /** Stable id for the checkpoint and the landed batches, such as {@code catalogue-csv}. */
    String id();

    /**
     * Reads at most about {@code maxItems} rows after {@code checkpoint} (empty: from the beginning); deterministic for
     * a given checkpoint and unchanged input, so a re-run after a crash lands the same batch again.
     */
    Chunk collect(Optional<String> checkpoint, int maxItems);

    /**
     * @param items          valid rows, in the order read (a later row of an item wins over an earlier one)
     * @param rejected       rows that could not be understood, with the reason
     * @param nextCheckpoint where the next call continues; store it only after the rows are durable
     * @param endReached     true when nothing more is available now
     */
    record Chunk(List<CatalogueItem> items, List<RejectedCatalogueRow> rejected, String nextCheckpoint,
                 boolean endReached) {
        public Chunk {
            items = List.copyOf(items);
            rejected = List.copyOf(rejected);
        }
    }
}
