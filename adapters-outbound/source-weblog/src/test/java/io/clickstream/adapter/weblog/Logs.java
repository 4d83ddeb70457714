package io.clickstream.adapter.weblog;

import io.clickstream.application.port.out.ClickstreamSource.Chunk;
import io.clickstream.domain.ClickstreamRecord;
import io.clickstream.domain.RejectedRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/** Fixture access logs for the tests, and a collector that drains a source. */
final class Logs {

    private Logs() {
    }

    static Path newDir() {
        try {
            return Files.createDirectories(Path.of("target", "test-logs", UUID.randomUUID().toString()))
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A combined-format line with the session-cookie field, or without it when {@code cookie} is null. */
    static String line(String user, String time, String request, int status, String cookie) {
        return "203.0.113.7 - " + user + " [" + time + "] \"" + request + "\" " + status
                + " 5123 \"https://shop.example/\" \"Mozilla/5.0 (X11; Linux x86_64)\""
                + (cookie == null ? "" : " \"" + cookie + "\"");
    }

    /** A distinct view line per number, so files made of them never start alike. */
    static String view(int n) {
        return line("u" + n, String.format("21/Nov/2026:10:%02d:%02d +0000", (n / 60) % 60, n % 60),
                "GET /product/i" + n + " HTTP/1.1", 200, "s-" + n);
    }

    static List<String> views(int from, int count) {
        List<String> lines = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            lines.add(view(i));
        }
        return lines;
    }

    static Path write(Path file, List<String> lines) {
        return writeBytes(file, (String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"))
                .getBytes(StandardCharsets.UTF_8), false);
    }

    static Path append(Path file, String text) {
        return writeBytes(file, text.getBytes(StandardCharsets.UTF_8), true);
    }

    static Path writeBytes(Path file, byte[] bytes, boolean append) {
        try {
            return Files.write(file, bytes, StandardOpenOption.CREATE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path gzip(Path source, Path target) {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
            out.write(Files.readAllBytes(source));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything a source gives until it reports the end, call by call, like the ingest service. */
    static final class Drained {
        final List<ClickstreamRecord> records = new ArrayList<>();
        final List<RejectedRecord> rejected = new ArrayList<>();
        final List<Chunk> chunks = new ArrayList<>();
        long lines;
        long unmatched;
        Optional<String> checkpoint;

        List<String> items() {
            return records.stream().map(r -> r.interaction().itemId()).toList();
        }
    }

    static Drained drain(WeblogClickstreamSourceAdapter source, Optional<String> checkpoint, int maxRecords) {
        Drained d = new Drained();
        d.checkpoint = checkpoint;
        for (int i = 0; i < 100_000; i++) {
            Chunk c = source.collect(d.checkpoint, maxRecords);
            d.chunks.add(c);
            d.records.addAll(c.records());
            d.rejected.addAll(c.rejected());
            d.lines += c.linesRead();
            d.unmatched += c.unmatched();
            d.checkpoint = Optional.of(c.nextCheckpoint());
            if (c.endReached()) {
                return d;
            }
        }
        throw new AssertionError("the source never reported its end");
    }
}
