package io.clickstream.application.port.out;

import java.util.List;

/**
 * Publishes landed batches to the raw topic. A batch is published whole or, on failure, not at all as far as
 * a read-committed consumer can see, so a retry does not duplicate it.
 */
public interface RawEventPublisher {

    /** Sends every message of the batch and returns where they went. Blocks until all are acknowledged. */
    PublishReceipt publish(String batchId, List<RawMessage> messages);

    /** The topic name, for manifests and health. */
    String topic();

    /** One message: the partitioning key (session, else user, else event id) and the landing CSV row. */
    record RawMessage(String key, String value) {
    }

    /** Where a batch went: per partition the first and last offset written. */
    record PublishReceipt(String topic, long messages, List<PartitionRange> partitions) {
        public PublishReceipt {
            partitions = List.copyOf(partitions);
        }
    }

    record PartitionRange(int partition, long firstOffset, long lastOffset) {
    }
}
