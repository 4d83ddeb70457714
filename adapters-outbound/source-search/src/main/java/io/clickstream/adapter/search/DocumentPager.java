package io.clickstream.adapter.search;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The reading order both kinds of collection share: first the documents without a timestamp (in id order; they are
 * only rejected, but must not vanish), then the documents strictly after the checkpoint in (timestamp, id) order,
 * page by page, until {@code max} documents are read or the engine has no more.
 *
 * <p>Deterministic: the same checkpoint and an unchanged index give the same documents, because the order is total
 * (ids are unique) and page sizes depend only on {@code max}. With a safety lag the upper bound moves with the clock,
 * so a later re-run may read a longer stretch of the same order, never a different one.
 */
final class DocumentPager {
    private final String sourceId;
    private final EngineReader reader;
    private final int pageSize;
    private final Duration safetyLag;
    private final Clock clock;

    DocumentPager(String sourceId, EngineReader reader, int pageSize, Duration safetyLag, Clock clock) {
        this.sourceId = sourceId;
        this.reader = reader;
        this.pageSize = pageSize;
        this.safetyLag = safetyLag;
        this.clock = clock;
    }

    /** Where a read stopped, and whether the engine had nothing more. */
    record Progress(SearchCheckpoint position, boolean endReached) {
    }

    /** Hands each document read to {@code sink}, in order. */
    Progress read(Optional<String> checkpoint, int max, Consumer<EngineDocument> sink) {
        if (max < 1) {
            throw new IllegalArgumentException("the number of documents to read must be positive, got " + max);
        }
        SearchCheckpoint position = SearchCheckpoint.parse(checkpoint, sourceId);
        int budget = max;

        EngineReader.Cursor untimed = reader.untimedAfter(position.untimedId());
        while (true) {
            int size = Math.min(pageSize, budget);
            List<EngineDocument> page = untimed.next(size);
            for (EngineDocument doc : page) {
                sink.accept(doc);
                position = position.afterUntimed(doc.id());
            }
            budget -= page.size();
            if (page.size() < size) {
                break;
            }
            if (budget == 0) {
                return new Progress(position, false);
            }
        }

        Instant before = safetyLag.isZero() ? null : clock.instant().minus(safetyLag);
        EngineReader.Cursor timed = reader.timedAfter(position.timestamp(), position.id(), before);
        while (budget > 0) {
            int size = Math.min(pageSize, budget);
            List<EngineDocument> page = timed.next(size);
            for (EngineDocument doc : page) {
                sink.accept(doc);
                position = position.afterTimed(doc.timestamp(), doc.id());
            }
            budget -= page.size();
            if (page.size() < size) {
                return new Progress(position, true);
            }
        }
        return new Progress(position, false);
    }
}
