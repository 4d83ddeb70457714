package io.clickstream.adapter.http;

import io.clickstream.application.port.out.EventJournal;
import java.util.ArrayList;
import java.util.List;

/** An {@link EventJournal} in a list: one segment that never seals; what the HTTP tests check a 202 wrote. */
final class InMemoryEventJournal implements EventJournal {
    private final List<String> entries = new ArrayList<>();

    @Override
    public synchronized void append(List<String> batch) {
        entries.addAll(batch);
    }

    synchronized List<String> entries() {
        return List.copyOf(entries);
    }

    @Override
    public void sealDue() {
    }

    @Override
    public List<String> sealed() {
        return List.of();
    }

    @Override
    public List<String> read(String segment) {
        throw new IllegalArgumentException("no sealed segment " + segment);
    }

    @Override
    public void delete(String segment) {
    }

    @Override
    public String id() {
        return "in-memory";
    }
}
