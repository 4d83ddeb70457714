package io.clickstream.adapter.memory;

import io.clickstream.application.port.out.EventJournal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An {@link EventJournal} in memory: segments seal when full or on {@link #sealDue} (its age policy is "always due");
 * names are never reused. Durable only as long as the object; the real one is {@code LocalFsEventJournal}.
 */
public final class InMemoryEventJournal implements EventJournal {
    private final int maxEntries;
    private final List<String> open = new ArrayList<>();
    private final Map<String, List<String>> sealed = new LinkedHashMap<>();
    private final List<String> everAppended = new ArrayList<>();
    private long nextSegment = 1;

    public InMemoryEventJournal(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    @Override
    public synchronized CompletableFuture<Void> append(List<String> entries) {
        open.addAll(entries);
        everAppended.addAll(entries);
        if (open.size() >= maxEntries) {
            sealDue();
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Every entry ever appended, in order: what the 202s made durable. */
    public synchronized List<String> entries() {
        return List.copyOf(everAppended);
    }

    @Override
    public synchronized void sealDue() {
        if (!open.isEmpty()) {
            sealed.put(String.format("%012d", nextSegment++), List.copyOf(open));
            open.clear();
        }
    }

    @Override
    public synchronized List<String> sealed() {
        return List.copyOf(sealed.keySet());
    }

    @Override
    public synchronized List<String> read(String segment) {
        List<String> entries = sealed.get(segment);
        if (entries == null) {
            throw new IllegalArgumentException("no sealed segment " + segment);
        }
        return entries;
    }

    @Override
    public synchronized void delete(String segment) {
        sealed.remove(segment);
    }

    @Override
    public String id() {
        return "in-memory";
    }
}
