package io.clickstream.testing;

import io.clickstream.domain.ClickstreamRecord;
import io.clickstream.domain.EventId;
import io.clickstream.domain.EventType;
import io.clickstream.domain.Interaction;
import io.clickstream.domain.RejectedRecord;
import io.clickstream.domain.Source;
import java.time.Instant;

/** Short-hand for building collected records in tests, with a raw line and a deterministic event id as a source would. */
public final class ClickstreamRecords {
    private ClickstreamRecords() {
    }

    public static ClickstreamRecord record(Source source, EventType type, String time, String user, String session,
                                           String item, String query) {
        String raw = String.join(" ", source.wireName(), type.wireName(), time, String.valueOf(user),
                String.valueOf(session), String.valueOf(item), String.valueOf(query));
        Interaction interaction = new Interaction(EventId.of(source, raw), Instant.parse(time), source, type, user,
                session, item, query);
        return new ClickstreamRecord(interaction, raw);
    }

    public static ClickstreamRecord view(String time, String user, String session, String item) {
        return record(Source.WEBLOG, EventType.VIEW, time, user, session, item, null);
    }

    public static ClickstreamRecord purchase(String time, String user, String session, String item) {
        return record(Source.WEBLOG, EventType.PURCHASE, time, user, session, item, null);
    }

    public static ClickstreamRecord search(String time, String user, String session, String query) {
        return record(Source.SEARCH, EventType.SEARCH, time, user, session, null, query);
    }

    public static RejectedRecord rejected(Source source, String raw, String reason) {
        return new RejectedRecord(source, "test-input", reason, raw);
    }
}
