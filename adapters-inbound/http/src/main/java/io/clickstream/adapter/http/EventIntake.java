package io.clickstream.adapter.http;

import io.clickstream.application.port.in.RecordEventsUseCase;
import io.clickstream.domain.NotConfiguredException;
import java.util.List;
import java.util.Objects;

/**
 * The events API ({@code POST /api/v1/events}): the use case that takes the events, and how the endpoint guards itself.
 *
 * @param events          takes each batch
 * @param ingestKeys      write-only keys that open this endpoint and nothing else ({@code events.keys}); several at once
 *                        so that a new key can be rolled out before the old one is removed
 * @param maxBatch        the most events one request may carry ({@code events.batch.max}); more is a 413
 * @param ratePerSecond   requests per second one client address may make, on average ({@code events.rate.per.address})
 * @param burst           requests one address may make at once before the rate applies ({@code events.rate.burst})
 */
public record EventIntake(RecordEventsUseCase events, List<String> ingestKeys, int maxBatch, int ratePerSecond,
                          int burst) {
    public static final int DEFAULT_MAX_BATCH = 500;
    public static final int DEFAULT_RATE_PER_SECOND = 50;
    public static final int DEFAULT_BURST = 100;

    public EventIntake {
        Objects.requireNonNull(events, "events");
        ingestKeys = ingestKeys == null ? List.of()
                : ingestKeys.stream().map(String::trim).filter(k -> !k.isEmpty()).toList();
        if (maxBatch < 1 || ratePerSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("events.batch.max, events.rate.per.address and events.rate.burst must be "
                    + "positive");
        }
    }

    /** A server without the events API: the endpoint answers 503 saying so. */
    public static EventIntake none() {
        return new EventIntake(events -> {
            throw new NotConfiguredException("this server does not take live events");
        }, List.of(), DEFAULT_MAX_BATCH, DEFAULT_RATE_PER_SECOND, DEFAULT_BURST);
    }

    /** Keeps the keys out of logs. */
    @Override
    public String toString() {
        return "EventIntake[ingestKeys=" + ingestKeys.size() + ", maxBatch=" + maxBatch + ", ratePerSecond="
                + ratePerSecond + ", burst=" + burst + "]";
    }
}
