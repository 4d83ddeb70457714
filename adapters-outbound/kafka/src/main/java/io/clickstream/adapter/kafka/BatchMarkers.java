package io.clickstream.adapter.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickstream.application.port.out.RawEventPublisher.PartitionRange;
import io.clickstream.application.port.out.RawEventPublisher.PublishReceipt;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch topic ({@link KafkaSettings#batchTopic()}): one record per published batch, key the batch id and value
 * its receipt as JSON, sent inside the batch's own transaction; and the index of those records read back under
 * read_committed. A batch is in the index exactly when its messages are committed.
 *
 * <p>The index is read once and then kept up to date incrementally, so a recovery that asks about many batches
 * reads the topic once. Not thread-safe: the sender calls it under its own lock.
 */
final class BatchMarkers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchMarkers.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SETTLE_PAUSE = Duration.ofMillis(50);

    private final KafkaSettings settings;
    private final Map<String, PublishReceipt> published = new HashMap<>();
    private KafkaConsumer<String, String> consumer;
    private List<TopicPartition> partitions;
    private Admin admin;

    BatchMarkers(KafkaSettings settings) {
        this.settings = settings;
    }

    /** The record that marks the batch as published; send it in the batch's transaction. */
    ProducerRecord<String, String> marker(String batchId, PublishReceipt receipt) {
        Marker marker = new Marker(batchId, receipt.topic(), receipt.messages(), receipt.partitions().stream()
                .map(p -> new Range(p.partition(), p.firstOffset(), p.lastOffset())).toList());
        try {
            return new ProducerRecord<>(settings.batchTopic(), batchId, JSON.writeValueAsString(marker));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a receipt of plain numbers and names always serialises", e);
        }
    }

    /** Records a batch this process has just committed, so the index needs no read to know it. */
    void remember(String batchId, PublishReceipt receipt) {
        published.put(batchId, receipt);
    }

    /**
     * One attempt: catches up with the batch topic, then answers. Call it only when this producer has no open
     * transaction (after {@code initTransactions}), else the answer could change once that transaction ends.
     */
    Optional<PublishReceipt> find(String batchId) {
        try {
            catchUp();
        } catch (KafkaCallFailure e) {
            reset();
            throw e;
        } catch (RuntimeException e) {
            reset();
            throw new KafkaCallFailure(!KafkaFailures.isPermanent(e), "cannot read the published batches from "
                    + settings.batchTopic() + ": " + KafkaFailures.describe(e), e);
        }
        return Optional.ofNullable(published.get(batchId));
    }

    private void catchUp() {
        KafkaConsumer<String, String> reader = consumer();
        Map<TopicPartition, Long> end = decidedEnd();
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        while (!partitions.stream().allMatch(tp -> reader.position(tp, settings.timeout()) >= end.get(tp))) {
            ConsumerRecords<String, String> records = reader.poll(Duration.ofMillis(100));
            if (!records.isEmpty()) {
                // A long history takes as long as it takes; only a reader that stops progressing gives up.
                deadline = System.nanoTime() + settings.timeout().toNanos();
            }
            records.forEach(this::apply);
            if (System.nanoTime() - deadline > 0) {
                throw new KafkaCallFailure(true, "reading " + settings.batchTopic() + " up to " + end
                        + " made no progress in " + settings.timeout(), null);
            }
        }
    }

    /**
     * The end of what is decided: the last stable offsets, once they equal the high watermarks. An open transaction
     * (another ingest process, or one that died under another transactional id) may still commit a marker, so until
     * it ends the answer "not published" could turn out wrong; Kafka aborts such a transaction within its timeout.
     */
    private Map<TopicPartition, Long> decidedEnd() {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        while (true) {
            Map<TopicPartition, Long> stable = endOffsets(IsolationLevel.READ_COMMITTED);
            Map<TopicPartition, Long> written = endOffsets(IsolationLevel.READ_UNCOMMITTED);
            if (stable.equals(written)) {
                return stable;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new KafkaCallFailure(true, "an open transaction on " + settings.batchTopic() + " (another "
                        + "ingest process, or one that died under another kafka.transactional.id) leaves it undecided "
                        + "whether batches were published; Kafka aborts it after its transaction timeout", null);
            }
            try {
                Thread.sleep(SETTLE_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaCallFailure(false, "interrupted while reading " + settings.batchTopic(), e);
            }
        }
    }

    private Map<TopicPartition, Long> endOffsets(IsolationLevel isolation) {
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        try {
            return admin().listOffsets(request, new ListOffsetsOptions(isolation)).all()
                    .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaCallFailure(false, "interrupted while reading " + settings.batchTopic(), e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new KafkaCallFailure(!KafkaFailures.isPermanent(e), "cannot list the offsets of "
                    + settings.batchTopic() + ": " + KafkaFailures.describe(e), e);
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            published.remove(record.key());
            return;
        }
        try {
            Marker marker = JSON.readValue(record.value(), Marker.class);
            published.put(record.key(), new PublishReceipt(marker.topic(), marker.messages(), marker.partitions()
                    .stream().map(r -> new PartitionRange(r.partition(), r.firstOffset(), r.lastOffset())).toList()));
        } catch (JsonProcessingException e) {
            // Only this adapter writes the topic; should a record be unreadable, re-sending its batch is the safe side
            // (staging removes duplicates by event id), whereas skipping it could lose the batch.
            LOG.warn("Ignoring unreadable record of batch {} at {}-{}@{}: {}", record.key(), record.topic(),
                    record.partition(), record.offset(), e.getOriginalMessage());
        }
    }

    private KafkaConsumer<String, String> consumer() {
        if (consumer != null) {
            return consumer;
        }
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "clickstream-batch-markers");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> created = new KafkaConsumer<>(props);
        try {
            List<TopicPartition> found = created.partitionsFor(settings.batchTopic(), settings.timeout()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (found.isEmpty()) {
                throw new KafkaCallFailure(true, "topic " + settings.batchTopic() + " has no partitions yet", null);
            }
            created.assign(found);
            created.seekToBeginning(found);
            partitions = found;
        } catch (RuntimeException e) {
            created.close(Duration.ZERO);
            throw e;
        }
        published.clear();
        consumer = created;
        return created;
    }

    private Admin admin() {
        if (admin == null) {
            admin = AdminClients.create(settings.bootstrapServers(), settings.timeout(), "clickstream-batch-markers");
        }
        return admin;
    }

    /** After a failure the position is uncertain: start over from the beginning next time. */
    private void reset() {
        if (consumer != null) {
            consumer.close(Duration.ZERO);
            consumer = null;
        }
        published.clear();
    }

    @Override
    public void close() {
        reset();
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
            admin = null;
        }
    }

    /** The record's value. Field names are the wire format: change them only with a reader of the old ones. */
    record Marker(String batchId, String topic, long messages, List<Range> partitions) {
    }

    record Range(int partition, long firstOffset, long lastOffset) {
    }
}
