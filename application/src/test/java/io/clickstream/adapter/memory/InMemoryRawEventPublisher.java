package io.clickstream.adapter.memory;

import io.clickstream.application.port.out.RawEventPublisher;
import io.clickstream.domain.DependencyUnavailableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link RawEventPublisher} that keeps every published batch in order (one partition) and can be told to fail
 * the next calls, as a broker that is down would. Like the Kafka adapter it remembers each published batch's
 * receipt together with its messages, and a failed call leaves neither. Thread-safe.
 */
public final class InMemoryRawEventPublisher implements RawEventPublisher {
    private final String topic;
    private final Map<String, List<RawMessage>> batches = new LinkedHashMap<>();
    private final Map<String, Integer> publishCounts = new LinkedHashMap<>();
    private final Map<String, PublishReceipt> receipts = new LinkedHashMap<>();
    private final List<RawMessage> log = new ArrayList<>();
    private int failuresLeft;

    public InMemoryRawEventPublisher(String topic) {
        this.topic = topic;
    }

    public InMemoryRawEventPublisher() {
        this("clickstream.raw");
    }

    /** The next {@code times} publish calls fail with {@link DependencyUnavailableException} and publish nothing. */
    public synchronized void failNext(int times) {
        failuresLeft = times;
    }

    @Override
    public synchronized PublishReceipt publish(String batchId, List<RawMessage> messages) {
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new DependencyUnavailableException("kafka", "in-memory broker told to fail batch " + batchId, null);
        }
        long first = log.size();
        log.addAll(messages);
        batches.computeIfAbsent(batchId, b -> new ArrayList<>()).addAll(messages);
        publishCounts.merge(batchId, 1, Integer::sum);
        List<PartitionRange> ranges = messages.isEmpty() ? List.of()
                : List.of(new PartitionRange(0, first, first + messages.size() - 1));
        PublishReceipt receipt = new PublishReceipt(topic, messages.size(), ranges);
        if (!messages.isEmpty()) {
            receipts.put(batchId, receipt);
        }
        return receipt;
    }

    @Override
    public synchronized Optional<PublishReceipt> alreadyPublished(String batchId) {
        return Optional.ofNullable(receipts.get(batchId));
    }

    @Override
    public String topic() {
        return topic;
    }

    /** Every message published, in order, as a consumer of the topic would read them. */
    public synchronized List<RawMessage> messages() {
        return List.copyOf(log);
    }

    /** Published batch ids with their messages, in first-publication order. */
    public synchronized Map<String, List<RawMessage>> batches() {
        Map<String, List<RawMessage>> copy = new LinkedHashMap<>();
        batches.forEach((id, msgs) -> copy.put(id, List.copyOf(msgs)));
        return copy;
    }

    /** How many times each batch was published successfully; more than 1 means a duplicate. */
    public synchronized Map<String, Integer> publishCounts() {
        return Map.copyOf(publishCounts);
    }
}
