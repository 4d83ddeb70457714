package io.clickstream.adapter.spark;

import static io.clickstream.adapter.spark.StagedRowsFixture.Event.of;
import static io.clickstream.adapter.spark.StagedRowsFixture.Event.view;
import static io.clickstream.adapter.spark.StagedRowsFixture.lines;
import static io.clickstream.adapter.spark.StagedRowsFixture.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.TrainingDataProvider.TrainingDataset;
import io.clickstream.domain.DataZone;
import io.clickstream.domain.InteractionSequence;
import io.clickstream.domain.InvalidParameterException;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.JobStoppedException;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.ZonePath;
import io.clickstream.testing.RecordingMonitor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Preparing training data from staged rows with known answers, on a real local Spark with an embedded Hive metastore.
 * The data is from March 2024, so a window that followed the wall clock would find nothing.
 */
class SparkTrainingDataAdapterTest {
    private static final Duration WINDOW = Duration.ofHours(48);
    private static final Duration HOLDOUT = Duration.ofHours(12);
    private static StagedRowsFixture fixture;
    private static SparkTrainingDataAdapter adapter;
    private static RecordingMonitor monitor;
    private static TrainingDataset dataset;

    @BeforeAll
    static void stageAndPrepare() {
        fixture = StagedRowsFixture.create("known", true);
        fixture.stage(List.of(
                view("e01", "2024-03-01T10:00:00Z", "u1", "s0", "ancient"),
                view("e00", "2024-03-10T11:00:00Z", "u1", "s0", "old"),
                // s1 began before the window: only its steps inside it count; its search has no item
                view("e10", "2024-03-10T11:50:00Z", "u1", "s1", "x0"),
                view("e11", "2024-03-10T12:05:00Z", "u1", "s1", "a"),
                of("e12", "2024-03-10T12:06:00Z", "weblog", "cart", "u1", "s1", "a"),
                view("e13", "2024-03-10T12:07:00Z", "u1", "s1", "b"),
                of("e14", "2024-03-10T12:08:00Z", "search", "search", "u1", "s1", null),
                // equal times: the event id decides, e21 (c) before e22 (b)
                view("e22", "2024-03-11T08:00:00Z", null, "s2", "b"),
                view("e21", "2024-03-11T08:00:00Z", null, "s2", "c"),
                of("e23", "2024-03-11T08:01:00Z", "weblog", "purchase", null, "s2", "c"),
                view("e81", "2024-03-11T09:00:00Z", null, "s8", "bad item"),
                view("e82", "2024-03-11T09:01:00Z", "bad user", "s8", "a"),
                view("e31", "2024-03-11T20:00:00Z", "u2", "s3", "d"),
                view("e32", "2024-03-11T20:01:00Z", "u2", "s3", "z"),
                // s4 starts before the holdout and runs into it: train, by its start; 6 steps, the last 4 kept
                view("e41", "2024-03-11T23:50:00Z", "u1", "s4", "a"),
                view("e42", "2024-03-11T23:52:00Z", "u1", "s4", "b"),
                view("e43", "2024-03-11T23:54:00Z", "u1", "s4", "c"),
                view("e44", "2024-03-12T00:05:00Z", "u1", "s4", "a"),
                view("e45", "2024-03-12T00:10:00Z", "u1", "s4", "b"),
                view("e46", "2024-03-12T00:12:00Z", "u1", "s4", "d"),
                view("e51", "2024-03-12T01:00:00Z", "u2", "s5", "a"),
                of("e52", "2024-03-12T01:01:00Z", "search", "search_click", "u2", "s5", "b"),
                view("e53", "2024-03-12T01:02:00Z", "u2", "s5", "c"),
                view("e61", "2024-03-12T05:00:00Z", null, "s6", "e"),
                view("e71", "2024-03-12T11:59:00Z", null, "s7", "b"),
                view("e72", "2024-03-12T12:00:00Z", null, "s7", "a"),
                // newer, but a search without an item: it does not move the window's end
                of("e91", "2024-03-12T13:00:00Z", "search", "search", "u2", "s9", null)));
        adapter = new SparkTrainingDataAdapter(settings(fixture), fixture.lake);
        monitor = new RecordingMonitor();
        dataset = adapter.prepare(WINDOW, HOLDOUT, monitor);
    }

    private static SparkTrainingDataSettings settings(StagedRowsFixture f) {
        return SparkTrainingDataSettings.defaults(f.spark).withMinSupport(2).withMaxLengths(4, 5);
    }

