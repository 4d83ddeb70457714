package io.clickstream.application.port.out;

import io.clickstream.domain.ClickstreamRecord;
import io.clickstream.domain.RejectedRecord;
import io.clickstream.domain.Source;
import java.util.List;
import java.util.Optional;

/**
 * A collector of new clickstream: access-log files, a search engine's event index. Reads forward from an
 * opaque checkpoint that only this source understands; the ingest service stores it in the lake once the
 * records read up to it are durable, so a crash re-reads rather than loses.
 */
public interface ClickstreamSource {

    /** Stable id used for the checkpoint's file name, such as {@code weblog} or {@code search-opensearch}. */
    String id();

    Source source();

    /**
     * Reads at most about {@code maxRecords} records after {@code checkpoint} (empty: from the beginning).
     * Must be deterministic for a given checkpoint and unchanged input, so a re-run after a crash lands the same
     * batch again rather than a different one.
     */
    Chunk collect(Optional<String> checkpoint, int maxRecords);

    /**
     * Why this source finds nothing at all, when its configuration is the likely cause (a path that matches no
     * file), said so that the operator can fix it; empty when the source simply has nothing new.
     */
    default Optional<String> emptyHint() {
        return Optional.empty();
    }

    /**
     * What one call read.
     *
     * @param records        parsed records to land
     * @param rejected       lines that could not be parsed, with the reason
     * @param linesRead      everything read, including unmatched and rejected lines
     * @param unmatched      well-formed lines that are not clickstream (assets, health checks): counted, not landed
     * @param nextCheckpoint where the next call continues; store it only after the records are durable
     * @param endReached     true when nothing more is available now
     */
    record Chunk(List<ClickstreamRecord> records, List<RejectedRecord> rejected, long linesRead, long unmatched,
                 String nextCheckpoint, boolean endReached) {
        public Chunk {
            records = List.copyOf(records);
            rejected = List.copyOf(rejected);
        }
    }
}
