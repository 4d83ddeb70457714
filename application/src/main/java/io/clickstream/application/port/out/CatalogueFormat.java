package io.clickstream.application.port.out;

import io.clickstream.domain.CatalogueItem;
import io.clickstream.domain.RejectedCatalogueRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The catalogue CSV, a contract shops write and other tools read: RFC 4180, UTF-8, a header row naming the columns
 * {@code item_id, categories, available, hidden, updated_at} (any order; {@code hidden} may be left out), categories
 * separated by {@code |}, {@code true}/{@code false} flags and an ISO-8601 UTC {@code updated_at}. The same format
 * is dropped into the landing zone by a shop and written by the collection into landed catalogue batches.
 */
public interface CatalogueFormat {
    List<String> COLUMNS = List.of("item_id", "categories", "available", "hidden", "updated_at");

    /** Writes a header and one row per item. */
    void write(List<CatalogueItem> items, OutputStream out) throws IOException;

    /**
     * Reads a catalogue file: the rows that are valid, and each other row with the reason. A file whose header lacks a
     * column, or that is not CSV at all, is one rejected row saying so.
     *
     * @param origin names the file in rejected rows
     */
    Parsed read(InputStream in, String origin) throws IOException;

    /** Writes refused rows with their reason: {@code origin, reason, raw}. */
    void writeRejected(List<RejectedCatalogueRow> rejected, OutputStream out) throws IOException;

    record Parsed(List<CatalogueItem> items, List<RejectedCatalogueRow> rejected) {
        public Parsed {
            items = List.copyOf(items);
            rejected = List.copyOf(rejected);
        }
    }
}
