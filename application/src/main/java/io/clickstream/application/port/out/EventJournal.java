package io.clickstream.application.port.out;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A local write-ahead log of accepted live events: what it has acknowledged survives a {@code kill -9} of the process.
 * Entries go into an open segment; a segment is sealed when it is full or old enough (the adapter's policy), then
 * read, landed and published by the caller, and deleted only after that. Names are stable across restarts, so a
 * segment handled twice (a crash between its publish and its deletion) is recognised by its name downstream.
 * Thread-safe.
 */
public interface EventJournal {

    /**
     * Appends the entries; the future completes once they are durable (or fails with the reason they are not). Appends
     * made at about the same time share one sync, and the caller's thread never waits for it. Seals the open segment
     * when this fills it.
     */
    CompletableFuture<Void> append(List<String> entries);

    /** Seals the open segment if its oldest entry is older than the policy's maximum age. */
    void sealDue();

    /** The sealed segments' names, oldest first. */
    List<String> sealed();

    /** The entries of a sealed segment, in append order. */
    List<String> read(String segment);

    /** Forgets a sealed segment whose entries are landed and published. */
    void delete(String segment);

    /** This journal's stable id: the same after a restart on the same directory, different for another journal. */
    String id();
}
