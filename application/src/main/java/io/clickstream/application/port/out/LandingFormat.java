package io.clickstream.application.port.out;

import io.clickstream.domain.ClickstreamRecord;
import io.clickstream.domain.RejectedRecord;
import io.clickstream.domain.ZonePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

/**
 * The landing zone's file formats: batches are RFC 4180 CSV with a header and the columns
 * {@code event_id, event_time, source, event_type, user_id, session_id, item_id, query, raw}; a published batch's
 * manifest ({@code landing/_published/<batchId>.json}) is JSON. Contracts that downstream tools read.
 *
 * <p>Cell encoding against spreadsheet formulas (CWE-1236): a value that starts with {@code = + - @}, a tab, a
 * carriage return or the escape itself is written with {@link #CELL_ESCAPE} in front, which a spreadsheet shows as
 * text and readers strip: {@link #escapeCell} and {@link #unescapeCell} round-trip every value exactly.
 */
public interface LandingFormat {
    List<String> COLUMNS = List.of("event_id", "event_time", "source", "event_type", "user_id", "session_id",
            "item_id", "query", "raw");

    /** Put before a cell value a spreadsheet would run as a formula (and before a value starting with itself). */
    char CELL_ESCAPE = '\'';

    /** The characters that make a spreadsheet read a cell as a formula when they start it. */
    String FORMULA_STARTS = "=+-@\t\r";

    /** A value as written in a cell; null stays null. */
    static String escapeCell(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == CELL_ESCAPE || FORMULA_STARTS.indexOf(first) >= 0 ? CELL_ESCAPE + value : value;
    }

    /** A cell as read back: the value {@link #escapeCell} was given. */
    static String unescapeCell(String cell) {
        return cell != null && !cell.isEmpty() && cell.charAt(0) == CELL_ESCAPE ? cell.substring(1) : cell;
    }

    /** Writes a header and one row per record. */
    void writeBatch(List<ClickstreamRecord> records, OutputStream out) throws IOException;

    /**
     * Writes a header and rows already encoded by {@link #encodeRow}: the same bytes as {@link #writeBatch} of the
     * records. Lets the ingest encode each record once for both the landed file and the raw-topic message.
     */
    void writeRows(List<String> encodedRows, OutputStream out) throws IOException;

    /** Reads a batch written by {@link #writeBatch}. */
    List<ClickstreamRecord> readBatch(InputStream in) throws IOException;

    /**
     * One record as a single CSV row without header or record separator: the value of a raw-topic message. Called
     * from several threads at once (the ingest encodes a chunk on every core).
     *
     * @throws IllegalArgumentException if a value cannot be written as UTF-8 (an unpaired surrogate)
     */
    String encodeRow(ClickstreamRecord record);

    /**
     * Reads one row written by {@link #encodeRow} (a raw-topic message value, a journal entry) back into a record.
     *
     * @throws IOException naming the reason when the text is not exactly one valid landing row
     */
    ClickstreamRecord decodeRow(String row) throws IOException;

    /** Writes rejected lines with their reason: {@code source, origin, reason, raw}. */
    void writeRejected(List<RejectedRecord> rejected, OutputStream out) throws IOException;

    /** A published batch's manifest as written to {@code landing/_published/<batchId>.json}. */
    byte[] encodeManifest(PublishedManifest manifest);

    /**
     * What a manifest says: the batch, where its messages went, and when.
     *
     * @param batch the landed batch's path in the lake
     */
    record PublishedManifest(String batchId, ZonePath batch, RawEventPublisher.PublishReceipt receipt,
                             Instant publishedAt) {
    }
}
