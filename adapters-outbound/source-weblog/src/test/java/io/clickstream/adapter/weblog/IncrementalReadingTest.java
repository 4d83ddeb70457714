package io.clickstream.adapter.weblog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.application.port.out.ClickstreamSource.Chunk;
import io.clickstream.domain.InvalidParameterException;
import io.clickstream.domain.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IncrementalReadingTest {

    private final Path dir = Logs.newDir();
    private final WeblogClickstreamSourceAdapter source = new WeblogClickstreamSourceAdapter(WeblogSettings.defaults(dir));

    private static List<String> items(int from, int count) {
        List<String> items = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            items.add("i" + i);
        }
        return items;
    }

    private static void age(Path file, int minutesAgo) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60L * minutesAgo)));
    }

    private Logs.Drained drain(Optional<String> checkpoint) {
        return Logs.drain(source, checkpoint, 1000);
    }

    @Test
    void source_is_weblog_with_a_configurable_id() {
        assertThat(source.source()).isEqualTo(Source.WEBLOG);
        assertThat(source.id()).isEqualTo("weblog");
        assertThat(new WeblogClickstreamSourceAdapter(WeblogSettings.defaults(dir).withId("weblog-eu")).id())
                .isEqualTo("weblog-eu");
    }

    @Test
    void second_collect_returns_nothing_new_and_the_same_checkpoint() {
        Logs.write(dir.resolve("access.log"), Logs.views(1, 5));
        Logs.Drained first = drain(Optional.empty());
        Chunk again = source.collect(first.checkpoint, 1000);

        assertThat(first.items()).isEqualTo(items(1, 5));
        assertThat(again.records()).isEmpty();
        assertThat(again.linesRead()).isZero();
        assertThat(again.endReached()).isTrue();
        assertThat(again.nextCheckpoint()).isEqualTo(first.checkpoint.get());
    }

    @Test
    void appended_lines_are_returned_once() {
        Path log = Logs.write(dir.resolve("access.log"), Logs.views(1, 3));
        Logs.Drained first = drain(Optional.empty());
        Logs.append(log, Logs.view(4) + "\n" + Logs.view(5) + "\n");
        Logs.Drained second = drain(first.checkpoint);
        Logs.Drained third = drain(second.checkpoint);

        assertThat(second.items()).containsExactly("i4", "i5");
        assertThat(second.lines).isEqualTo(2);
        assertThat(third.records).isEmpty();
    }

    @Test
    void a_partial_last_line_waits_until_the_server_finishes_it() {
        Path log = Logs.write(dir.resolve("access.log"), Logs.views(1, 2));
        String third = Logs.view(3);
        Logs.append(log, third.substring(0, 40));
        Logs.Drained first = drain(Optional.empty());
        Logs.append(log, third.substring(40));
        Logs.Drained stillPartial = drain(first.checkpoint);
        Logs.append(log, "\n");
        Logs.Drained done = drain(stillPartial.checkpoint);

        assertThat(first.items()).containsExactly("i1", "i2");
        assertThat(first.lines).isEqualTo(2);
        assertThat(stillPartial.lines).isZero();
        assertThat(done.records).extracting(r -> r.raw()).containsExactly(third);
        assertThat(done.rejected).isEmpty();
    }

    @Test
    void chunks_follow_max_records_and_are_the_same_when_collected_again_from_the_same_checkpoint() {
        Logs.write(dir.resolve("access.log"), Logs.views(1, 25));
        Logs.Drained chunked = Logs.drain(source, Optional.empty(), 10);

        assertThat(chunked.chunks).extracting(c -> c.records().size()).containsExactly(10, 10, 5);
        assertThat(chunked.chunks).extracting(Chunk::endReached).containsExactly(false, false, true);
        assertThat(chunked.items()).isEqualTo(items(1, 25));

        String afterFirst = chunked.chunks.get(0).nextCheckpoint();
        WeblogClickstreamSourceAdapter restarted = new WeblogClickstreamSourceAdapter(WeblogSettings.defaults(dir));
        Chunk replay = restarted.collect(Optional.of(afterFirst), 10);
        assertThat(replay.records()).isEqualTo(chunked.chunks.get(1).records());
        assertThat(replay.nextCheckpoint()).isEqualTo(chunked.chunks.get(1).nextCheckpoint());
    }

    @Test
    void unmatched_lines_count_toward_a_cap_of_ten_times_max_records() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lines.add(Logs.line("-", "21/Nov/2026:10:00:00 +0000", "GET /static/a" + i + ".js HTTP/1.1", 200, null));
        }
        Logs.write(dir.resolve("access.log"), lines);
        Logs.Drained d = Logs.drain(source, Optional.empty(), 2);

        assertThat(d.chunks).extracting(Chunk::linesRead).containsExactly(20L, 20L, 10L);
        assertThat(d.unmatched).isEqualTo(50);
    }

    @Test
    void rotation_by_rename_reads_the_renamed_files_unread_tail_and_the_new_file_from_the_start() throws IOException {
        Path log = Logs.write(dir.resolve("access.log"), Logs.views(1, 5));
        Logs.Drained first = drain(Optional.empty());
        Logs.append(log, Logs.view(6) + "\n" + Logs.view(7) + "\n");
        Files.move(log, dir.resolve("access.log.1"));
        age(dir.resolve("access.log.1"), 5);
        Logs.write(dir.resolve("access.log"), Logs.views(8, 2));
        Logs.Drained second = drain(first.checkpoint);

        assertThat(second.items()).containsExactly("i6", "i7", "i8", "i9");
        assertThat(second.rejected).isEmpty();
        assertThat(drain(second.checkpoint).lines).isZero();
    }

    @Test
    void a_rotated_file_gzipped_after_being_read_is_recognised_and_not_read_again() throws IOException {
        Path log = Logs.write(dir.resolve("access.log"), Logs.views(1, 5));
        Logs.Drained first = drain(Optional.empty());
        Files.move(log, dir.resolve("access.log.1"));
        age(dir.resolve("access.log.1"), 10);
        Logs.write(dir.resolve("access.log"), Logs.views(6, 2));
        Logs.Drained second = drain(first.checkpoint);

        // next rotation: .1 is compressed to .2.gz (gzip keeps the time), the live log becomes .1, a new live log
        Logs.gzip(dir.resolve("access.log.1"), dir.resolve("access.log.2.gz"));
        age(dir.resolve("access.log.2.gz"), 10);
        Files.delete(dir.resolve("access.log.1"));
        Logs.append(dir.resolve("access.log"), Logs.view(8) + "\n");
        Files.move(dir.resolve("access.log"), dir.resolve("access.log.1"));
        age(dir.resolve("access.log.1"), 5);
        Logs.write(dir.resolve("access.log"), Logs.views(9, 1));
        Logs.Drained third = drain(second.checkpoint);

        assertThat(second.items()).containsExactly("i6", "i7");
        assertThat(third.items()).containsExactly("i8", "i9");
        assertThat(third.lines).isEqualTo(2);
        assertThat(third.checkpoint.get()).contains("access.log.2.gz");
    }

    @Test
    void the_unread_tail_of_a_file_is_read_from_its_gzipped_copy() throws IOException {
        Path log = Logs.write(dir.resolve("access.log"), Logs.views(1, 3));
        Logs.Drained first = drain(Optional.empty());
        Logs.append(log, Logs.view(4) + "\n" + Logs.view(5));   // the last line never got its newline
        Logs.gzip(log, dir.resolve("access.log.1.gz"));
        Files.delete(log);
        Logs.Drained second = drain(first.checkpoint);

        assertThat(second.items()).containsExactly("i4", "i5");
        assertThat(second.rejected).isEmpty();
    }

    @Test
    void a_file_and_its_gzip_copy_in_progress_are_read_once() throws IOException {
        Path rotated = Logs.write(dir.resolve("access.log.1"), Logs.views(1, 200));
        byte[] gz = Files.readAllBytes(Logs.gzip(rotated, dir.resolve("tmp.gz")));
        Files.delete(dir.resolve("tmp.gz"));
        Logs.writeBytes(dir.resolve("access.log.1.gz"), Arrays.copyOf(gz, gz.length / 2), false);
        Logs.Drained first = drain(Optional.empty());
        Logs.writeBytes(dir.resolve("access.log.1.gz"), gz, false);
        Logs.Drained whileBoth = drain(first.checkpoint);
        Files.delete(rotated);
        Logs.Drained afterDelete = drain(whileBoth.checkpoint);

        assertThat(first.items()).isEqualTo(items(1, 200));
        assertThat(whileBoth.lines).isZero();
        assertThat(afterDelete.lines).isZero();
        assertThat(afterDelete.checkpoint.get()).contains("access.log.1.gz").doesNotContain("access.log.1\"");
    }

    @Test
    void a_gzip_file_cut_short_is_read_to_its_last_complete_line_and_finished_later() throws IOException {
        Path plain = Logs.write(dir.resolve("plain.tmp"), Logs.views(1, 2000));
        byte[] gz = Files.readAllBytes(Logs.gzip(plain, dir.resolve("whole.tmp")));
        Path log = Logs.writeBytes(dir.resolve("access.log.3.gz"), Arrays.copyOf(gz, gz.length / 2), false);
        Logs.Drained cut = drain(Optional.empty());
        Logs.writeBytes(log, gz, false);
        Logs.Drained rest = drain(cut.checkpoint);

        assertThat(cut.records.size()).isBetween(1, 1999);
        assertThat(cut.rejected).isEmpty();
        List<String> all = new ArrayList<>(cut.items());
        all.addAll(rest.items());
        assertThat(all).isEqualTo(items(1, 2000));
        assertThat(rest.rejected).isEmpty();
    }

    @Test
    void a_truncated_file_is_read_again_from_the_start() {
        Path log = Logs.write(dir.resolve("access.log"), Logs.views(1, 5));
        Logs.Drained first = drain(Optional.empty());
        Logs.write(log, Logs.views(100, 2));
        Logs.Drained second = drain(first.checkpoint);

        assertThat(second.items()).containsExactly("i100", "i101");
    }

    @Test
    void a_file_replaced_by_longer_different_content_is_read_from_the_start() {
        Path log = Logs.write(dir.resolve("access.log"), Logs.views(1, 2));
        Logs.Drained first = drain(Optional.empty());
        Logs.write(log, Logs.views(50, 4));
        Logs.Drained second = drain(first.checkpoint);

        assertThat(second.items()).isEqualTo(items(50, 4));
    }

    @Test
    void copytruncate_rotation_reads_neither_copy_twice() throws IOException {
        Path log = Logs.write(dir.resolve("access.log"), Logs.views(1, 3));
        Logs.Drained first = drain(Optional.empty());
        Logs.append(log, Logs.view(4) + "\n");
        Files.copy(log, dir.resolve("access.log.1"));
        age(dir.resolve("access.log.1"), 5);
        Logs.write(log, Logs.views(5, 1));
        Logs.Drained second = drain(first.checkpoint);

        assertThat(second.items()).containsExactly("i4", "i5");
    }

    @Test
    void deleted_files_are_dropped_from_the_checkpoint() throws IOException {
        Logs.write(dir.resolve("a.log"), Logs.views(1, 2));
        Logs.write(dir.resolve("b.log"), Logs.views(3, 2));
        Logs.Drained first = drain(Optional.empty());
        Files.delete(dir.resolve("a.log"));
        Logs.Drained second = drain(first.checkpoint);

        assertThat(first.checkpoint.get()).contains("a.log").contains("b.log");
        assertThat(second.lines).isZero();
        assertThat(second.checkpoint.get()).doesNotContain("a.log").contains("b.log");
    }

    @Test
    void a_directory_holds_only_files_named_like_logs_and_a_glob_selects_exactly_its_files() throws IOException {
        Logs.write(dir.resolve("access.log"), Logs.views(1, 1));
        Logs.write(dir.resolve("access.log.1"), Logs.views(2, 1));
        Logs.gzip(Logs.write(dir.resolve("src.txt"), Logs.views(3, 1)), dir.resolve("access.log.2.gz"));
        Logs.write(dir.resolve("notes.txt"), Logs.views(4, 1));
        Logs.write(dir.resolve(".hidden.log"), Logs.views(5, 1));
        Files.createDirectories(dir.resolve("eu"));
        Logs.write(dir.resolve("eu/shop.log"), Logs.views(6, 1));

        Logs.Drained fromDir = drain(Optional.empty());
        Logs.Drained fromGlob = Logs.drain(new WeblogClickstreamSourceAdapter(
                WeblogSettings.defaults(dir + "/access.log*")), Optional.empty(), 100);
        Logs.Drained recursive = Logs.drain(new WeblogClickstreamSourceAdapter(
                WeblogSettings.defaults(dir + "/**.log")), Optional.empty(), 100);
        Logs.Drained textFiles = Logs.drain(new WeblogClickstreamSourceAdapter(
                WeblogSettings.defaults(dir).withFileGlob("*.txt")), Optional.empty(), 100);

        assertThat(fromDir.items()).containsExactlyInAnyOrder("i1", "i2", "i3");
        assertThat(fromGlob.items()).containsExactlyInAnyOrder("i1", "i2", "i3");
        assertThat(recursive.items()).containsExactlyInAnyOrder("i1", "i6");
        assertThat(textFiles.items()).containsExactlyInAnyOrder("i3", "i4");
    }

    @Test
    void files_are_read_oldest_first_by_time_then_rotation_number() throws IOException {
        Logs.write(dir.resolve("access.log"), Logs.views(5, 1));
        Logs.write(dir.resolve("access.log.1"), Logs.views(4, 1));
        Logs.gzip(Logs.write(dir.resolve("x.txt"), Logs.views(3, 1)), dir.resolve("access.log.2.gz"));
        Logs.write(dir.resolve("access.log.10"), Logs.views(1, 1));
        Logs.write(dir.resolve("access.log.9"), Logs.views(2, 1));
        FileTime same = FileTime.from(Instant.parse("2026-11-21T00:00:00Z"));
        for (String name : List.of("access.log.10", "access.log.9", "access.log.2.gz", "access.log.1")) {
            Files.setLastModifiedTime(dir.resolve(name), same);
        }

        assertThat(drain(Optional.empty()).items()).containsExactly("i1", "i2", "i3", "i4", "i5");
    }

    @Test
    void a_large_gzip_file_collected_in_chunks_gives_the_same_records_as_one_pass_and_as_fresh_restarts() {
        Path plain = Logs.write(dir.resolve("plain.txt"), Logs.views(1, 30_000));
        Logs.gzip(plain, dir.resolve("access.log.1.gz"));
        Logs.Drained onePass = Logs.drain(source, Optional.empty(), 100_000);
        Logs.Drained chunked = Logs.drain(new WeblogClickstreamSourceAdapter(WeblogSettings.defaults(dir)),
                Optional.empty(), 7_000);

        Optional<String> checkpoint = Optional.empty();
        List<String> restarted = new ArrayList<>();
        boolean end = false;
        while (!end) {
            try (WeblogClickstreamSourceAdapter fresh = new WeblogClickstreamSourceAdapter(WeblogSettings.defaults(dir))) {
                Chunk c = fresh.collect(checkpoint, 7_000);
                c.records().forEach(r -> restarted.add(r.interaction().itemId()));
                checkpoint = Optional.of(c.nextCheckpoint());
                end = c.endReached();
            }
        }

        assertThat(onePass.items()).isEqualTo(items(1, 30_000));
        assertThat(chunked.items()).isEqualTo(onePass.items());
        assertThat(chunked.chunks).hasSize(5);
        assertThat(restarted).isEqualTo(onePass.items());
        assertThat(checkpoint).isEqualTo(chunked.checkpoint);
    }

    @Test
    void rejection_origins_keep_counting_lines_across_runs() {
        Path log = Logs.write(dir.resolve("access.log"), Logs.views(1, 3));
        Logs.Drained first = drain(Optional.empty());
        Logs.append(log, "garbage\n");
        Logs.Drained second = drain(first.checkpoint);

        assertThat(second.rejected).singleElement().satisfies(r -> assertThat(r.origin()).isEqualTo("access.log:4"));
    }

    @Test
    void an_unusable_checkpoint_and_a_missing_path_fail_with_precise_messages() {
        assertThatThrownBy(() -> source.collect(Optional.of("{not json"), 10))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("weblog checkpoint is unusable");
        assertThatThrownBy(() -> new WeblogClickstreamSourceAdapter(WeblogSettings.defaults(dir.resolve("nope")))
                .collect(Optional.empty(), 10))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("sources.weblog.path")
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> source.collect(Optional.empty(), 0)).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void a_glob_matching_nothing_yet_is_an_empty_end() {
        Chunk c = new WeblogClickstreamSourceAdapter(WeblogSettings.defaults(dir + "/later/*.log"))
                .collect(Optional.empty(), 10);

        assertThat(c.records()).isEmpty();
        assertThat(c.endReached()).isTrue();
    }
}
