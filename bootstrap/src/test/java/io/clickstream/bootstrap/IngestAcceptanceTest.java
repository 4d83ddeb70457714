package io.clickstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.adapter.generator.ClickstreamGenerator;
import io.clickstream.adapter.generator.GenerationSummary;
import io.clickstream.adapter.generator.GeneratorSettings;
import io.clickstream.application.port.in.IngestClickstreamUseCase.IngestCommand;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.DataLake.LakeObject;
import io.clickstream.bootstrap.config.PipelineConfig;
import io.clickstream.domain.DataZone;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.StepOutcome;
import io.clickstream.domain.ZonePath;
import io.clickstream.testing.S3MockServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's acceptance through the real wiring: generated access logs are ingested by the configured pipeline
 * (weblog source, landing CSV, the embedded Kafka broker of the default setup), once into a local lake and once
 * into an S3-compatible store, which must end up with the same objects.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestAcceptanceTest {
    @TempDir
    static Path work;

    private static GenerationSummary generated;
    private static Path logs;
    private static S3MockServer s3;
    private static PipelineComponent local;
    private static PipelineComponent onS3;
    private static Map<String, String> localFirstRun;

    @BeforeAll
    static void generate() throws IOException {
        generated = new ClickstreamGenerator(GeneratorSettings.defaults(4_000, 11).withDays(2)).generate(work.resolve("gen"));
        logs = work.resolve("gen").resolve("access");
        s3 = S3MockServer.start(work.resolve("s3"), "lake");
        local = PipelineComponent.create(PipelineConfig.of(Map.of("data.dir", work.resolve("local").toString(),
                "sources.weblog.path", logs.toString())));
    }

    @AfterAll
    static void stop() {
        for (PipelineComponent app : new PipelineComponent[] {onS3, local}) {
            if (app != null) {
                app.jobs().shutdown(Duration.ofSeconds(5));
                app.lifecycle().close();
            }
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    @Order(1)
    void every_valid_line_lands_once_every_malformed_line_is_rejected_with_a_reason_and_all_is_published() throws IOException {
        StepOutcome outcome = ingest(local);

        long eventLines = generated.accessLog().eventLines();
        long malformed = generated.accessLog().malformedLines();
        assertThat(outcome.counts()).containsEntry("read", 4_000L).containsEntry("landed", eventLines)
                .containsEntry("rejected", malformed).containsEntry("published", eventLines);
        assertThat(landedEventIds(local.lake())).hasSize((int) eventLines);
        List<String[]> rejected = rejectedRows(local.lake());
        assertThat(rejected).hasSize((int) malformed);
        assertThat(rejected).allSatisfy(row -> assertThat(row[2]).as("reason").isNotBlank());
        assertThat(topicEventIds(local, "clickstream.raw")).containsExactlyInAnyOrderElementsOf(landedEventIds(local.lake()));
        assertThat(work.resolve("local").resolve("kafka")).isDirectory();
        localFirstRun = snapshot(local.lake());
    }

    @Test
    @Order(2)
    void the_same_logs_on_an_s3_lake_give_the_same_objects() throws IOException {
        onS3 = PipelineComponent.create(PipelineConfig.of(Map.of("data.dir", work.resolve("s3-run").toString(),
                "lake.uri", "s3://lake/pipeline", "lake.s3.endpoint", s3.endpoint().toString(), "lake.s3.path.style", "true",
                "sources.weblog.path", logs.toString(),
                "kafka.bootstrap.servers", local.kafka().bootstrapServers(), "kafka.topic.raw", "s3run.raw",
                "kafka.transactional.id", "s3run-ingest")));

        StepOutcome outcome = ingest(onS3);

        assertThat(outcome.counts()).containsEntry("landed", generated.accessLog().eventLines());
        assertThat(onS3.lake().describe()).isEqualTo("s3://lake/pipeline");
        assertThat(snapshot(onS3.lake())).isEqualTo(localFirstRun);
        assertThat(topicEventIds(onS3, "s3run.raw")).hasSize((int) generated.accessLog().eventLines());
    }

    @Test
    @Order(3)
    void running_again_lands_and_publishes_nothing_new() throws IOException {
        StepOutcome again = ingest(local);

        assertThat(again.counts()).containsEntry("read", 0L).containsEntry("landed", 0L).containsEntry("published", 0L);
        assertThat(snapshot(local.lake())).isEqualTo(localFirstRun);
        assertThat(topicEventIds(local, "clickstream.raw")).hasSize((int) generated.accessLog().eventLines());
    }

    @Test
    @Order(4)
    void appended_lines_are_all_that_the_next_run_lands_and_publishes() throws IOException {
        Set<String> before = landedEventIds(local.lake());
        String newLines = """
                198.51.100.7 - u9001 [21/Nov/2026:23:59:01 +0000] "GET /product/i77 HTTP/1.1" 200 5120 "-" "Mozilla/5.0 (X11; Linux x86_64)" "s-feedfacecafebeef"
                198.51.100.7 - u9001 [21/Nov/2026:23:59:09 +0000] "GET /cart/add?item=i77 HTTP/1.1" 200 310 "-" "Mozilla/5.0 (X11; Linux x86_64)" "s-feedfacecafebeef"
                198.51.100.7 - u9001 [21/Nov/2026:23:59:30 +0000] "GET /static/app.js HTTP/1.1" 200 90210 "-" "Mozilla/5.0 (X11; Linux x86_64)" "s-feedfacecafebeef"
                198.51.100.7 - u9001 [21/Nov/2026:23:59:61 +0000] "GET /product/i78 HTTP/1.1" 200 5120 "-" "Mozilla/5.0 (X11; Linux x86_64)" "s-feedfacecafebeef"
                """;
        Files.writeString(logs.resolve("access.log"), newLines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        StepOutcome outcome = ingest(local);

        assertThat(outcome.counts()).containsEntry("read", 4L).containsEntry("landed", 2L).containsEntry("weblog.unmatched", 1L)
                .containsEntry("rejected", 1L).containsEntry("published", 2L);
        Set<String> added = new HashSet<>(landedEventIds(local.lake()));
        added.removeAll(before);
        assertThat(added).hasSize(2);
        assertThat(rejectedRows(local.lake())).anySatisfy(row -> assertThat(row[3]).contains("23:59:61"));
        assertThat(topicEventIds(local, "clickstream.raw")).hasSize(before.size() + 2).containsAll(added);
    }

    private static StepOutcome ingest(PipelineComponent app) {
        return app.ingest().ingest(new IngestCommand(JobMonitor.none()));
    }

    /** Every object outside the manifests (which record offsets and times) with its content; manifests by key. */
    private static Map<String, String> snapshot(DataLake lake) {
        Map<String, String> objects = new TreeMap<>();
        for (LakeObject o : lake.list(ZonePath.root(DataZone.LANDING))) {
            String key = o.path().key();
            objects.put(key, key.startsWith("landing/_published/") ? "(manifest)"
                    : new String(lake.read(o.path()).orElseThrow(), StandardCharsets.UTF_8));
        }
        return objects;
    }

    private static Set<String> landedEventIds(DataLake lake) {
        Set<String> ids = new HashSet<>();
        for (LakeObject o : lake.list(LakeLayout.landingClickstream())) {
            String csv = new String(lake.read(o.path()).orElseThrow(), StandardCharsets.UTF_8);
            csv.lines().skip(1).filter(l -> l.matches("^[0-9a-f]{32},.*")).forEach(l -> ids.add(l.substring(0, 32)));
        }
        return ids;
    }

    /** Rejected rows as source, origin, reason, raw (the raw lines have no commas in quotes we depend on here). */
    private static List<String[]> rejectedRows(DataLake lake) {
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

    private static List<String> topicEventIds(PipelineComponent app, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, app.kafka().bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<String> ids = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    ids.add(r.value().substring(0, 32).toLowerCase(Locale.ROOT));
                }
            }
            return ids;
        }
    }
}
