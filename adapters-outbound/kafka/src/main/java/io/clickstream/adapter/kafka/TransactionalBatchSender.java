package io.clickstream.adapter.kafka;

import io.clickstream.application.port.out.RawEventPublisher.PartitionRange;
import io.clickstream.application.port.out.RawEventPublisher.PublishReceipt;
import io.clickstream.application.port.out.RawEventPublisher.RawMessage;
import io.clickstream.domain.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one batch as one Kafka transaction on a producer it owns, so a read-committed consumer sees the whole
 * batch or none of it, and returns once the batch is visible to such a consumer. The same transaction writes the
 * batch's marker to the batch topic ({@link BatchMarkers}), so whether a batch was published can be asked later,
 * also by another process. One call is one attempt; on failure the transaction is aborted (or the producer
 * replaced when Kafka says it must be) so the next attempt starts clean and cannot duplicate.
 */
final class TransactionalBatchSender implements AutoCloseable {
    static final String BATCH_ID_HEADER = "batch_id";
    private static final Logger LOG = LoggerFactory.getLogger(TransactionalBatchSender.class);

    private final KafkaSettings settings;
    private final ProducerConfigs configs;
    private final CommitVisibility visibility;
    private final BatchMarkers markers;
    private KafkaProducer<String, String> producer;

    TransactionalBatchSender(KafkaSettings settings) {
        this.settings = settings;
        this.configs = new ProducerConfigs(settings);
        this.visibility = new CommitVisibility(settings);
        this.markers = new BatchMarkers(settings);
    }

    /**
     * One attempt: the receipt of the batch if a committed transaction published it. The producer is initialised
     * first because that ends any transaction an earlier producer with this transactional id left open (a killed
     * run), committing it if its commit had begun, aborting it otherwise; only then is the answer final.
     */
    synchronized Optional<PublishReceipt> published(String batchId) {
        openProducer();
        return markers.find(batchId);
    }

    /** One attempt. Throws {@link KafkaCallFailure} for broker trouble, InvalidParameterException for bad input. */
    synchronized PublishReceipt send(String topic, String batchId, List<RawMessage> messages) {
        KafkaProducer<String, String> current = openProducer();
        Acknowledgements acks = new Acknowledgements(messages.size());
        try {
            current.beginTransaction();
            Header batchHeader = new RecordHeader(BATCH_ID_HEADER, batchId.getBytes(StandardCharsets.UTF_8));
            for (RawMessage message : messages) {
                acks.throwFirstFailure();
                RecordHeaders headers = new RecordHeaders(new Header[] {batchHeader});
                current.send(new ProducerRecord<>(topic, null, message.key(), message.value(), headers),
                        (metadata, error) -> acks.record(metadata, error));
            }
            acks.await(configs.deliveryTimeout().plus(settings.timeout()));
            // The receipt is known only now; a failed marker send makes the commit fail, so data and marker
            // commit together or not at all.
            current.send(markers.marker(batchId, acks.receipt(topic)));
            commit(current, batchId);
        } catch (CommitOutcomeUnknown e) {
            closeProducer();
            throw new KafkaCallFailure(false, e.getMessage(), e.getCause());
        } catch (InterruptException e) {
            closeProducer();
            throw new KafkaCallFailure(false, "interrupted while publishing batch " + batchId, e);
        } catch (RuntimeException e) {
            throw failAttempt(current, batchId, e);
        }
        PublishReceipt receipt = acks.receipt(topic);
        markers.remember(batchId, receipt);
        visibility.await(receipt, batchId);
        return receipt;
    }

    private KafkaProducer<String, String> openProducer() {
        if (producer != null) {
            return producer;
        }
        KafkaProducer<String, String> created;
        try {
            created = new KafkaProducer<>(configs.properties());
        } catch (RuntimeException e) {
            throw new KafkaCallFailure(false, "cannot create producer: " + KafkaFailures.describe(e), e);
        }
        try {
            // Fences any earlier producer with this transactional id and aborts its unfinished transaction.
            created.initTransactions();
        } catch (RuntimeException e) {
            created.close(Duration.ZERO);
            throw new KafkaCallFailure(!KafkaFailures.isPermanent(e),
                    "cannot initialise transactions (transactional.id " + settings.transactionalId() + "): "
                            + KafkaFailures.describe(e), e);
        }
        producer = created;
        return created;
    }

