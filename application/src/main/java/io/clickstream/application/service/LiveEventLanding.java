package io.clickstream.application.service;

import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.EventJournal;
import io.clickstream.application.port.out.LandingFormat;
import io.clickstream.application.port.out.RawEventPublisher;
import io.clickstream.application.service.BatchPublication.LandedBatch;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.Source;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Lands the journal's sealed segments as {@code source=api} batches, one per UTC day of their events, and publishes
 * them through the same protocol as ingest; a segment is deleted only once every batch of it has its manifest.
 *
 * <p>Exactly once across crashes: a batch's id derives from the journal's id and the segment's name, so a segment
 * handled again after a crash lands the same file under the same name, and a batch that has its manifest, or that
 * the publisher already has, is not sent again. Only a segment that may have been handled before is asked about (one
 * the journal held when this landing started, left by an earlier process, or one whose landing failed here): a
 * segment sealed since cannot have been, and asking the publisher costs a read of its batch markers.
 */
public final class LiveEventLanding {
    private final EventJournal journal;
    private final DataLake lake;
    private final LandingFormat format;
    private final BatchPublication publication;
    /** Segments that may already be landed or published in part; null until the first pass. Landing thread only. */
    private Set<String> handledBefore;

    public LiveEventLanding(EventJournal journal, DataLake lake, LandingFormat format, RawEventPublisher publisher,
                            Clock clock) {
        this.journal = journal;
        this.lake = lake;
        this.format = format;
        this.publication = new BatchPublication(lake, format, publisher, clock);
    }

    /** Seals the open segment if it is due, then lands and publishes every sealed one; returns the events published. */
    public synchronized long landDue() {
        if (handledBefore == null) {
            handledBefore = new HashSet<>(journal.sealed());
        }
        journal.sealDue();
        long published = 0;
        for (String segment : journal.sealed()) {
            try {
                published += land(segment, handledBefore.contains(segment));
            } catch (RuntimeException e) {
                handledBefore.add(segment);
                throw e;
            }
            journal.delete(segment);
            handledBefore.remove(segment);
        }
        return published;
    }

    private long land(String segment, boolean maybeHandledBefore) {
        long published = 0;
        for (LandedBatch batch : batches(segment)) {
            if (maybeHandledBefore && publication.hasManifest(batch.batchId())) {
                continue;
            }
            lake.write(batch.path(), out -> format.writeRows(batch.rows(), out));
            if (!maybeHandledBefore || publication.recoverManifest(batch.batchId(), batch.path()).isEmpty()) {
                published += publication.publish(batch).messages();
            }
        }
        return published;
    }

    private List<LandedBatch> batches(String segment) {
        Map<Long, List<String>> rows = new TreeMap<>();
        Map<Long, List<String>> keys = new TreeMap<>();
        for (String entry : journal.read(segment)) {
            JournalEntry e = decode(entry, segment);
            rows.computeIfAbsent(e.epochDay(), d -> new ArrayList<>()).add(e.row());
            keys.computeIfAbsent(e.epochDay(), d -> new ArrayList<>()).add(e.partitionKey());
        }
        List<LandedBatch> batches = new ArrayList<>(rows.size());
        for (Map.Entry<Long, List<String>> day : rows.entrySet()) {
            LocalDate date = LocalDate.ofEpochDay(day.getKey());
            String batchId = Source.API.wireName() + "-" + date.toString().replace("-", "") + "-" + journal.id() + "-" + segment;
            batches.add(new LandedBatch(batchId, LakeLayout.landingBatch(Source.API, date, batchId), day.getValue(),
                    keys.get(day.getKey())));
        }
        return batches;
    }

    private static JournalEntry decode(String entry, String segment) {
        try {
            return JournalEntry.decode(entry);
        } catch (IllegalArgumentException e) {
            // The journal holds only entries this service wrote and checksummed: unreadable means a bug, not input.
            throw new IllegalStateException("journal segment " + segment + " holds an entry the events API did not write: "
                    + e.getMessage(), e);
        }
    }
}
