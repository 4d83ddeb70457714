package io.clickstream.adapter.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.adapter.localfs.LocalFsDataLakeAdapter;
import io.clickstream.testing.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A stage job killed (the JVM halted, as by {@code kill -9}) at successive steps of a batch and run again leaves the
 * tables exactly as one uninterrupted job does. Several batches, so earlier batches are committed when one dies.
 */
class KillAndRerunTest {
    private static final long EVENTS_PER_BATCH = 450;

    @Test
    void killed_at_every_step_of_a_batch_and_rerun_gives_the_tables_of_one_uninterrupted_run() throws IOException {
        Path work = TestEnvironment.freshDir("kill");
        String topic = TestEnvironment.unique("raw");
        Scenario scenario = Scenario.ingest(work, 1200, 11, 2, new LocalFsDataLakeAdapter(work.resolve("source-lake")),
                topic);
        scenario.plant(topic, 15);

        String uninterruptedDb = TestEnvironment.unique("whole");
        SparkStagingSettings settings = TestEnvironment.settings(uninterruptedDb, topic)
                .withBatching(EVENTS_PER_BATCH, SparkStagingSettings.DEFAULT_MAX_RECORDS_PER_FILE);
        var whole = new SparkStagingProcessorAdapter(settings, new LocalFsDataLakeAdapter(work.resolve("lake-whole")))
                .stage(io.clickstream.domain.JobMonitor.none());
        assertThat(whole.counts().get("batches")).as("the backlog spans several batches").isGreaterThanOrEqualTo(2);
        List<String> expected = TableDump.of(TestEnvironment.spark(), uninterruptedDb);

        Path killedLake = work.resolve("lake-killed");
        Path config = work.resolve("killed.properties");
        Path dump = work.resolve("killed.dump");
        Path log = work.resolve("killed-runs.log");
        List<String> halts = List.of("FILES_WRITTEN:1", "FILE_PUBLISHED:1:2", "BATCH_MARKED:1");
        for (String haltAt : halts) {
            write(config, topic, killedLake, work.resolve("killed-data"), haltAt, dump);
            assertThat(ChildJvm.run(StageRunner.class.getName(), List.of(config.toString()), log, 240))
                    .as("halted at %s (see %s)", haltAt, log).isEqualTo(ChildJvm.HALTED);
        }
        write(config, topic, killedLake, work.resolve("killed-data"), "", dump);
        assertThat(ChildJvm.run(StageRunner.class.getName(), List.of(config.toString()), log, 240))
                .as("final run (see %s)", log).isZero();

        List<String> actual = Files.readAllLines(dump, StandardCharsets.UTF_8);
        List<String> tables = new ArrayList<>(actual.subList(2, actual.size()));
        assertThat(tables).hasSize(expected.size()).isEqualTo(expected);
        assertThat(expected.stream().filter(l -> l.startsWith("interactions ")).count()).isEqualTo(whole.staged());
    }

    private static void write(Path config, String topic, Path lake, Path dataDir, String haltAt, Path dump)
            throws IOException {
        Properties p = new Properties();
        p.setProperty("lake", lake.toString());
        p.setProperty("dataDir", dataDir.toString());
        p.setProperty("kafka", TestEnvironment.kafka());
        p.setProperty("topic", topic);
        p.setProperty("database", "killed");
        p.setProperty("maxEventsPerBatch", Long.toString(EVENTS_PER_BATCH));
        p.setProperty("haltAt", haltAt);
        p.setProperty("dump", dump.toString());
        p.setProperty("spark.sql.shuffle.partitions", "4");
        ChildJvm.writeSettings(config, p, "stage run for " + KillAndRerunTest.class.getSimpleName());
    }
}