    @Test
    void window_ends_at_the_newest_staged_item_event_not_the_wall_clock() {
        assertThat(dataset.windowEnd()).isEqualTo(Instant.parse("2024-03-12T12:00:00Z"));
        assertThat(dataset.windowStart()).isEqualTo(Instant.parse("2024-03-10T12:00:00Z"));
        assertThat(dataset.location()).isEqualTo(LakeLayout.dataset(dataset.location().name()));
        assertThat(dataset.location().name()).matches("d-20240312120000-[0-9a-f]{10}");
        assertThat(dataset.trainingSequences()).isEqualTo(5);
        assertThat(dataset.holdoutSequences()).isEqualTo(2);
        assertThat(dataset.vocabularySize()).isEqualTo(4);
    }

    @Test
    void train_holds_each_earlier_session_time_ordered_and_cut_to_its_latest_steps() {
        assertThat(lines(fixture.lake, dataset.location(), "train.tsv")).containsExactly(
                "s1\tu1\t" + steps("a:v:2024-03-10T12:05:00Z", "a:c:2024-03-10T12:06:00Z", "b:v:2024-03-10T12:07:00Z"),
                "s2\t\t" + steps("c:v:2024-03-11T08:00:00Z", "b:v:2024-03-11T08:00:00Z", "c:p:2024-03-11T08:01:00Z"),
                "s8\t\t" + steps("a:v:2024-03-11T09:01:00Z"),
                "s3\tu2\t" + steps("d:v:2024-03-11T20:00:00Z", "z:v:2024-03-11T20:01:00Z"),
                "s4\tu1\t" + steps("c:v:2024-03-11T23:54:00Z", "a:v:2024-03-12T00:05:00Z", "b:v:2024-03-12T00:10:00Z",
                        "d:v:2024-03-12T00:12:00Z"));
    }

    @Test
    void holdout_holds_sessions_starting_in_its_last_part_with_at_least_two_steps() {
        assertThat(lines(fixture.lake, dataset.location(), "holdout.tsv")).containsExactly(
                "s5\tu2\t" + steps("a:v:2024-03-12T01:00:00Z", "b:k:2024-03-12T01:01:00Z", "c:v:2024-03-12T01:02:00Z"),
                "s7\t\t" + steps("b:v:2024-03-12T11:59:00Z", "a:v:2024-03-12T12:00:00Z"));
    }

    @Test
    void users_file_holds_each_known_users_latest_steps_across_sessions() {
        List<String> users = lines(fixture.lake, dataset.location(), "users.tsv");
        assertThat(users).containsExactly(
                "u1\tu1\t" + steps("b:v:2024-03-11T23:52:00Z", "c:v:2024-03-11T23:54:00Z", "a:v:2024-03-12T00:05:00Z",
                        "b:v:2024-03-12T00:10:00Z", "d:v:2024-03-12T00:12:00Z"),
                "u2\tu2\t" + steps("d:v:2024-03-11T20:00:00Z", "z:v:2024-03-11T20:01:00Z", "a:v:2024-03-12T01:00:00Z",
                        "b:k:2024-03-12T01:01:00Z", "c:v:2024-03-12T01:02:00Z"));
        assertThat(users).map(InteractionSequence::parse).extracting(InteractionSequence::userId)
                .containsExactly("u1", "u2");
    }

    @Test
    void every_line_parses_as_the_trainers_contract() {
        List<InteractionSequence> all = new ArrayList<>();
        for (String file : List.of("train.tsv", "holdout.tsv", "users.tsv")) {
            lines(fixture.lake, dataset.location(), file).forEach(l -> all.add(InteractionSequence.parse(l)));
        }
        assertThat(all).hasSize(9);
        assertThat(all).allSatisfy(s -> assertThat(s.toLine()).isNotEmpty());
        assertThat(all.get(1).steps()).extracting(InteractionSequence.Step::itemId).containsExactly("c", "b", "c");
    }

    @Test
    void vocabulary_keeps_train_items_with_the_minimum_support_most_frequent_first() {
        // train counts after the cut: a 4, b 3, c 3, d 2, z 1 (below 2); holdout-only e is absent
        assertThat(text(fixture.lake, dataset.location().resolve("vocabulary.tsv")))
                .isEqualTo("a\t4\nb\t3\nc\t3\nd\t2\n");
    }

