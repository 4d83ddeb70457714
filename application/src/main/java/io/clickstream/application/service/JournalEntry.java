package io.clickstream.application.service;

import io.clickstream.domain.ClickstreamRecord;
import io.clickstream.domain.Interaction;

/**
 * What the events API writes to its journal for one accepted event: the landing row with the two things its landing
 * needs in front of it, so that landing never parses the row again: {@code <epoch day> TAB <partition key> TAB <row>}.
 * The key is a user, session or event id, which hold no whitespace (the events API refuses it).
 */
record JournalEntry(long epochDay, String partitionKey, String row) {
    private static final char SEPARATOR = '\t';

    static JournalEntry of(ClickstreamRecord record, String row) {
        Interaction i = record.interaction();
        return new JournalEntry(Math.floorDiv(i.eventTime().getEpochSecond(), 86_400L), BatchPublication.partitionKey(i), row);
    }

    String encode() {
        return epochDay + String.valueOf(SEPARATOR) + partitionKey + SEPARATOR + row;
    }

    /** @throws IllegalArgumentException if {@code entry} was not written by {@link #encode} */
    static JournalEntry decode(String entry) {
        int day = entry.indexOf(SEPARATOR);
        int key = day < 0 ? -1 : entry.indexOf(SEPARATOR, day + 1);
        if (key < 0) {
            throw new IllegalArgumentException("not a journal entry of the events API");
        }
        return new JournalEntry(Long.parseLong(entry, 0, day, 10), entry.substring(day + 1, key), entry.substring(key + 1));
    }
}
