package io.clickstream.adapter.search;

import io.clickstream.application.port.out.ClickstreamSource.Chunk;
import io.clickstream.domain.ClickstreamRecord;
import io.clickstream.domain.RejectedRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The collection loop both engines share: first the documents without a timestamp (in id order; they are only
 * rejected, but must not vanish), then the events strictly after the checkpoint in (timestamp, id) order, page by
 * page, until {@code maxRecords} documents are read or the engine has no more.
 *
 * <p>Deterministic: the same checkpoint and an unchanged index give the same chunk, because the order is total
 * (ids are unique) and page sizes depend only on {@code maxRecords}. With a safety lag the upper bound moves with the
 * clock, so a later re-run may read a longer stretch of the same order, never a different one.
 */
final class SearchEventCollector {

    private final String sourceId;
    private final EngineReader reader;
    private final SearchEventMapper mapper;
    private final int pageSize;
    private final Duration safetyLag;
    private final Clock clock;

    SearchEventCollector(String sourceId, EngineReader reader, SearchEventMapper mapper, int pageSize,
                         Duration safetyLag, Clock clock) {
        this.sourceId = sourceId;
        this.reader = reader;
        this.mapper = mapper;
        this.pageSize = pageSize;
        this.safetyLag = safetyLag;
        this.clock = clock;
    }

    Chunk collect(Optional<String> checkpoint, int maxRecords) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be positive, got " + maxRecords);
        }
        SearchCheckpoint position = SearchCheckpoint.parse(checkpoint, sourceId);
        List<ClickstreamRecord> records = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        int budget = maxRecords;

        EngineReader.Cursor untimed = reader.untimedAfter(position.untimedId());
        while (true) {
            int size = Math.min(pageSize, budget);
            List<EngineDocument> page = untimed.next(size);
            for (EngineDocument doc : page) {
                add(mapper.map(doc), records, rejected);
                position = position.afterUntimed(doc.id());
            }
            budget -= page.size();
            if (page.size() < size) {
                break;
            }
            if (budget == 0) {
                return chunk(records, rejected, position, false);
            }
        }

        Instant before = safetyLag.isZero() ? null : clock.instant().minus(safetyLag);
        EngineReader.Cursor timed = reader.timedAfter(position.timestamp(), position.id(), before);
        while (budget > 0) {
            int size = Math.min(pageSize, budget);
            List<EngineDocument> page = timed.next(size);
            for (EngineDocument doc : page) {
                add(mapper.map(doc), records, rejected);
                position = position.afterTimed(doc.timestamp(), doc.id());
            }
            budget -= page.size();
            if (page.size() < size) {
                return chunk(records, rejected, position, true);
            }
        }
        return chunk(records, rejected, position, false);
    }

    private static void add(SearchEventMapper.Mapped mapped, List<ClickstreamRecord> records,
                            List<RejectedRecord> rejected) {
        if (mapped.record() != null) {
            records.add(mapped.record());
        } else {
            rejected.add(mapped.rejected());
        }
    }

    private static Chunk chunk(List<ClickstreamRecord> records, List<RejectedRecord> rejected,
                               SearchCheckpoint position, boolean endReached) {
        return new Chunk(records, rejected, records.size() + rejected.size(), 0, position.toJson(), endReached);
    }
}