    @Test
    void manifest_states_window_counts_parameters_and_lineage() throws Exception {
        JsonNode json = new ObjectMapper().readTree(text(fixture.lake, dataset.location().resolve("dataset.json")));
        assertThat(json.get("datasetId").asText()).isEqualTo(dataset.location().name());
        assertThat(json.get("windowStart").asText()).isEqualTo("2024-03-10T12:00:00Z");
        assertThat(json.get("windowEnd").asText()).isEqualTo("2024-03-12T12:00:00Z");
        assertThat(json.get("holdoutStart").asText()).isEqualTo("2024-03-12T00:00:00Z");
        assertThat(json.get("table").asText()).isEqualTo(fixture.database + ".interactions");
        JsonNode counts = json.get("counts");
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("events", 22L);
        expected.put("skippedInvalidItemIds", 1L);
        expected.put("skippedWithoutSession", 0L);
        expected.put("anonymisedInvalidUserIds", 1L);
        expected.put("trainSequences", 5L);
        expected.put("trainSteps", 13L);
        expected.put("holdoutSequences", 2L);
        expected.put("holdoutSteps", 5L);
        expected.put("holdoutSingleStepLeftOut", 1L);
        expected.put("users", 2L);
        expected.put("userSteps", 10L);
        expected.put("trainItems", 5L);
        expected.put("vocabularySize", 4L);
        expected.forEach((k, v) -> assertThat(counts.get(k).asLong()).as(k).isEqualTo(v));
        assertThat(json.get("parameters").get("minSupport").asInt()).isEqualTo(2);
        assertThat(json.get("parameters").get("maxSequenceLength").asInt()).isEqualTo(4);
        assertThat(json.get("files").get("users").asText()).isEqualTo("users.tsv");
        List<String> lineage = new ArrayList<>();
        json.get("partitions").forEach(p -> lineage.add(p.asText()));
        List<String> partitions = List.of(
                "source=search/event_type=search_click/dt=2024-03-12",
                "source=weblog/event_type=cart/dt=2024-03-10",
                "source=weblog/event_type=purchase/dt=2024-03-11",
                "source=weblog/event_type=view/dt=2024-03-10",
                "source=weblog/event_type=view/dt=2024-03-11",
                "source=weblog/event_type=view/dt=2024-03-12");
        assertThat(lineage).isEqualTo(partitions);
        assertThat(dataset.partitions()).isEqualTo(partitions);
    }

    @Test
    void progress_rises_to_done_and_counts_reach_the_monitor() {
        assertThat(monitor.progress()).isSorted().endsWith(1.0);
        assertThat(monitor.count("dataset.trainSequences")).isEqualTo(5);
        assertThat(monitor.count("dataset.skippedInvalidItemIds")).isEqualTo(1);
    }

    @Test
    void rerun_on_the_same_data_rewrites_the_same_dataset_identically() {
        Map<String, String> before = contents(dataset.location());
        TrainingDataset again = new SparkTrainingDataAdapter(settings(fixture), fixture.lake)
                .prepare(WINDOW, HOLDOUT, new RecordingMonitor());
        assertThat(again).isEqualTo(dataset);
        assertThat(contents(again.location())).isEqualTo(before);
        assertThat(before.get("vocabulary.tsv")).isNotEmpty();
    }

    @Test
    void other_parameters_give_another_dataset_and_leave_the_first_alone() {
        Map<String, String> before = contents(dataset.location());
        TrainingDataset whole = new SparkTrainingDataAdapter(settings(fixture).withMinSupport(3)
                .withUserHistories(false), fixture.lake).prepare(WINDOW, Duration.ZERO, new RecordingMonitor());
        assertThat(whole.location()).isNotEqualTo(dataset.location());
        assertThat(contents(dataset.location())).isEqualTo(before);
        // no holdout: every session trains; s6 (one step) too
        assertThat(lines(fixture.lake, whole.location(), "train.tsv")).extracting(l -> l.split("\t")[0])
                .containsExactly("s1", "s2", "s8", "s3", "s4", "s5", "s6", "s7");
        assertThat(whole.holdoutSequences()).isZero();
        // the empty holdout is still a folder with a part file, which is what the trainer looks for
        assertThat(fixture.lake.list(whole.location())).map(o -> o.path().relative())
                .anyMatch(p -> p.contains("/holdout.tsv/part-"))
                .noneMatch(p -> p.contains("/users.tsv"));
        assertThat(lines(fixture.lake, whole.location(), "holdout.tsv")).isEmpty();
        // a 6, b 5, c 4 reach 3; d 2, e 1, z 1 do not
        assertThat(text(fixture.lake, whole.location().resolve("vocabulary.tsv"))).isEqualTo("a\t6\nb\t5\nc\t4\n");
        assertThat(whole.vocabularySize()).isEqualTo(3);
    }

