package io.clickstream.application.port.in;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Takes the shop's live events ({@code POST /api/v1/events}): each is validated on its own, and the accepted ones are
 * durable when this returns, applied to the served histories at once, and later landed and published like any source.
 */
public interface RecordEventsUseCase {

    /**
     * Validates each event (on the caller's thread) and writes the accepted ones; the receipt comes once they are
     * durable, without holding the caller's thread while they are made so.
     */
    CompletableFuture<EventsReceipt> record(List<SubmittedEvent> events);

    /**
     * One event as the client sent it: every field as text, null when absent. {@code raw} is the event's own text as
     * received (its JSON object), kept in the landing CSV's {@code raw} column.
     */
    record SubmittedEvent(String eventId, String type, String userId, String sessionId, String itemId, String query,
                          String time, String raw) {
        public SubmittedEvent {
            Objects.requireNonNull(raw, "raw");
        }
    }

    /** How many events were accepted, and for each rejected one its index in the batch and why. */
    record EventsReceipt(int accepted, List<Rejection> rejected) {
        public EventsReceipt {
            rejected = List.copyOf(rejected);
        }
    }

    record Rejection(int index, String reason) {
    }
}
