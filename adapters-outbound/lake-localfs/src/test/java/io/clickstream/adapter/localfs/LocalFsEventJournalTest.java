package io.clickstream.adapter.localfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFsEventJournalTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));

    private LocalFsEventJournal open(int maxEntries) {
        return new LocalFsEventJournal(dir, maxEntries, Duration.ofSeconds(1), clock);
    }

    @Test
    void a_segment_seals_when_full_or_old_enough_and_keeps_its_entries_in_order() {
        try (LocalFsEventJournal journal = open(3)) {
            journal.append(List.of("a", "b")).join();
            journal.sealDue();
            assertThat(journal.sealed()).as("neither full nor old").isEmpty();
            journal.append(List.of("c,\"quoted\"\nnew line", "ü")).join();
            assertThat(journal.sealed()).hasSize(1);
            assertThat(journal.read(journal.sealed().get(0))).containsExactly("a", "b", "c,\"quoted\"\nnew line", "ü");

            journal.append(List.of("d")).join();
            clock.advance(Duration.ofMillis(999));
            journal.sealDue();
            assertThat(journal.sealed()).hasSize(1);
            clock.advance(Duration.ofMillis(1));
            journal.sealDue();
            assertThat(journal.sealed()).hasSize(2);
            assertThat(journal.read(journal.sealed().get(1))).containsExactly("d");
        }
    }

    @Test
    void a_restart_keeps_the_id_seals_what_was_open_and_never_reuses_a_segment_name() throws IOException {
        String id;
        List<String> names = new ArrayList<>();
        try (LocalFsEventJournal journal = open(2)) {
            id = journal.id();
            journal.append(List.of("a", "b")).join();
            names.addAll(journal.sealed());
            journal.delete(names.get(0));
        }
        leftOpenByAKill(List.of("c"));

        try (LocalFsEventJournal journal = open(10)) {
            assertThat(journal.id()).isEqualTo(id);
            List<String> sealed = journal.sealed();
            assertThat(sealed).hasSize(1);
            assertThat(journal.read(sealed.get(0))).containsExactly("c");
            assertThat(sealed.get(0)).isNotEqualTo(names.get(0));
            journal.delete(sealed.get(0));
            journal.append(List.of("d")).join();
            journal.sealDue();
            clock.advance(Duration.ofSeconds(1));
            journal.sealDue();
            assertThat(journal.sealed()).hasSize(1).doesNotContain(names.get(0), sealed.get(0));
        }
        try (LocalFsEventJournal other = new LocalFsEventJournal(dir.resolveSibling(dir.getFileName() + "-other"), 10,
                Duration.ofSeconds(1), clock)) {
            assertThat(other.id()).isNotEqualTo(id);
        }
    }

    @Test
    void a_torn_entry_at_the_end_of_an_open_segment_is_cut_and_the_whole_ones_kept() throws IOException {
        Path openSegment = leftOpenByAKill(List.of("kept-1", "kept-2"));
        // a write the kill interrupted: a length prefix and half an entry, never acknowledged
        Files.write(openSegment, new byte[] {0, 0, 0, 40, 1, 2, 3, 4, 'h', 'a', 'l'}, StandardOpenOption.APPEND);

        try (LocalFsEventJournal journal = open(10)) {
            assertThat(journal.read(journal.sealed().get(0))).containsExactly("kept-1", "kept-2");
        }
    }

    @Test
    void a_second_process_cannot_open_the_same_journal() {
        try (LocalFsEventJournal journal = open(10)) {
            assertThat(journal.id()).isNotBlank();
            // another JVM's lock is what this guards against; within one JVM the channel lock overlaps the same way
            assertThatThrownBy(() -> open(10)).hasMessageContaining("events.journal.dir");
        }
    }

    @Test
    void concurrent_appends_all_land_once_in_their_segments() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (LocalFsEventJournal journal = open(20)) {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                writers.add(pool.submit(() -> IntStream.range(0, 50)
                        .forEach(i -> journal.append(List.of(thread + "-" + i + "-a", thread + "-" + i + "-b")).join())));
            }
            for (Future<?> w : writers) {
                w.get();
            }
            List<String> all = new ArrayList<>();
            journal.sealed().forEach(s -> all.addAll(journal.read(s)));
            assertThat(all).hasSize(800).doesNotHaveDuplicates();
            assertThat(journal.sealed()).hasSize(40);
        } finally {
            pool.shutdown();
        }
    }

    /**
     * The directory as a kill leaves it: the entries durable in a segment still named open. Written through the journal
     * (so the bytes are its own), then renamed back to what it was before the seal that closing did.
     */
    private Path leftOpenByAKill(List<String> entries) throws IOException {
        try (LocalFsEventJournal journal = open(10)) {
            journal.append(entries).join();
        }
        Path sealed;
        try (var files = Files.list(dir)) {
            sealed = files.filter(p -> p.toString().endsWith(".sealed")).findFirst().orElseThrow();
        }
        String name = sealed.getFileName().toString();
        return Files.move(sealed, sealed.resolveSibling(name.replace(".sealed", ".open")));
    }
}