    @Test
    void a_stop_after_train_is_written_leaves_a_dataset_without_manifest() {
        Duration window = Duration.ofHours(47);
        JobMonitor stopHalfway = new JobMonitor() {
            private volatile double done;

            @Override
            public void progress(double fraction) {
                done = fraction;
            }

            @Override
            public void count(String counter, long delta) {
            }

            @Override
            public void set(String counter, long value) {
            }

            @Override
            public void measure(String name, double value) {
            }

            @Override
            public boolean stopRequested() {
                return done >= 0.5;
            }
        };
        assertThatThrownBy(() -> new SparkTrainingDataAdapter(settings(fixture), fixture.lake)
                .prepare(window, HOLDOUT, stopHalfway)).isInstanceOf(JobStoppedException.class);
        // the dataset folder the stopped run left: the one without a manifest
        List<ZonePath> incomplete = fixture.lake.list(ZonePath.of(io.clickstream.domain.DataZone.ANALYTICS, "datasets")).stream()
                .map(o -> LakeLayout.dataset(o.path().relative().split("/")[1])).distinct()
                .filter(d -> !fixture.lake.exists(d.resolve("dataset.json"))).toList();
        assertThat(incomplete).hasSize(1);
        ZonePath dir = incomplete.get(0);
        // a 47-hour window starts at 13:00 on the 10th: without s1
        assertThat(lines(fixture.lake, dir, "train.tsv")).extracting(l -> l.split("\t")[0])
                .containsExactly("s2", "s8", "s3", "s4");
        assertThat(fixture.lake.exists(dir.resolve("dataset.json"))).isFalse();
    }

    @Test
    void events_staged_late_into_the_window_name_a_new_dataset_so_training_sees_them() {
        StagedRowsFixture late = StagedRowsFixture.create("backfill", true);
        late.stage(List.of(view("b1", "2024-03-12T10:00:00Z", "u1", "t1", "a"), view("b2", "2024-03-12T10:01:00Z", "u1", "t1", "b"),
                view("b3", "2024-03-12T11:00:00Z", "u2", "t2", "a"), view("b4", "2024-03-12T11:01:00Z", "u2", "t2", "c")));
        SparkTrainingDataAdapter prepare = new SparkTrainingDataAdapter(settings(late), late.lake);
        TrainingDataset first = prepare.prepare(WINDOW, HOLDOUT, new RecordingMonitor());

        // a backfill: older than the newest event, so the window's end stays where it was
        late.stage(List.of(view("b5", "2024-03-11T09:00:00Z", "u3", "t3", "a"), view("b6", "2024-03-11T09:01:00Z", "u3", "t3", "b")));
        TrainingDataset second = prepare.prepare(WINDOW, HOLDOUT, new RecordingMonitor());

        assertThat(second.windowEnd()).isEqualTo(first.windowEnd());
        assertThat(second.location()).isNotEqualTo(first.location());
        assertThat(lines(late.lake, second.location(), "train.tsv")).extracting(l -> l.split("\t")[0]).contains("t3");
        assertThat(prepare.prepare(WINDOW, HOLDOUT, new RecordingMonitor()).location()).as("the same data again")
                .isEqualTo(second.location());
    }

    @Test
    void a_holdout_longer_than_the_window_is_refused_by_name() {
        assertThatThrownBy(() -> adapter.prepare(Duration.ofHours(1), Duration.ofHours(2), new RecordingMonitor()))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("holdout");
    }

    @Test
    void nothing_staged_gives_zero_sequences_not_an_error() {
        StagedRowsFixture emptyTables = StagedRowsFixture.create("empty", true);
        TrainingDataset none = new SparkTrainingDataAdapter(settings(emptyTables), emptyTables.lake)
                .prepare(WINDOW, HOLDOUT, new RecordingMonitor());
        assertThat(none.trainingSequences()).isZero();
        assertThat(none.holdoutSequences()).isZero();
        assertThat(none.partitions()).isEmpty();

        StagedRowsFixture noTables = StagedRowsFixture.create("notables", false);
        assertThat(new SparkTrainingDataAdapter(settings(noTables), noTables.lake)
                .prepare(WINDOW, HOLDOUT, new RecordingMonitor()).trainingSequences()).isZero();
        assertThat(noTables.lake.list(ZonePath.of(DataZone.ANALYTICS, "datasets"))).isEmpty();
    }

    /** Every file of a dataset (part files by position, as their names carry a per-run id) with its content. */
    private static Map<String, String> contents(ZonePath dir) {
        DataLake lake = fixture.lake;
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : List.of("train.tsv", "holdout.tsv", "users.tsv")) {
            files.put(name, String.join("\n", lines(lake, dir, name)));
        }
        files.put("vocabulary.tsv", text(lake, dir.resolve("vocabulary.tsv")));
        files.put("dataset.json", text(lake, dir.resolve("dataset.json")));
        return files;
    }

    /** Steps as {@code item:code:ISO-time}, written as the line format's {@code item:code:epochMillis}. */
    private static String steps(String... steps) {
        List<String> out = new ArrayList<>();
        for (String s : steps) {
            String[] p = s.split(":", 3);
            out.add(p[0] + ":" + p[1] + ":" + Instant.parse(p[2]).toEpochMilli());
        }
        return String.join(" ", out);
    }
}
