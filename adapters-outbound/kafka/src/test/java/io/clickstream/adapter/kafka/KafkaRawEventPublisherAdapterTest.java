package io.clickstream.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.application.port.out.RawEventPublisher.PartitionRange;
import io.clickstream.application.port.out.RawEventPublisher.PublishReceipt;
import io.clickstream.application.port.out.RawEventPublisher.RawMessage;
import io.clickstream.domain.HealthStatus;
import io.clickstream.domain.InvalidParameterException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The publisher against a real single-node broker, started once for the class. */
class KafkaRawEventPublisherAdapterTest {
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = TestBrokers.startBroker("publisher");
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static KafkaSettings settings(String topic, int partitions, String transactionalId) {
        return KafkaSettings.defaults(broker.bootstrapServers())
                .withTopic(topic, partitions, (short) 1)
                .withTransactionalId(transactionalId)
                .withTimeouts(Duration.ofSeconds(10), 3, Duration.ofMillis(200));
    }

    static List<RawMessage> messages(String prefix, int count) {
        List<RawMessage> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            messages.add(new RawMessage("session-" + (i % 37), prefix + "-" + i + ",view,item-" + (i * 7 % 101)));
        }
        return messages;
    }

    @Test
    void missing_topic_is_created_with_configured_partitions_and_an_existing_one_is_kept() throws Exception {
        try (var first = new KafkaRawEventPublisherAdapter(settings("raw.created", 4, "tx-created-1"))) {
            first.publish("b-created-1", messages("c1", 10));
        }
        try (var second = new KafkaRawEventPublisherAdapter(settings("raw.created", 2, "tx-created-2"))) {
            second.publish("b-created-2", messages("c2", 10));
        }

        assertThat(partitionCount("raw.created")).isEqualTo(4);
        assertThat(TopicReader.readCommitted(broker.bootstrapServers(), "raw.created")).hasSize(20);
    }

    @Test
    void published_batch_is_read_back_by_a_read_committed_consumer_as_the_receipt_says() {
        List<RawMessage> batch = messages("rb", 500);
        PublishReceipt receipt;
        try (var publisher = new KafkaRawEventPublisherAdapter(settings("raw.readback", 3, "tx-readback"))) {
            receipt = publisher.publish("batch-readback", batch);
        }

        List<ConsumerRecord<String, String>> read = TopicReader.readCommitted(broker.bootstrapServers(),
                "raw.readback");
        assertThat(receipt.topic()).isEqualTo("raw.readback");
        assertThat(receipt.messages()).isEqualTo(500);
        assertThat(read).hasSize(500);
        assertThat(read).allSatisfy(r -> assertThat(TopicReader.batchId(r)).isEqualTo("batch-readback"));
        assertThat(read.stream().map(r -> new RawMessage(r.key(), r.value())))
                .containsExactlyInAnyOrderElementsOf(batch);
        assertThat(receipt.partitions()).containsExactlyInAnyOrderElementsOf(rangesOf(read));
        assertThat(receipt.partitions().stream().mapToLong(p -> p.lastOffset() - p.firstOffset() + 1).sum())
                .isEqualTo(500);
        // One session's messages share a partition and keep their order.
        List<String> session5 = read.stream().filter(r -> r.key().equals("session-5"))
                .sorted(Comparator.comparingLong(ConsumerRecord::offset)).map(ConsumerRecord::value).toList();
        assertThat(session5).isEqualTo(batch.stream().filter(m -> m.key().equals("session-5"))
                .map(RawMessage::value).toList());
    }

    @Test
    void half_written_batch_of_a_crashed_publisher_stays_invisible_and_its_retry_publishes_it_once() {
        String topic = "raw.crash";
        String transactionalId = "tx-crash";
        try (var publisher = new KafkaRawEventPublisherAdapter(settings(topic, 3, transactionalId))) {
            publisher.publish("batch-a", messages("a", 100));
        }
        List<RawMessage> batchB = messages("b", 400);
        KafkaProducer<String, String> crashed = producerThatCrashesMidBatch(transactionalId, topic, batchB, 200);

        try {
            assertThat(TopicReader.ofBatch(TopicReader.readUncommitted(broker.bootstrapServers(), topic), "batch-b"))
                    .as("the crashed publisher did write half of batch b")
                    .hasSize(200);
            List<ConsumerRecord<String, String>> committed = TopicReader.readCommitted(
                    broker.bootstrapServers(), topic);
            assertThat(TopicReader.ofBatch(committed, "batch-b")).isEmpty();
            assertThat(TopicReader.ofBatch(committed, "batch-a")).hasSize(100);

            try (var restarted = new KafkaRawEventPublisherAdapter(settings(topic, 3, transactionalId))) {
                restarted.publish("batch-b", batchB);
            }

            List<ConsumerRecord<String, String>> after = TopicReader.readCommitted(broker.bootstrapServers(), topic);
            assertThat(after).hasSize(500);
            assertThat(TopicReader.ofBatch(after, "batch-b").stream().map(r -> new RawMessage(r.key(), r.value())))
                    .containsExactlyInAnyOrderElementsOf(batchB);
        } finally {
            crashed.close(Duration.ZERO);
        }
    }

    @Test
    void fenced_publisher_replaces_its_producer_and_publishes_the_batch_once() {
        String topic = "raw.fenced";
        String transactionalId = "tx-fenced";
        try (var publisher = new KafkaRawEventPublisherAdapter(settings(topic, 2, transactionalId))) {
            publisher.publish("batch-1", messages("one", 50));
            try (KafkaProducer<String, String> intruder = transactionalProducer(transactionalId)) {
                intruder.initTransactions();
            }

            PublishReceipt receipt = publisher.publish("batch-2", messages("two", 50));

            assertThat(receipt.messages()).isEqualTo(50);
        }
        List<ConsumerRecord<String, String>> read = TopicReader.readCommitted(broker.bootstrapServers(), topic);
        assertThat(TopicReader.ofBatch(read, "batch-1")).hasSize(50);
        assertThat(TopicReader.ofBatch(read, "batch-2")).hasSize(50);
        assertThat(read).hasSize(100);
    }

    @Test
    void batch_with_a_message_kafka_refuses_is_not_published_at_all_and_the_publisher_goes_on() {
        String topic = "raw.refused";
        List<RawMessage> batch = new ArrayList<>(messages("r", 2000));
        batch.add(1500, new RawMessage("session-x", "x".repeat(2 * 1024 * 1024)));
        try (var publisher = new KafkaRawEventPublisherAdapter(settings(topic, 3, "tx-refused"))) {
            assertThatThrownBy(() -> publisher.publish("batch-refused", batch))
                    .isInstanceOf(InvalidParameterException.class)
                    .hasMessageContaining("batch-refused")
                    .hasMessageContaining("RecordTooLargeException");

            publisher.publish("batch-fine", messages("f", 30));
        }

        List<ConsumerRecord<String, String>> read = TopicReader.readCommitted(broker.bootstrapServers(), topic);
        assertThat(TopicReader.ofBatch(read, "batch-refused")).isEmpty();
        assertThat(TopicReader.ofBatch(read, "batch-fine")).hasSize(30);
    }

    @Test
    void topic_the_cluster_cannot_hold_is_reported_as_a_setting_to_fix() {
        KafkaSettings tooManyReplicas = settings("raw.replicated", 1, "tx-replicated")
                .withTopic("raw.replicated", 1, (short) 3);
        try (var publisher = new KafkaRawEventPublisherAdapter(tooManyReplicas)) {
            assertThatThrownBy(() -> publisher.publish("batch-replicated", messages("x", 1)))
                    .isInstanceOf(InvalidParameterException.class)
                    .hasMessageContaining("kafka.topic.replication.factor");
        }
    }

    @Test
    void empty_batch_publishes_nothing() {
        try (var publisher = new KafkaRawEventPublisherAdapter(settings("raw.empty", 1, "tx-empty"))) {
            PublishReceipt receipt = publisher.publish("batch-empty", List.of());

            assertThat(receipt.messages()).isZero();
            assertThat(receipt.partitions()).isEmpty();
        }
    }

    @Test
    void health_reports_the_running_broker() {
        try (var health = new KafkaHealthAdapter(settings("raw.health", 1, "tx-health"))) {
            HealthStatus status = health.check();

            assertThat(status.up()).as(status.detail()).isTrue();
            assertThat(status.component()).isEqualTo("kafka");
            assertThat(status.detail()).contains("1 broker(s)", broker.bootstrapServers());
        }
    }

    private static List<PartitionRange> rangesOf(List<ConsumerRecord<String, String>> records) {
        Map<Integer, List<Long>> offsets = records.stream().collect(Collectors.groupingBy(ConsumerRecord::partition,
                Collectors.mapping(ConsumerRecord::offset, Collectors.toList())));
        return offsets.entrySet().stream().map(e -> new PartitionRange(e.getKey(),
                e.getValue().stream().mapToLong(Long::longValue).min().orElseThrow(),
                e.getValue().stream().mapToLong(Long::longValue).max().orElseThrow())).toList();
    }

    private static int partitionCount(String topic) throws Exception {
        try (Admin admin = AdminClients.create(broker.bootstrapServers(), Duration.ofSeconds(10), "test")) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
        }
    }

    private static KafkaProducer<String, String> transactionalProducer(String transactionalId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 120_000);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    /** Writes the first {@code sent} messages of a batch in a transaction and then stops, like a killed process. */
    private static KafkaProducer<String, String> producerThatCrashesMidBatch(String transactionalId, String topic,
                                                                             List<RawMessage> batch, int sent) {
        KafkaProducer<String, String> producer = transactionalProducer(transactionalId);
        producer.initTransactions();
        producer.beginTransaction();
        for (RawMessage message : batch.subList(0, sent)) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(TransactionalBatchSender.BATCH_ID_HEADER, "batch-b".getBytes());
            producer.send(new ProducerRecord<>(topic, null, message.key(), message.value(), headers));
        }
        producer.flush();
        // No commit, no abort, no graceful close (which would abort): the transaction stays open.
        return producer;
    }
}
