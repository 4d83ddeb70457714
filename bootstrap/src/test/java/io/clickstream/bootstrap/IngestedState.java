package io.clickstream.bootstrap;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.DataLake.LakeObject;
import io.clickstream.application.port.out.RawEventPublisher.PartitionRange;
import io.clickstream.domain.DataZone;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.ZonePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What an ingest left in the lake's landing zone and on the raw topic, read back as a downstream reader would. */
final class IngestedState {
    /** The header every raw-topic message carries with its batch id (the Kafka adapter's wire format). */
    private static final String BATCH_ID_HEADER = "batch_id";
    private static final ObjectMapper JSON = new ObjectMapper();

    private IngestedState() {
    }

    /** Every landing object with its content; manifests (which hold offsets and times) by key only. */
    static Map<String, String> landingSnapshot(DataLake lake) {
        Map<String, String> objects = new TreeMap<>();
        for (LakeObject o : lake.list(ZonePath.root(DataZone.LANDING))) {
            String key = o.path().key();
            objects.put(key, key.startsWith(LakeLayout.publishedManifests().key() + "/") ? "(manifest)"
                    : new String(lake.read(o.path()).orElseThrow(), StandardCharsets.UTF_8));
        }
        return objects;
    }

    /** The event id of every landed row, a duplicate as often as it landed. */
    static List<String> landedEventIds(DataLake lake) {
        List<String> ids = new ArrayList<>();
        for (LakeObject o : lake.list(LakeLayout.landingClickstream())) {
            String csv = new String(lake.read(o.path()).orElseThrow(), StandardCharsets.UTF_8);
            csv.lines().skip(1).filter(l -> l.matches("^[0-9a-f]{32},.*")).forEach(l -> ids.add(l.substring(0, 32)));
        }
        return ids;
    }

    /** Rejected weblog rows as source, origin, reason, raw (the raw lines have no commas in quotes we depend on). */
    static List<String[]> rejectedRows(DataLake lake) {
        return lake.list(ZonePath.of(DataZone.LANDING, "_rejected")).stream()
                .flatMap(o -> new String(lake.read(o.path()).orElseThrow(), StandardCharsets.UTF_8).lines().skip(1)
                        .filter(l -> l.startsWith("weblog,")))
                .map(l -> {
                    String[] first = l.split(",", 3);
                    int reasonEnd = first[2].startsWith("\"") ? first[2].indexOf("\",", 1) + 1 : first[2].indexOf(',');
                    return new String[] {first[0], first[1], first[2].substring(0, reasonEnd), first[2].substring(reasonEnd + 1)};
                })
                .toList();
    }

    /** Per manifest in {@code landing/_published/}: the batch id and the offset ranges it records. */
    static Map<String, List<PartitionRange>> manifestRanges(DataLake lake) {
        Map<String, List<PartitionRange>> manifests = new TreeMap<>();
        for (LakeObject o : lake.list(LakeLayout.publishedManifests())) {
            try {
                JsonNode json = JSON.readTree(lake.read(o.path()).orElseThrow());
                List<PartitionRange> ranges = new ArrayList<>();
                json.get("partitions").forEach(p -> ranges.add(new PartitionRange(p.get("partition").asInt(),
                        p.get("firstOffset").asLong(), p.get("lastOffset").asLong())));
                manifests.put(json.get("batchId").asText(), ranges);
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable manifest " + o.path(), e);
            }
        }
        return manifests;
    }

    /** The whole topic as a read_committed consumer (staging) sees it. */
    static List<ConsumerRecord<String, String>> readCommitted(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    fail("could not read " + topic + " up to " + end + " within 30 s");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    /** The event id of every message (a landing row starts with it), a duplicate as often as it was published. */
    static List<String> eventIds(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> r.value().substring(0, 32).toLowerCase(Locale.ROOT)).toList();
    }

    /** Per batch id on the topic: the first and last offset of its messages in each partition. */
    static Map<String, List<PartitionRange>> batchRanges(List<ConsumerRecord<String, String>> records) {
        Map<String, Map<Integer, long[]>> batches = new TreeMap<>();
        for (ConsumerRecord<String, String> r : records) {
            Header header = r.headers().lastHeader(BATCH_ID_HEADER);
            String batchId = header == null ? "(none)" : new String(header.value(), StandardCharsets.UTF_8);
            long[] range = batches.computeIfAbsent(batchId, b -> new TreeMap<>())
                    .computeIfAbsent(r.partition(), p -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
            range[0] = Math.min(range[0], r.offset());
            range[1] = Math.max(range[1], r.offset());
        }
        Map<String, List<PartitionRange>> ranges = new TreeMap<>();
        batches.forEach((batchId, partitions) -> ranges.put(batchId, partitions.entrySet().stream()
                .map(e -> new PartitionRange(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .collect(Collectors.toList())));
        return ranges;
    }
}
