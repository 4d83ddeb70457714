package io.clickstream.adapter.memory;

import io.clickstream.application.port.out.LandingFormat;
import io.clickstream.domain.ClickstreamRecord;
import io.clickstream.domain.EventType;
import io.clickstream.domain.Interaction;
import io.clickstream.domain.RejectedRecord;
import io.clickstream.domain.Source;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately fake {@link LandingFormat}: tab-separated lines with backslash escapes ({@code \N} for null), not
 * the RFC 4180 CSV of the real landing contract; for specs that need a reversible format and nothing more.
 */
public final class InMemoryLandingFormat implements LandingFormat {
    private static final String NULL = "\\N";
    private static final List<String> REJECTED_COLUMNS = List.of("source", "origin", "reason", "raw");

    @Override
    public void writeBatch(List<ClickstreamRecord> records, OutputStream out) throws IOException {
        writeRows(records.stream().map(this::encodeRow).toList(), out);
    }

    @Override
    public void writeRows(List<String> encodedRows, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder(String.join("\t", COLUMNS)).append('\n');
        encodedRows.forEach(r -> sb.append(r).append('\n'));
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public List<ClickstreamRecord> readBatch(InputStream in) throws IOException {
        List<ClickstreamRecord> records = new ArrayList<>();
        for (List<String> f : readRows(in, COLUMNS)) {
            records.add(record(f));
        }
        return records;
    }

    @Override
    public ClickstreamRecord decodeRow(String row) throws IOException {
        String header = String.join("\t", COLUMNS) + "\n";
        List<List<String>> rows = readRows(new java.io.ByteArrayInputStream((header + row + "\n")
                .getBytes(StandardCharsets.UTF_8)), COLUMNS);
        if (rows.size() != 1) {
            throw new IOException("a landing row is one line, got " + rows.size());
        }
        return record(rows.get(0));
    }

    private static ClickstreamRecord record(List<String> f) {
        Interaction i = new Interaction(f.get(0), Instant.parse(f.get(1)), Source.fromWireName(f.get(2)),
                EventType.fromWireName(f.get(3)), f.get(4), f.get(5), f.get(6), f.get(7));
        return new ClickstreamRecord(i, f.get(8));
    }

    @Override
    public String encodeRow(ClickstreamRecord record) {
        Interaction i = record.interaction();
        return join(i.eventId(), i.eventTime().toString(), i.source().wireName(), i.eventType().wireName(),
                i.userId(), i.sessionId(), i.itemId(), i.query(), record.raw());
    }

    /** The manifest's record as text: the JSON of a real one is the landing adapter's, tested there. */
    @Override
    public byte[] encodeManifest(PublishedManifest manifest) {
        return manifest.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void writeRejected(List<RejectedRecord> rejected, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder(String.join("\t", REJECTED_COLUMNS)).append('\n');
        rejected.forEach(r -> sb.append(join(r.source().wireName(), r.origin(), r.reason(), r.raw())).append('\n'));
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Reads what {@link #writeRejected} wrote, so a spec can check the rejected chunk's content. */
    public List<RejectedRecord> readRejected(InputStream in) throws IOException {
        List<RejectedRecord> rejected = new ArrayList<>();
        for (List<String> f : readRows(in, REJECTED_COLUMNS)) {
            rejected.add(new RejectedRecord(Source.fromWireName(f.get(0)), f.get(1), f.get(2), f.get(3)));
        }
        return rejected;
    }

    private static List<List<String>> readRows(InputStream in, List<String> columns) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String header = reader.readLine();
        if (header == null || !header.equals(String.join("\t", columns))) {
            throw new IOException("not a batch of the fake landing format: header is '" + header + "'");
        }
        List<List<String>> rows = new ArrayList<>();
        for (String line; (line = reader.readLine()) != null; ) {
            List<String> fields = new ArrayList<>();
            for (String field : line.split("\t", -1)) {
                fields.add(unescape(field));
            }
            if (fields.size() != columns.size()) {
                throw new IOException("expected " + columns.size() + " fields, got " + fields.size() + ": " + line);
            }
            rows.add(fields);
        }
        return rows;
    }

    private static String join(String... fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            sb.append(i == 0 ? "" : "\t").append(escape(fields[i]));
        }
        return sb.toString();
    }

    private static String escape(String s) {
        if (s == null) {
            return NULL;
        }
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String s) {
        if (s.equals(NULL)) {
            return null;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(++i);
                sb.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
