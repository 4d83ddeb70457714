package io.clickstream.adapter.csv;

import io.clickstream.application.port.out.LandingFormat;
import io.clickstream.domain.ClickstreamRecord;
import io.clickstream.domain.RejectedRecord;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The landing zone's CSV format (ARCHITECTURE.md §4) on Apache Commons CSV: RFC 4180, UTF-8, a header row, and the
 * original record kept byte-for-byte in {@code raw}; every cell escaped against spreadsheet formulas
 * ({@link LandingFormat#escapeCell}), landing and rejected-lines files alike.
 *
 * <p>Streams passed in are neither closed nor owned: the caller opened them and closes them. Thread-safe and
 * stateless.
 */
public final class CommonsCsvLandingFormat implements LandingFormat {
    /** Header of the rejected-lines files under {@code landing/_rejected/}. */
    public static final List<String> REJECTED_COLUMNS = List.of("source", "origin", "reason", "raw");

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    // RFC4180 in Commons CSV: comma, double quote, CRLF, no trimming, empty lines kept (so a stray one is reported).
    private static final CSVFormat ROW = CSVFormat.RFC4180;
    private static final CSVFormat BATCH = ROW.builder().setHeader(COLUMNS.toArray(String[]::new)).get();
    private static final String HEADER_ROW = ROW.format(COLUMNS.toArray());
    private static final String RECORD_SEPARATOR = ROW.getRecordSeparator();
    private static final byte[] HEADER_BYTES = (HEADER_ROW + RECORD_SEPARATOR).getBytes(StandardCharsets.UTF_8);
    private static final byte[] SEPARATOR_BYTES = RECORD_SEPARATOR.getBytes(StandardCharsets.UTF_8);
    private static final CSVFormat REJECTED = ROW.builder().setHeader(REJECTED_COLUMNS.toArray(String[]::new)).get();

    @Override
    public void writeBatch(List<ClickstreamRecord> records, OutputStream out) throws IOException {
        Writer writer = utf8Writer(out);
        CSVPrinter printer = new CSVPrinter(writer, BATCH);
        for (int i = 0; i < records.size(); i++) {
            List<String> values = LandingRowMapper.toValues(records.get(i));
            requireEncodable(values, "record " + (i + 1));
            printer.printRecord(values);
        }
        // flush, not close: the caller owns the stream (it may still have to fsync or rename it)
        printer.flush();
    }

    @Override
    public List<ClickstreamRecord> readBatch(InputStream in) throws IOException {
        RowReader rows = new RowReader(in, "landing batch");
        rows.expectHeader(COLUMNS);
        List<ClickstreamRecord> records = new ArrayList<>();
        for (CSVRecord row = rows.next(); row != null; row = rows.next()) {
            records.add(rows.map(row));
        }
        return records;
    }

    @Override
    public void writeRows(List<String> encodedRows, OutputStream out) throws IOException {
        // Each row as UTF-8 bytes straight to the stream (the lake buffers it): String.getBytes has a fast path for
        // ASCII text that a Writer's char-by-char encoder lacks. The same bytes: rows never hold an unpaired surrogate.
        out.write(HEADER_BYTES);
        for (String row : encodedRows) {
            out.write(row.getBytes(StandardCharsets.UTF_8));
            out.write(SEPARATOR_BYTES);
        }
        out.flush();
    }

    @Override
    public String encodeRow(ClickstreamRecord record) {
        // What ROW.format(LandingRowMapper.toValues(record)) returns, written directly: this runs once per landed
        // record, and Commons CSV's path costs a value list, a stream and a date formatter per record
        return LandingRowEncoder.encode(record);
    }

    @Override
    public ClickstreamRecord decodeRow(String row) throws IOException {
        RowReader rows = new RowReader(new StringReader(row), "landing row");
        CSVRecord first = rows.next();
        if (first == null) {
            throw new IOException("landing row is empty");
        }
        ClickstreamRecord record = rows.map(first);
        if (rows.next() != null) {
            throw new IOException("landing row holds more than one CSV record");
        }
        return record;
    }

    @Override
    public byte[] encodeManifest(PublishedManifest manifest) {
        return PublishedManifestJson.encode(manifest);
    }

    @Override
    public void writeRejected(List<RejectedRecord> rejected, OutputStream out) throws IOException {
        Writer writer = utf8Writer(out);
        CSVPrinter printer = new CSVPrinter(writer, REJECTED);
        for (int i = 0; i < rejected.size(); i++) {
            RejectedRecord r = rejected.get(i);
            List<String> values = Stream.of(r.source().wireName(), r.origin(), r.reason(), r.raw())
                    .map(LandingFormat::escapeCell).toList();
            requireEncodable(values, "rejected record " + (i + 1));
            printer.printRecord(values);
        }
        printer.flush();
    }

    private static Writer utf8Writer(OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    /** A lone surrogate would silently become '?' in UTF-8: refuse it so raw stays exact or fails loudly. */
    private static void requireEncodable(List<String> values, String what) throws IOException {
        for (int column = 0; column < values.size(); column++) {
            String value = values.get(column);
            if (value == null) {
                continue;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new IOException(what + ": column " + (column + 1) + " holds an unpaired UTF-16 surrogate"
                            + " at index " + i + ", which UTF-8 cannot represent");
                }
            }
        }
    }

    /** Walks the records of one CSV text, keeping the row and line numbers that error messages need. */
    private static final class RowReader {
        private final String what;
        private final CSVParser parser;
        private final Iterator<CSVRecord> iterator;
        private boolean inHeader;
        private long row;
        private long startLine = 1;
        private long linesConsumed;

        RowReader(InputStream in, String what) throws IOException {
            this(new StringReader(strictUtf8(in.readAllBytes(), what)), what);
        }

        /**
         * Decodes up front (a batch is held in memory anyway) so a bad byte is reported with its line, and never
         * silently replaced by U+FFFD.
         */
        private static String strictUtf8(byte[] bytes, String what) throws IOException {
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(bytes);
            CharBuffer out = CharBuffer.allocate(bytes.length);
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                int offset = in.position();
                long line = 1;
                for (int i = 0; i < offset; i++) {
                    if (bytes[i] == '\n') {
                        line++;
                    }
                }
                throw new IOException(what + " is not valid UTF-8: malformed byte sequence at byte offset " + offset
                        + " (line " + line + ")");
            }
            decoder.flush(out);
            return out.flip().toString();
        }

        RowReader(Reader reader, String what) throws IOException {
            this.what = what;
            BufferedReader buffered = new BufferedReader(reader);
            skipByteOrderMark(buffered);
            this.parser = CSVParser.builder().setReader(buffered).setFormat(ROW).get();
            this.iterator = parser.iterator();
        }

        void expectHeader(List<String> columns) throws IOException {
            inHeader = true;
            CSVRecord header = next();
            if (header == null) {
                throw new IOException(what + " is empty: expected a header row " + String.join(",", columns));
            }
            List<String> found = header.toList();
            if (!found.equals(columns)) {
                throw failure("is " + found + " but must be exactly " + columns, null);
            }
            inHeader = false;
            row = 0;
        }

        /** The next record, or null at the end. */
        CSVRecord next() throws IOException {
            row++;
            startLine = linesConsumed + 1;
            try {
                return iterator.hasNext() ? iterator.next() : null;
            } catch (UncheckedIOException e) {
                throw failure("is not valid CSV: " + rootMessage(e), e.getCause());
            } finally {
                linesConsumed = parser.getCurrentLineNumber();
            }
        }

        ClickstreamRecord map(CSVRecord record) throws IOException {
            try {
                return LandingRowMapper.fromValues(record.toList());
            } catch (IllegalArgumentException e) {
                throw failure(e.getMessage(), e);
            }
        }

        private IOException failure(String reason, Throwable cause) {
            String where = inHeader ? "header" : "row " + row;
            return new IOException(what + " " + where + " (line " + startLine + "): " + reason, cause);
        }

        private static String rootMessage(Throwable e) {
            Throwable t = e;
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            return t.getMessage() == null ? t.toString() : t.getMessage();
        }

        private static void skipByteOrderMark(BufferedReader reader) throws IOException {
            reader.mark(1);
            if (reader.read() != BYTE_ORDER_MARK) {
                reader.reset();
            }
        }
    }
}
