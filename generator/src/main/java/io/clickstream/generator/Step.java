package io.clickstream.generator;

/**
 * One planned step of an actor, at a time offset from the actor's start: an access-log line, or (for
 * {@link StepKind#SEARCH_EVENT} and {@link StepKind#CLICK_EVENT}) an event for the search engine's log.
 *
 * @param method   HTTP method, or null for a request line the server could not read (logged as {@code "-"})
 * @param item     item index for event lines and clicks, or -1
 * @param query    search query (search pages and search-engine events), else null
 * @param position 1-based result position of a click, else 0
 */
record Step(long offsetMs, StepKind kind, String method, String target, int status, int bytes, String referer,
            int item, String query, int position) {

    static Step line(long offsetMs, StepKind kind, String method, String target, int status, int bytes,
                     String referer, int item) {
        return new Step(offsetMs, kind, method, target, status, bytes, referer, item, null, 0);
    }

    static Step searchEvent(long offsetMs, String query) {
        return new Step(offsetMs, StepKind.SEARCH_EVENT, null, null, 0, 0, null, -1, query, 0);
    }

    static Step clickEvent(long offsetMs, String query, int item, int position) {
        return new Step(offsetMs, StepKind.CLICK_EVENT, null, null, 0, 0, null, item, query, position);
    }
}
