package io.clickstream.adapter.memory;

import io.clickstream.application.port.out.RawEventPublisher.RawMessage;
import io.clickstream.application.port.out.StagingProcessor;
import io.clickstream.domain.JobMonitor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link StagingProcessor} that consumes what an {@link InMemoryRawEventPublisher} holds after its own offset,
 * dropping messages whose value it has staged before (the dedup by event id, approximately). Thread-safe.
 */
public final class InMemoryStagingProcessor implements StagingProcessor {
    private final InMemoryRawEventPublisher topic;
    private final Set<String> seen = new HashSet<>();
    private final List<RawMessage> staged = new ArrayList<>();
    private int offset;

    public InMemoryStagingProcessor(InMemoryRawEventPublisher topic) {
        this.topic = topic;
    }

    @Override
    public synchronized StagingReport stage(JobMonitor monitor) {
        List<RawMessage> all = topic.messages();
        List<RawMessage> fresh = all.subList(offset, all.size());
        long duplicates = 0;
        for (RawMessage m : fresh) {
            monitor.checkNotStopped();
            if (seen.add(m.value())) {
                staged.add(m);
            } else {
                duplicates++;
            }
        }
        offset = all.size();
        long read = fresh.size();
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("read", read);
        counts.put("staged", read - duplicates);
        counts.put("duplicates", duplicates);
        monitor.progress(1.0);
        return new StagingReport(read, read - duplicates, counts);
    }

    /** Every message staged so far, in order. */
    public synchronized List<RawMessage> staged() {
        return List.copyOf(staged);
    }
}
