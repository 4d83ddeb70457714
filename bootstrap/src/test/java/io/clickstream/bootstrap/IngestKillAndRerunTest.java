package io.clickstream.bootstrap;

import static io.clickstream.bootstrap.IngestedState.batchRanges;
import static io.clickstream.bootstrap.IngestedState.eventIds;
import static io.clickstream.bootstrap.IngestedState.landedEventIds;
import static io.clickstream.bootstrap.IngestedState.landingSnapshot;
import static io.clickstream.bootstrap.IngestedState.manifestRanges;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.generator.ClickstreamGenerator;
import io.clickstream.generator.GenerationSummary;
import io.clickstream.generator.GeneratorSettings;
import io.clickstream.adapter.kafka.EmbeddedKafkaBroker;
import io.clickstream.adapter.kafka.EmbeddedKafkaSettings;
import io.clickstream.adapter.localfs.LocalFsDataLakeAdapter;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.RawEventPublisher.PartitionRange;
import io.clickstream.bootstrap.IngestRunner.HaltPoint;
import io.clickstream.domain.LakeLayout;
import io.clickstream.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ingest killed for real (its JVM halted, as by {@code kill -9}) where a crash could lose or duplicate records, then
 * run again in a fresh JVM, ends as one uninterrupted run does: the same landing zone (every valid line landed once),
 * every landed row on the raw topic once, and a manifest per batch with that batch's offsets. Real local lake, real
 * weblog source over generated access logs, real Kafka broker; small chunks, so a kill at the second chunk leaves
 * earlier work done and later work undone.
 */
class IngestKillAndRerunTest {
    private static final int LINES = 3_000;
    private static final int CHUNK_SIZE = 300;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;

    private static GenerationSummary generated;
    private static EmbeddedKafkaBroker broker;
    private static Run reference;

