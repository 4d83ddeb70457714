package io.clickstream.adapter.search;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Reads event documents from one search engine in the order a search source collects them. */
interface EngineReader {

    /**
     * Documents with a timestamp, ordered by (timestamp, id), strictly after the given position (null: from the
     * first) and, when {@code before} is not null, with a timestamp strictly before it.
     */
    Cursor timedAfter(Instant timestamp, String id, Instant before);

    /** Documents without a timestamp, ordered by id, strictly after {@code id} (null: from the first). */
    Cursor untimedAfter(String id);

    /** The number of documents in the index or collection, for a health check: one attempt, no retries. */
    long count(Duration timeout) throws IOException;

    /** Pages through one read; each call continues after the previous page. */
    interface Cursor {
        /** The next at most {@code size} documents; fewer than {@code size} means the read is complete. */
        List<EngineDocument> next(int size);
    }
}
