package io.clickstream.application.service;

import io.clickstream.application.port.in.RecordEventsUseCase;
import io.clickstream.application.port.out.EventJournal;
import io.clickstream.application.port.out.LandingFormat;
import io.clickstream.domain.ClickstreamRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Accepts the shop's live events: each validated on its own, the accepted ones written to the journal (durable before
 * the answer), then taken into the served histories at once. Landing and publishing follow from the journal
 * ({@link LiveEventLanding}).
 */
public final class LiveEventService implements RecordEventsUseCase {
    private final EventJournal journal;
    private final LandingFormat format;
    private final LiveUserHistory histories;
    private final Clock clock;

    public LiveEventService(EventJournal journal, LandingFormat format, LiveUserHistory histories, Clock clock) {
        this.journal = journal;
        this.format = format;
        this.histories = histories;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<EventsReceipt> record(List<SubmittedEvent> events) {
        Instant arrival = clock.instant();
        List<ClickstreamRecord> accepted = new ArrayList<>(events.size());
        List<String> entries = new ArrayList<>(events.size());
        List<Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            try {
                ClickstreamRecord record = SubmittedEventReader.read(events.get(i), i, arrival);
                entries.add(JournalEntry.of(record, format.encodeRow(record)).encode());
                accepted.add(record);
            } catch (IllegalArgumentException e) {
                rejected.add(new Rejection(i, e.getMessage()));
            }
        }
        EventsReceipt receipt = new EventsReceipt(accepted.size(), rejected);
        if (entries.isEmpty()) {
            return CompletableFuture.completedFuture(receipt);
        }
        return journal.append(entries).thenApply(durable -> {
            // Only once durable: a recommendation must never reflect an event a crash could still lose.
            accepted.forEach(r -> histories.record(r.interaction()));
            return receipt;
        });
    }
}
