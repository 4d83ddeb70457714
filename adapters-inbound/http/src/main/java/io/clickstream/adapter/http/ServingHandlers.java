package io.clickstream.adapter.http;

import io.clickstream.domain.InvalidParameterException;
import io.undertow.server.HttpServerExchange;

/** {@code GET /api/v1/serving/timeline}: requests and latency per route over the last minutes, and model swaps. */
final class ServingHandlers {
    static final int DEFAULT_MINUTES = 10;

    private final ServingTimeline timeline;
    private final JsonCodec json;

    ServingHandlers(ServingTimeline timeline, JsonCodec json) {
        this.timeline = timeline;
        this.json = json;
    }

    void timeline(HttpServerExchange exchange) {
        int minutes = RequestParams.intQuery(exchange, "minutes", DEFAULT_MINUTES);
        if (minutes < 1 || minutes > ServingTimeline.MAX_MINUTES) {
            throw new InvalidParameterException("minutes", "must be between 1 and " + ServingTimeline.MAX_MINUTES
                    + ", got " + minutes);
        }
        json.send(exchange, 200, timeline.last(minutes));
    }
}
