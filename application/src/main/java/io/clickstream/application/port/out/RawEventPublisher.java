package io.clickstream.application.port.out;

import java.util.List;
import java.util.Optional;

/**
 * Publishes landed batches to the raw topic. A batch is published whole or, on failure, not at all as far as
 * a read-committed consumer can see, so a retry does not duplicate it.
 *
 * <p>The publisher also remembers which batches it has published, atomically with their messages: a batch is
 * either published and findable by {@link #alreadyPublished}, or neither. That lets a caller whose own record of
 * the publication (the manifest) was lost, for instance by a crash right after the publish, find out without
 * sending the batch again.
 */
public interface RawEventPublisher {

    /**
     * Sends every message of the batch and returns where they went. Blocks until all are acknowledged. From then
     * on {@link #alreadyPublished} returns the same receipt for this batch id (a batch without messages sends and
     * records nothing). Sends unconditionally: a caller that may have published the batch before asks
     * {@link #alreadyPublished} first.
     */
    PublishReceipt publish(String batchId, List<RawMessage> messages);

    /**
     * The receipt of the batch if an earlier {@link #publish} of it completed (also in an earlier process), empty
     * if the batch was never published or its publication failed as a whole.
     */
    Optional<PublishReceipt> alreadyPublished(String batchId);

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
