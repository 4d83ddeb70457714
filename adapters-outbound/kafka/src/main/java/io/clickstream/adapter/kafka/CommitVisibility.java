package io.clickstream.adapter.kafka;

import io.clickstream.application.port.out.RawEventPublisher.PartitionRange;
import io.clickstream.application.port.out.RawEventPublisher.PublishReceipt;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until a committed batch is readable under read_committed. A commit returns once the coordinator has
 * decided it; the markers that make the records visible reach the partitions a moment later (longer after a
 * broker restart), and a reader that trusts the receipt must not find fewer records than it promises.
 */
final class CommitVisibility implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommitVisibility.class);

    private final KafkaSettings settings;
    private Admin admin;

    CommitVisibility(KafkaSettings settings) {
        this.settings = settings;
    }

    /** Returns when every partition's last stable offset is past the batch, or after the timeout (logged). */
    void await(PublishReceipt receipt, String batchId) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (PartitionRange range : receipt.partitions()) {
            request.put(new TopicPartition(receipt.topic(), range.partition()), OffsetSpec.latest());
        }
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        ListOffsetsOptions options = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
        try {
            while (true) {
                Map<TopicPartition, ListOffsetsResultInfo> stable = admin().listOffsets(request, options).all()
                        .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
                if (receipt.partitions().stream().allMatch(range -> stable.get(
                        new TopicPartition(receipt.topic(), range.partition())).offset() > range.lastOffset())) {
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    break;
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            LOG.debug("Cannot check visibility of batch {}", batchId, e);
        }
        // The commit is decided, so the batch will become visible; failing here would only invite a duplicate.
        LOG.warn("Batch {} is committed but not yet visible to read_committed consumers after {}", batchId,
                settings.timeout());
    }

    private Admin admin() {
        if (admin == null) {
            admin = AdminClients.create(settings.bootstrapServers(), settings.timeout(), "clickstream-commit-check");
        }
        return admin;
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
            admin = null;
        }
    }
}