    @BeforeAll
    static void generateLogsStartBrokerAndIngestOnceUninterrupted() throws IOException {
        generated = new ClickstreamGenerator(GeneratorSettings.defaults(LINES, 5).withDays(2)).generate(work.resolve("gen"));
        broker = new EmbeddedKafkaBroker(EmbeddedKafkaSettings.under(work.resolve("broker"))).start();
        reference = new Run("reference");
        assertThat(reference.ingest("")).as("reference run (see %s)", reference.log).isZero();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void the_uninterrupted_run_lands_every_event_line_in_several_batches_and_publishes_each_row_once() throws IOException {
        assertThat(reference.counts()).containsEntry("read", (long) LINES)
                .containsEntry("landed", generated.accessLog().eventLines())
                .containsEntry("published", generated.accessLog().eventLines());
        assertThat(reference.manifests()).as("several batches").hasSizeGreaterThanOrEqualTo(5);
        List<ConsumerRecord<String, String>> topic = reference.topic();
        assertThat(eventIds(topic)).containsExactlyInAnyOrderElementsOf(landedEventIds(reference.lake));
        assertThat(reference.manifests()).isEqualTo(batchRanges(topic));
    }

    @ParameterizedTest(name = "halted at {0}")
    @ValueSource(strings = {"LANDED:2", "CHECKPOINTED:2", "COMMITTED:2"})
    void killed_and_run_again_in_a_fresh_jvm_ends_as_the_uninterrupted_run(String haltAt) throws IOException {
        HaltPoint point = HaltPoint.valueOf(haltAt.split(":")[0]);
        Run run = new Run(haltAt.replace(':', '-').toLowerCase(Locale.ROOT));

        assertThat(run.ingest(haltAt)).as("halted at %s (see %s)", haltAt, run.log).isEqualTo(ChildJvm.HALTED);
        Map<String, List<PartitionRange>> manifestsAtKill = run.manifests();
        Map<String, List<PartitionRange>> onTopicAtKill = batchRanges(run.topic());
        int landedAtKill = run.lake.list(LakeLayout.landingClickstream()).size();
        if (point == HaltPoint.COMMITTED) {
            assertThat(onTopicAtKill).as("one batch committed without its manifest")
                    .hasSize(manifestsAtKill.size() + 1).containsAllEntriesOf(manifestsAtKill);
        } else {
            assertThat(onTopicAtKill).as("nothing committed beyond the manifests").isEqualTo(manifestsAtKill);
            assertThat(landedAtKill).as("a landed batch waits without a manifest").isGreaterThan(manifestsAtKill.size());
        }

        assertThat(run.ingest("")).as("run again after halting at %s (see %s)", haltAt, run.log).isZero();

        assertThat(landingSnapshot(run.lake)).isEqualTo(landingSnapshot(reference.lake));
        List<ConsumerRecord<String, String>> topic = run.topic();
        assertThat(eventIds(topic)).as("every landed row published once")
                .containsExactlyInAnyOrderElementsOf(landedEventIds(reference.lake));
        assertThat(run.manifests()).as("a manifest per batch with its offsets").isEqualTo(batchRanges(topic));
        Map<String, Long> rerun = run.counts();
        switch (point) {
            case LANDED -> assertThat(rerun).as("the unsaved chunk is collected again, not recovered")
                    .doesNotContainKeys("recoveredBatches", "recoveredManifests");
            case CHECKPOINTED -> assertThat(rerun).as("the saved chunk's batches are published from the lake")
                    .containsKey("recoveredBatches").doesNotContainKey("recoveredManifests");
            case COMMITTED -> assertThat(rerun).as("the committed batch only gets its manifest")
                    .containsEntry("recoveredManifests", 1L);
        }
    }

    /** One lake and raw topic, ingested by child JVMs with one transactional id, as one installation would be. */
    private static final class Run {
        final DataLake lake;
        final Path log;
        private final String name;
        private final Path lakeDir;
        private final Path config;
        private final Path counts;

        Run(String name) {
            this.name = name;
            this.lakeDir = work.resolve(name).resolve("lake");
            this.lake = new LocalFsDataLakeAdapter(lakeDir);
            this.log = work.resolve(name).resolve("ingest.log");
            this.config = work.resolve(name).resolve("ingest.properties");
            this.counts = work.resolve(name).resolve("counts.properties");
        }

        /** Runs ingest in a fresh JVM, halting at {@code haltAt} ({@code POINT:n}) unless blank; the exit code. */
        int ingest(String haltAt) throws IOException {
            Properties p = new Properties();
            p.setProperty("lake", lakeDir.toString());
            p.setProperty("logs", work.resolve("gen").resolve("access").toString());
            p.setProperty("kafka", broker.bootstrapServers());
            p.setProperty("topic", topic(name));
            p.setProperty("transactionalId", "ingest-" + name);
            p.setProperty("chunkSize", Integer.toString(CHUNK_SIZE));
            p.setProperty("haltAt", haltAt);
            p.setProperty("counts", counts.toString());
            Files.createDirectories(lakeDir);
            ChildJvm.writeSettings(config, p, "ingest run for " + IngestKillAndRerunTest.class.getSimpleName());
            Files.deleteIfExists(counts);
            return ChildJvm.run(IngestRunner.class.getName(), List.of(config.toString()), log, 180);
        }

        /** The counts of the last run that finished. */
        Map<String, Long> counts() throws IOException {
            Properties p = ChildJvm.readSettings(counts);
            Map<String, Long> values = new HashMap<>();
            p.stringPropertyNames().forEach(k -> values.put(k, Long.parseLong(p.getProperty(k))));
            return values;
        }

        List<ConsumerRecord<String, String>> topic() {
            return IngestedState.readCommitted(broker.bootstrapServers(), topic(name));
        }

        Map<String, List<PartitionRange>> manifests() {
            return manifestRanges(lake);
        }

        private static String topic(String name) {
            return "raw." + name;
        }
    }
}
