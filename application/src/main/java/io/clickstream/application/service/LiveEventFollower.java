package io.clickstream.application.service;

import io.clickstream.application.port.out.LandingFormat;
import io.clickstream.domain.ClickstreamRecord;
import io.clickstream.domain.Source;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Takes the live events other serving processes accepted, as they arrive on the raw topic, into this process's
 * histories. Only the events API's rows count: batch ingest re-reads logs of the past, which the next publish brings.
 * This process's own events come back too and are recognised by their ids.
 */
public final class LiveEventFollower implements Consumer<List<String>> {
    private final LandingFormat format;
    private final LiveUserHistory histories;
    private long unreadable;

    public LiveEventFollower(LandingFormat format, LiveUserHistory histories) {
        this.format = format;
        this.histories = histories;
    }

    @Override
    public void accept(List<String> rows) {
        for (String row : rows) {
            try {
                ClickstreamRecord record = format.decodeRow(row);
                if (record.interaction().source() == Source.API) {
                    histories.record(record.interaction());
                }
            } catch (IOException | IllegalArgumentException e) {
                unreadable++; // staging quarantines such a row with its reason; serving has nothing to add
            }
        }
    }

    /** Rows of the topic that were not landing rows. */
    public long unreadable() {
        return unreadable;
    }
}
