package io.clickstream.application.port.out;

import java.util.List;
import java.util.function.Consumer;

/**
 * The raw topic as a feed of committed landing rows, for a serving process that follows what other processes publish.
 */
public interface RawEventFeed {

    /**
     * Starts delivering committed rows, from a little before now, to {@code rows} on a thread of the feed's own, until
     * the returned handle is closed.
     */
    AutoCloseable follow(Consumer<List<String>> rows);
}
