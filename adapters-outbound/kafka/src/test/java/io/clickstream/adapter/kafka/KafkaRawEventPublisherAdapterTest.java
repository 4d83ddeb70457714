package io.clickstream.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickstream.adapter.memory.InMemoryClickstreamSource;
import io.clickstream.adapter.memory.InMemoryDataLake;
import io.clickstream.adapter.csv.CommonsCsvLandingFormat;
import io.clickstream.application.port.in.IngestClickstreamUseCase.IngestCommand;
import io.clickstream.application.port.out.DataLake.LakeObject;
import io.clickstream.application.port.out.RawEventPublisher.PartitionRange;
import io.clickstream.application.port.out.RawEventPublisher.PublishReceipt;
import io.clickstream.application.port.out.RawEventPublisher.RawMessage;
import io.clickstream.application.service.IngestService;
import io.clickstream.domain.DependencyUnavailableException;
import io.clickstream.domain.HealthStatus;
import io.clickstream.domain.InvalidParameterException;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.Source;
import io.clickstream.domain.StepOutcome;
import io.clickstream.testing.ClickstreamRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
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
    void a_new_publisher_finds_a_committed_batch_with_its_receipt_and_no_other() throws Exception {
        String topic = "raw.found";
        PublishReceipt receipt;
        try (var publisher = new KafkaRawEventPublisherAdapter(settings(topic, 3, "tx-found"))) {
            receipt = publisher.publish("batch-found", messages("f", 120));
            publisher.publish("batch-later", messages("l", 5));
        }

        try (var restarted = new KafkaRawEventPublisherAdapter(settings(topic, 3, "tx-found"))) {
            assertThat(restarted.alreadyPublished("batch-found")).contains(receipt);
            assertThat(restarted.alreadyPublished("batch-never")).isEmpty();
        }
        assertThat(partitionCount(topic + ".batches")).isEqualTo(1);
        assertThat(TopicReader.readCommitted(broker.bootstrapServers(), topic + ".batches"))
                .extracting(ConsumerRecord::key).containsExactly("batch-found", "batch-later");
    }

    @Test
    void a_batch_whose_transaction_aborted_is_not_published_and_is_sent_once_when_asked_again() {
        String topic = "raw.aborted";
        String transactionalId = "tx-aborted";
        List<RawMessage> batch = messages("ab", 80);
        try (var publisher = new KafkaRawEventPublisherAdapter(settings(topic, 3, transactionalId))) {
            publisher.alreadyPublished("creates-the-topics");
        }
        try (KafkaProducer<String, String> aborted = transactionalProducer(transactionalId)) {
            aborted.initTransactions();
            aborted.beginTransaction();
            sendWithMarker(aborted, topic, "batch-aborted", batch);
            // Kafka 4's producer lingers 5 ms by default, and an abort drops what is still buffered: flush first, so
            // the aborted records are really in the log, as after a crash between send and commit.
            aborted.flush();
            aborted.abortTransaction();
        }

        PublishReceipt receipt;
        try (var publisher = new KafkaRawEventPublisherAdapter(settings(topic, 3, transactionalId))) {
            assertThat(publisher.alreadyPublished("batch-aborted")).isEmpty();
            receipt = publisher.publish("batch-aborted", batch);
            assertThat(publisher.alreadyPublished("batch-aborted")).contains(receipt);
        }

        assertThat(TopicReader.ofBatch(TopicReader.readUncommitted(broker.bootstrapServers(), topic), "batch-aborted"))
                .as("the aborted transaction did write the batch").hasSize(160);
        List<ConsumerRecord<String, String>> committed = TopicReader.readCommitted(broker.bootstrapServers(), topic);
        assertThat(committed.stream().map(r -> new RawMessage(r.key(), r.value())))
                .containsExactlyInAnyOrderElementsOf(batch);
        assertThat(receipt.partitions()).containsExactlyInAnyOrderElementsOf(rangesOf(committed));
    }

    @Test
    void a_batch_left_in_an_open_transaction_by_a_killed_publisher_is_not_published() {
        String topic = "raw.killed";
        String transactionalId = "tx-killed";
        try (var publisher = new KafkaRawEventPublisherAdapter(settings(topic, 3, transactionalId))) {
            publisher.alreadyPublished("creates-the-topics");
        }
        KafkaProducer<String, String> killed = transactionalProducer(transactionalId);
        try {
            killed.initTransactions();
            killed.beginTransaction();
            sendWithMarker(killed, topic, "batch-killed", messages("k", 50));
            killed.flush();

            try (var restarted = new KafkaRawEventPublisherAdapter(settings(topic, 3, transactionalId))) {
                assertThat(restarted.alreadyPublished("batch-killed")).isEmpty();
            }
            assertThat(TopicReader.readCommitted(broker.bootstrapServers(), topic)).isEmpty();
        } finally {
            killed.close(Duration.ZERO);
        }
    }

    @Test
    void an_open_transaction_of_another_producer_on_the_batch_topic_is_reported_until_it_ends() {
        String topic = "raw.undecided";
        KafkaSettings quick = settings(topic, 1, "tx-undecided").withTimeouts(Duration.ofSeconds(2), 1, Duration.ZERO);
        try (var publisher = new KafkaRawEventPublisherAdapter(quick);
             KafkaProducer<String, String> other = transactionalProducer("tx-undecided-other")) {
            publisher.alreadyPublished("creates-the-topics");
            other.initTransactions();
            other.beginTransaction();
            sendWithMarker(other, topic, "batch-other", messages("o", 3));
            other.flush();

            assertThatThrownBy(() -> publisher.alreadyPublished("batch-other"))
                    .isInstanceOf(DependencyUnavailableException.class)
                    .hasMessageContaining("open transaction on raw.undecided.batches");

            other.commitTransaction();
            assertThat(publisher.alreadyPublished("batch-other")).hasValueSatisfying(r ->
                    assertThat(r.messages()).isEqualTo(3));
        }
    }

    /** Issue 3's promise end to end: the use case on this publisher, killed in the one window a manifest left open. */
    @Test
    void ingest_rerun_after_a_crash_between_commit_and_manifest_sends_nothing_again_and_writes_the_committed_offsets()
            throws IOException {
        String topic = "raw.ingest";
        KafkaSettings kafka = settings(topic, 3, "tx-ingest");
        InMemoryDataLake lake = new InMemoryDataLake();
        InMemoryClickstreamSource source = new InMemoryClickstreamSource("weblog", Source.WEBLOG);
        for (int i = 0; i < 90; i++) {
            source.append(ClickstreamRecords.view(String.format("2026-11-21T09:%02d:%02dZ", i / 60, i % 60),
                    "u" + i % 7, "s" + i % 11, "i" + i));
        }
        lake.failWrites(p -> p.key().startsWith(LakeLayout.publishedManifests().key()), 1);
        try (var publisher = new KafkaRawEventPublisherAdapter(kafka)) {
            assertThatThrownBy(() -> ingest(lake, source, publisher)).isInstanceOf(UncheckedIOException.class);
        }
        List<ConsumerRecord<String, String>> afterCrash = TopicReader.readCommitted(broker.bootstrapServers(), topic);
        assertThat(afterCrash).as("the first chunk's batch is committed").hasSize(30);
        String crashedBatch = TopicReader.batchId(afterCrash.get(0));
        assertThat(lake.list(LakeLayout.publishedManifests())).isEmpty();

        StepOutcome rerun;
        try (var restarted = new KafkaRawEventPublisherAdapter(kafka)) {
            rerun = ingest(lake, source, restarted);
        }

        List<ConsumerRecord<String, String>> read = TopicReader.readCommitted(broker.bootstrapServers(), topic);
        assertThat(read).hasSize(90);
        assertThat(read.stream().map(ConsumerRecord::value).distinct()).hasSize(90);
        assertThat(TopicReader.ofBatch(read, crashedBatch)).hasSize(30);
        assertThat(rerun.counts()).containsEntry("published", 60L).containsEntry("recoveredManifests", 1L);
        List<LakeObject> manifests = lake.list(LakeLayout.publishedManifests());
        assertThat(manifests).hasSize(3).extracting(o -> o.path().name()).contains(crashedBatch + ".json");
        for (LakeObject manifest : manifests) {
            JsonNode json = new ObjectMapper().readTree(lake.read(manifest.path()).orElseThrow());
            List<ConsumerRecord<String, String>> ofBatch = TopicReader.ofBatch(read, json.get("batchId").asText());
            assertThat(json.get("messages").asLong()).isEqualTo(ofBatch.size());
            List<PartitionRange> ranges = new ArrayList<>();
            json.get("partitions").forEach(p -> ranges.add(new PartitionRange(p.get("partition").asInt(),
                    p.get("firstOffset").asLong(), p.get("lastOffset").asLong())));
            assertThat(ranges).as(manifest.path().name()).containsExactlyInAnyOrderElementsOf(rangesOf(ofBatch));
        }
    }

    private static StepOutcome ingest(InMemoryDataLake lake, InMemoryClickstreamSource source,
                                      KafkaRawEventPublisherAdapter publisher) {
        return new IngestService(List.of(source), lake, new CommonsCsvLandingFormat(), publisher, Clock.systemUTC(), 30)
                .ingest(new IngestCommand(JobMonitor.none()));
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

    /** Sends a batch and its marker as the adapter does, in the producer's open transaction. */
    private static void sendWithMarker(KafkaProducer<String, String> producer, String topic, String batchId,
                                       List<RawMessage> batch) {
        for (RawMessage message : batch) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(TransactionalBatchSender.BATCH_ID_HEADER, batchId.getBytes());
            producer.send(new ProducerRecord<>(topic, null, message.key(), message.value(), headers));
        }
        producer.send(new BatchMarkers(settings(topic, 1, "unused")).marker(batchId,
                new PublishReceipt(topic, batch.size(), List.of(new PartitionRange(0, 0, batch.size() - 1)))));
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
