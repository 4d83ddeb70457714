package io.clickstream.adapter.memory;

import io.clickstream.application.port.out.ClickstreamSource;
import io.clickstream.domain.ClickstreamRecord;
import io.clickstream.domain.RejectedRecord;
import io.clickstream.domain.Source;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ClickstreamSource} over lines the test appends (records, rejected lines, unmatched lines); the
 * checkpoint is the index of the next line, so chunks are deterministic. Thread-safe.
 */
public final class InMemoryClickstreamSource implements ClickstreamSource {
    private final String id;
    private final Source source;
    private final List<Line> lines = new ArrayList<>();
    private final AtomicInteger collectCalls = new AtomicInteger();

    public InMemoryClickstreamSource(String id, Source source) {
        this.id = id;
        this.source = source;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Source source() {
        return source;
    }

    public synchronized InMemoryClickstreamSource append(ClickstreamRecord... records) {
        Arrays.stream(records).forEach(r -> lines.add(new Line(r, null)));
        return this;
    }

    public synchronized InMemoryClickstreamSource appendRejected(RejectedRecord... rejected) {
        Arrays.stream(rejected).forEach(r -> lines.add(new Line(null, r)));
        return this;
    }

    /** Well-formed lines that are not clickstream (assets, health checks): read and counted, never landed. */
    public synchronized InMemoryClickstreamSource appendUnmatched(int count) {
        for (int i = 0; i < count; i++) {
            lines.add(new Line(null, null));
        }
        return this;
    }

    public int collectCalls() {
        return collectCalls.get();
    }

    @Override
    public synchronized Chunk collect(Optional<String> checkpoint, int maxRecords) {
        collectCalls.incrementAndGet();
        int start = checkpoint.map(this::parse).orElse(0);
        int end = Math.min(lines.size(), start + Math.max(1, maxRecords));
        List<ClickstreamRecord> records = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        long unmatched = 0;
        for (Line line : lines.subList(start, end)) {
            if (line.record() != null) {
                records.add(line.record());
            } else if (line.rejected() != null) {
                rejected.add(line.rejected());
            } else {
                unmatched++;
            }
        }
        return new Chunk(records, rejected, end - start, unmatched, Integer.toString(end), end == lines.size());
    }

    private int parse(String checkpoint) {
        try {
            int index = Integer.parseInt(checkpoint);
            if (index < 0 || index > lines.size()) {
                throw new IllegalArgumentException("checkpoint " + checkpoint + " is beyond the " + lines.size()
                        + " lines of source " + id);
            }
            return index;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("checkpoint of source " + id + " is not a line index: '" + checkpoint + "'", e);
        }
    }

    /** Exactly one of record and rejected is set, or neither for an unmatched line. */
    private record Line(ClickstreamRecord record, RejectedRecord rejected) {
    }
}
