package io.clickstream.generator;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes lines into one file per UTC day, named as logrotate with {@code delaycompress} leaves them:
 * {@code access.log} for the last day, {@code access.log.1} for the day before, {@code access.log.N.gz} before that.
 */
final class AccessLogFiles implements Closeable {
    private static final long DAY_MS = 86_400_000L;

    /** Lines and time span of one written file. */
    record FileStats(String name, LocalDate day, long lines, Long firstMs, Long lastMs) {
    }

    private final Path dir;
    private final long firstDay;
    private final long lastDay;
    private final List<FileStats> done = new ArrayList<>();
    private long openDay;
    private OutputStream out;
    private long lines;
    private long firstMs;
    private long lastMs;

    AccessLogFiles(Path dir, LocalDate firstDay, LocalDate lastDay) throws IOException {
        this.dir = dir;
        this.firstDay = firstDay.toEpochDay();
        this.lastDay = lastDay.toEpochDay();
        Files.createDirectories(dir);
        open(this.firstDay);
    }

    static String fileName(long age) {
        return age == 0 ? "access.log" : age == 1 ? "access.log.1" : "access.log." + age + ".gz";
    }

    /** Appends one line (a line feed is added) stamped at the given time; times never go backwards. */
    void write(long timeMs, byte[] line) throws IOException {
        long day = Math.floorDiv(timeMs, DAY_MS);
        if (day < openDay || day > lastDay) {
            throw new IllegalStateException("line time " + timeMs + " outside the open day " + openDay);
        }
        while (day > openDay) {
            rollTo(openDay + 1);
        }
        out.write(line);
        out.write('\n');
        lines++;
        if (lines == 1) {
            firstMs = timeMs;
        }
        lastMs = timeMs;
    }

    List<FileStats> files() {
        return List.copyOf(done);
    }

    /** Finishes every remaining day (empty days still get their file, so rotation is always complete). */
    @Override
    public void close() throws IOException {
        if (out == null) {
            return;
        }
        while (openDay < lastDay) {
            rollTo(openDay + 1);
        }
        finishOpen();
        out = null;
    }

    private void rollTo(long day) throws IOException {
        finishOpen();
        open(day);
    }

    private void finishOpen() throws IOException {
        out.close();
        done.add(new FileStats(fileName(lastDay - openDay), LocalDate.ofEpochDay(openDay), lines,
                lines == 0 ? null : firstMs, lines == 0 ? null : lastMs));
    }

    private void open(long day) throws IOException {
        openDay = day;
        lines = 0;
        long age = lastDay - day;
        OutputStream file = Files.newOutputStream(dir.resolve(fileName(age)));
        out = age >= 2 ? new BufferedOutputStream(new FastGzip(file), 1 << 16) : new BufferedOutputStream(file, 1 << 16);
    }

    /** gzip at the fastest level: the files only need to be real gzip, and generation speed matters more. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
