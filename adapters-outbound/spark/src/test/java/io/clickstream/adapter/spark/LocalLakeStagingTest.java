package io.clickstream.adapter.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.adapter.localfs.LocalFsDataLakeAdapter;
import io.clickstream.application.port.out.StagingProcessor.StagingReport;
import io.clickstream.domain.ClickstreamRecord;
import io.clickstream.domain.EventType;
import io.clickstream.domain.LakeLayout;
import io.clickstream.testing.RecordingMonitor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Staging generated traffic from a real broker into a lake on local disk and an embedded Hive metastore. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalLakeStagingTest {
    private static final int COPIES = 25;
    private static Scenario scenario;
    private static LocalFsDataLakeAdapter lake;
    private static String topic;
    private static String db;
    private static SparkStagingProcessorAdapter adapter;
    private static RecordingMonitor monitor;
    private static StagingReport first;

    @BeforeAll
    static void ingestAndStage() {
        Path work = TestEnvironment.freshDir("local");
        lake = new LocalFsDataLakeAdapter(work.resolve("lake"));
        topic = TestEnvironment.unique("raw");
        db = TestEnvironment.unique("local");
        scenario = Scenario.ingest(work, 6000, 7, 3, lake, topic);
        scenario.plant(topic, COPIES);
        adapter = new SparkStagingProcessorAdapter(TestEnvironment.settings(db, topic), lake);
        monitor = new RecordingMonitor();
        first = adapter.stage(monitor);
    }

    @Test
    @Order(1)
    void counts_match_the_generated_traffic_exactly() {
        Map<String, Long> c = first.counts();
        var log = scenario.summary.accessLog();
        assertThat(first.read()).isEqualTo(scenario.landed.size() + scenario.injectedBad + COPIES);
        Scenario.BAD_ROWS.forEach((reason, rows) ->
                assertThat(c.get("quarantined." + reason)).as(reason).isEqualTo(rows.size()));
        assertThat(c.get("quarantined")).isEqualTo(scenario.injectedBad);
        assertThat(c.get("duplicates")).isEqualTo(COPIES + scenario.landedDuplicates());
        assertThat(c.get("bots")).isEqualTo(log.botViewLines());
        assertThat(log.shopperEvents()).isNotEmpty();
        log.shopperEvents().forEach((type, n) ->
                assertThat(c.getOrDefault("staged.weblog." + type, 0L)).as(type).isEqualTo(n));
        assertThat(c.get("staged.search.search")).isEqualTo(scenario.summary.searchEvents().searches());
        assertThat(c.get("staged.search.search_click")).isEqualTo(scenario.summary.searchEvents().clicks());
        assertThat(first.staged()).isEqualTo(first.read() - c.get("quarantined") - c.get("duplicates") - c.get("bots"));
        assertThat(monitor.counts()).containsAllEntriesOf(Map.of("read", first.read(), "staged", first.staged()));
        assertThat(monitor.progress()).isNotEmpty().isSorted();
        assertThat(monitor.progress().get(monitor.progress().size() - 1)).isEqualTo(1.0);
    }

    @Test
    @Order(2)
    void the_hive_table_returns_every_staged_row_once_with_a_session() {
        SparkSession spark = TestEnvironment.spark();
        Row totals = spark.sql("SELECT COUNT(*), COUNT(DISTINCT event_id), COUNT(session_id) FROM " + db
                + ".interactions").first();
        assertThat(List.of(totals.getLong(0), totals.getLong(1), totals.getLong(2)))
                .containsExactly(first.staged(), first.staged(), first.staged());
        Map<String, ClickstreamRecord> landedById = new HashMap<>();
        scenario.landed.forEach(r -> landedById.put(r.interaction().eventId(), r));
        List<Row> rows = spark.sql("SELECT event_id, event_time, source, event_type, user_id, session_id, item_id, "
                + "session_inferred FROM " + db + ".interactions").collectAsList();
        long inferred = 0;
        for (Row row : rows) {
            ClickstreamRecord landed = landedById.get(row.getString(0));
            assertThat(landed).as("staged row %s was landed", row.getString(0)).isNotNull();
            var i = landed.interaction();
            assertThat(((java.sql.Timestamp) row.get(1)).toInstant()).isEqualTo(i.eventTime());
            assertThat(row.getString(2)).isEqualTo(i.source().wireName());
            assertThat(row.getString(3)).isEqualTo(i.eventType().wireName());
            assertThat(row.getString(4)).isEqualTo(i.userId());
            assertThat(row.getString(6)).isEqualTo(i.itemId());
            if (i.sessionId() != null) {
                assertThat(row.getString(5)).isEqualTo(i.sessionId());
                assertThat(row.getBoolean(7)).isFalse();
            } else {
                assertThat(row.getString(5)).startsWith("a-");
                inferred++;
            }
        }
        assertThat(inferred).as("weblog rows without a session cookie get one").isPositive();
    }

    @Test
    @Order(3)
    void partitions_exist_per_source_event_type_and_day() {
        SparkSession spark = TestEnvironment.spark();
        Set<String> partitions = new HashSet<>();
        spark.sql("SHOW PARTITIONS " + db + ".interactions").collectAsList().forEach(r -> partitions.add(r.getString(0)));
        Set<String> expected = new HashSet<>();
        spark.sql("SELECT DISTINCT source, event_type, dt FROM " + db + ".interactions").collectAsList()
                .forEach(r -> expected.add("source=" + r.getString(0) + "/event_type=" + r.getString(1) + "/dt="
                        + r.getString(2)));
        assertThat(partitions).isEqualTo(expected);
        Set<String> days = new HashSet<>();
        scenario.summary.accessLog().files().forEach(f -> days.add(f.day()));
        for (String day : days) {
            for (EventType type : EventType.values()) {
                String source = type == EventType.SEARCH || type == EventType.SEARCH_CLICK ? "search" : "weblog";
                assertThat(partitions).contains("source=" + source + "/event_type=" + type.wireName() + "/dt=" + day);
            }
        }
        assertThat(lake.list(LakeLayout.stagingInteractions()).stream()
                .filter(o -> o.path().name().endsWith(".parquet")).count())
                .as("one file per partition for one batch").isEqualTo(partitions.size());
    }

    @Test
    @Order(4)
    void the_quarantine_table_keeps_each_bad_message_with_its_reason() {
        Map<String, Long> byReason = new HashMap<>();
        TestEnvironment.spark().sql("SELECT reason, COUNT(*) FROM " + db + ".quarantine GROUP BY reason")
                .collectAsList().forEach(r -> byReason.put(r.getString(0), r.getLong(1)));
        Map<String, Long> expected = new HashMap<>();
        Scenario.BAD_ROWS.forEach((reason, rows) -> expected.put(reason, (long) rows.size()));
        assertThat(byReason).isEqualTo(expected);
        Set<String> values = new HashSet<>();
        TestEnvironment.spark().sql("SELECT value FROM " + db + ".quarantine").collectAsList()
                .forEach(r -> values.add(r.getString(0)));
        Scenario.BAD_ROWS.values().forEach(rows -> assertThat(values).containsAll(rows));
    }

    @Test
    @Order(5)
    void a_rerun_without_new_data_stages_nothing() {
        long before = TestEnvironment.spark().table(db + ".interactions").count();
        StagingReport again = adapter.stage(new RecordingMonitor());
        assertThat(again.read()).isZero();
        assertThat(again.staged()).isZero();
        assertThat(TestEnvironment.spark().table(db + ".interactions").count()).isEqualTo(before);
    }

    @Test
    @Order(6)
    void copies_sent_again_later_are_removed_against_earlier_runs() {
        long before = TestEnvironment.spark().table(db + ".interactions").count();
        scenario.plant(topic, 10);
        StagingReport later = adapter.stage(new RecordingMonitor());
        assertThat(later.read()).isEqualTo(scenario.injectedBad / 2 + 10);
        assertThat(later.counts().get("duplicates")).isEqualTo(10);
        assertThat(later.staged()).isZero();
        assertThat(TestEnvironment.spark().table(db + ".interactions").count()).isEqualTo(before);
        assertThat(TestEnvironment.spark().table(db + ".quarantine").count()).isEqualTo(scenario.injectedBad);
    }

    @Test
    @Order(7)
    void a_second_stage_job_cannot_run_while_one_holds_the_lease() {
        var leasePath = LakeLayout.stagingCheckpoints().resolve("stage.lease");
        String live = "{\"token\":\"other\",\"owner\":\"other-host/pid-1\",\"expiresAt\":\""
                + Instant.now().plusSeconds(60) + "\"}";
        lake.write(leasePath, live.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> adapter.stage(new RecordingMonitor()))
                .isInstanceOf(StageLockedException.class).hasMessageContaining("other-host/pid-1");
        String dead = live.replace(Instant.now().plusSeconds(60).toString().substring(0, 10), "2020-01-01");
        lake.write(leasePath, ("{\"token\":\"other\",\"owner\":\"dead-host/pid-1\",\"expiresAt\":\""
                + Instant.now().minusSeconds(1) + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(adapter.stage(new RecordingMonitor()).read()).isZero();
        assertThat(lake.exists(leasePath)).as("released after the run").isFalse();
    }

    @Test
    @Order(8)
    void a_lease_left_by_a_killed_process_on_this_host_is_taken_over_before_it_expires() throws Exception {
        var leasePath = LakeLayout.stagingCheckpoints().resolve("stage.lease");
        Process killed = new ProcessBuilder("sleep", "300").start();
        killed.destroyForcibly();
        assertThat(killed.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        StageLease.Identity here = StageLease.Identity.current();
        // what a server SIGKILLed during a stage job leaves: its lease, still valid for a minute
        lake.write(leasePath, ("{\"token\":\"killed\",\"owner\":\"" + here.host() + "/pid-" + killed.pid()
                + "\",\"host\":\"" + here.host() + "\",\"pid\":\"" + killed.pid() + "\",\"pidNamespace\":\""
                + here.pidNamespace() + "\",\"expiresAt\":\"" + Instant.now().plusSeconds(60) + "\"}")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(adapter.stage(new RecordingMonitor()).read()).isZero();
        assertThat(lake.exists(leasePath)).as("released after the run").isFalse();
    }
}