    /** Kafka allows retrying a timed-out commit, never aborting it: the commit may already be completing. */
    private void commit(KafkaProducer<String, String> current, String batchId) {
        TimeoutException last = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                current.commitTransaction();
                return;
            } catch (TimeoutException e) {
                last = e;
            }
        }
        throw new CommitOutcomeUnknown("commit of batch " + batchId + " was not acknowledged in time; the "
                + "batch may or may not be visible, so it is not retried automatically", last);
    }

    private RuntimeException failAttempt(KafkaProducer<String, String> current, String batchId, RuntimeException e) {
        if (KafkaFailures.needsNewProducer(e)) {
            LOG.warn("Producer {} must be replaced after {}", settings.transactionalId(), KafkaFailures.describe(e));
            closeProducer();
        } else {
            try {
                current.abortTransaction();
            } catch (RuntimeException abortFailure) {
                e.addSuppressed(abortFailure);
                LOG.warn("Abort of batch {} failed ({}); replacing the producer", batchId,
                        KafkaFailures.describe(abortFailure));
                closeProducer();
            }
        }
        String reason = KafkaFailures.describe(e);
        if (KafkaFailures.isBadMessage(e)) {
            return new InvalidParameterException("messages", "batch " + batchId + " holds a message Kafka "
                    + "refuses (" + reason + "); nothing of the batch was published");
        }
        return new KafkaCallFailure(!KafkaFailures.isPermanent(e), "batch " + batchId + ": " + reason, e);
    }

    /** After a failure there is nothing worth flushing; the next producer's initTransactions cleans up. */
    private void closeProducer() {
        closeProducer(Duration.ZERO);
    }

    private void closeProducer(Duration wait) {
        if (producer == null) {
            return;
        }
        try {
            producer.close(wait);
        } catch (RuntimeException e) {
            LOG.debug("Closing producer failed", e);
        }
        producer = null;
    }

    @Override
    public synchronized void close() {
        closeProducer(settings.timeout());
        visibility.close();
        markers.close();
    }

    /** The commit's result is unknown; retrying the batch could duplicate it. */
    private static final class CommitOutcomeUnknown extends RuntimeException {
        CommitOutcomeUnknown(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Collects the broker's acknowledgements of one batch into per-partition offset ranges. */
    private static final class Acknowledgements {
        private final int expected;
        private final CountDownLatch pending;
        private final Map<Integer, long[]> ranges = new TreeMap<>();
        private volatile Exception firstFailure;

        Acknowledgements(int expected) {
            this.expected = expected;
            this.pending = new CountDownLatch(expected);
        }

        void record(RecordMetadata metadata, Exception error) {
            if (error != null) {
                if (firstFailure == null) {
                    firstFailure = error;
                }
            } else {
                synchronized (ranges) {
                    long[] range = ranges.computeIfAbsent(metadata.partition(),
                            p -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
                    range[0] = Math.min(range[0], metadata.offset());
                    range[1] = Math.max(range[1], metadata.offset());
                }
            }
            pending.countDown();
        }

        void throwFirstFailure() {
            Exception failure = firstFailure;
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure != null) {
                throw new KafkaException(failure);
            }
        }

        void await(Duration limit) {
            long deadline = System.nanoTime() + limit.toNanos();
            try {
                while (!pending.await(50, TimeUnit.MILLISECONDS)) {
                    throwFirstFailure();
                    if (System.nanoTime() - deadline > 0) {
                        throw new TimeoutException("batch not acknowledged; " + pending.getCount()
                                + " message(s) still unacknowledged");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException(e);
            }
            throwFirstFailure();
        }

        PublishReceipt receipt(String topic) {
            List<PartitionRange> partitions = new ArrayList<>();
            synchronized (ranges) {
                ranges.forEach((partition, range) ->
                        partitions.add(new PartitionRange(partition, range[0], range[1])));
            }
            return new PublishReceipt(topic, expected, partitions);
        }
    }
}
