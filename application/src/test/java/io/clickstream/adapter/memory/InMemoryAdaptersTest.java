package io.clickstream.adapter.memory;

import static io.clickstream.testing.ClickstreamRecords.record;
import static io.clickstream.testing.ClickstreamRecords.rejected;
import static io.clickstream.testing.ClickstreamRecords.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.application.port.out.ClickstreamSource.Chunk;
import io.clickstream.application.port.out.RawEventPublisher.PartitionRange;
import io.clickstream.application.port.out.RawEventPublisher.RawMessage;
import io.clickstream.domain.ClickstreamRecord;
import io.clickstream.domain.DependencyUnavailableException;
import io.clickstream.domain.EventType;
import io.clickstream.domain.ModelMetrics;
import io.clickstream.domain.ModelVersion;
import io.clickstream.domain.RejectedRecord;
import io.clickstream.domain.Source;
import io.clickstream.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The in-memory adapters behave as their ports promise, so specs built on them mean something. */
class InMemoryAdaptersTest {

    @Test
    void source_reads_in_deterministic_chunks_from_an_index_checkpoint() {
        InMemoryClickstreamSource source = new InMemoryClickstreamSource("weblog", Source.WEBLOG);
        ClickstreamRecord a = view("2026-11-21T09:00:00Z", "u", "s", "a");
        ClickstreamRecord b = view("2026-11-21T09:00:01Z", "u", "s", "b");
        source.append(a).appendUnmatched(1).appendRejected(rejected(Source.WEBLOG, "x", "bad")).append(b);

        Chunk first = source.collect(Optional.empty(), 3);
        Chunk again = source.collect(Optional.empty(), 3);
        Chunk rest = source.collect(Optional.of(first.nextCheckpoint()), 3);

        assertThat(again).isEqualTo(first);
        assertThat(first.records()).containsExactly(a);
        assertThat(first.linesRead()).isEqualTo(3);
        assertThat(first.unmatched()).isEqualTo(1);
        assertThat(first.rejected()).hasSize(1);
        assertThat(first.nextCheckpoint()).isEqualTo("3");
        assertThat(first.endReached()).isFalse();
        assertThat(rest.records()).containsExactly(b);
        assertThat(rest.endReached()).isTrue();
        assertThatThrownBy(() -> source.collect(Optional.of("nine"), 1)).hasMessageContaining("not a line index");
    }

    @Test
    void fake_landing_format_round_trips_awkward_values() throws IOException {
        InMemoryLandingFormat format = new InMemoryLandingFormat();
        ClickstreamRecord awkward = record(Source.SEARCH, EventType.SEARCH, "2026-11-21T09:00:00Z", null, "s\t1",
                null, "tab\there\nnewline \\N back\\slash");
        ClickstreamRecord plain = view("2026-11-21T09:00:01Z", "u1", null, "i1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        format.writeBatch(List.of(awkward, plain), out);

        assertThat(format.readBatch(new ByteArrayInputStream(out.toByteArray()))).containsExactly(awkward, plain);
        assertThat(format.encodeRow(plain)).doesNotContain("\n");
    }

    @Test
    void fake_landing_format_round_trips_rejected_lines() throws IOException {
        InMemoryLandingFormat format = new InMemoryLandingFormat();
        RejectedRecord line = rejected(Source.WEBLOG, "GET /\t\"x\"\n", "no status");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        format.writeRejected(List.of(line), out);

        assertThat(format.readRejected(new ByteArrayInputStream(out.toByteArray()))).containsExactly(line);
    }

    @Test
    void publisher_fails_when_told_and_then_keeps_batches_with_offsets() {
        InMemoryRawEventPublisher publisher = new InMemoryRawEventPublisher("raw");
        publisher.failNext(1);
        List<RawMessage> batch = List.of(new RawMessage("k1", "v1"), new RawMessage("k2", "v2"));

        assertThatThrownBy(() -> publisher.publish("b1", batch)).isInstanceOf(DependencyUnavailableException.class);
        var receipt = publisher.publish("b1", batch);
        var second = publisher.publish("b2", List.of(new RawMessage("k3", "v3")));

        assertThat(receipt.messages()).isEqualTo(2);
        assertThat(receipt.partitions()).containsExactly(new PartitionRange(0, 0, 1));
        assertThat(second.partitions()).containsExactly(new PartitionRange(0, 2, 2));
        assertThat(publisher.publishCounts()).containsEntry("b1", 1).containsEntry("b2", 1);
        assertThat(publisher.messages()).extracting(RawMessage::value).containsExactly("v1", "v2", "v3");
    }

    @Test
    void publisher_remembers_the_receipt_of_each_published_batch_and_nothing_of_a_failed_one() {
        InMemoryRawEventPublisher publisher = new InMemoryRawEventPublisher("raw");
        publisher.failNext(1);

        assertThatThrownBy(() -> publisher.publish("failed", List.of(new RawMessage("k", "v"))))
                .isInstanceOf(DependencyUnavailableException.class);
        var receipt = publisher.publish("b1", List.of(new RawMessage("k1", "v1"), new RawMessage("k2", "v2")));
        publisher.publish("empty", List.of());

        assertThat(publisher.alreadyPublished("b1")).contains(receipt);
        assertThat(publisher.alreadyPublished("failed")).isEmpty();
        assertThat(publisher.alreadyPublished("empty")).isEmpty();
        assertThat(publisher.alreadyPublished("never")).isEmpty();
    }

    @Test
    void staging_consumes_only_what_is_new_and_drops_duplicates() {
        InMemoryRawEventPublisher topic = new InMemoryRawEventPublisher();
        InMemoryStagingProcessor staging = new InMemoryStagingProcessor(topic);
        topic.publish("b1", List.of(new RawMessage("k", "row1"), new RawMessage("k", "row2")));

        var first = staging.stage(io.clickstream.domain.JobMonitor.none());
        topic.publish("b1", List.of(new RawMessage("k", "row1")));
        var second = staging.stage(io.clickstream.domain.JobMonitor.none());
        var third = staging.stage(io.clickstream.domain.JobMonitor.none());

        assertThat(first.staged()).isEqualTo(2);
        assertThat(second.read()).isEqualTo(1);
        assertThat(second.staged()).isZero();
        assertThat(second.counts()).containsEntry("duplicates", 1L);
        assertThat(third.read()).isZero();
    }

    @Test
    void registry_lists_newest_first_and_refuses_unknown_promotions() {
        InMemoryModelRegistry registry = new InMemoryModelRegistry();
        Instant t = Instant.parse("2026-11-21T00:00:00Z");
        registry.add(new ModelVersion("old", t, ModelMetrics.none(), ""));
        registry.add(new ModelVersion("new", t.plusSeconds(60), ModelMetrics.none(), ""));
        registry.add(new ModelVersion("same-time-later", t.plusSeconds(60), ModelMetrics.none(), ""));

        assertThat(registry.list()).extracting(ModelVersion::version).containsExactly("same-time-later", "new", "old");
        assertThatThrownBy(() -> registry.promote("ghost", "x", t)).hasMessageContaining("ghost");
        assertThat(registry.currentVersion()).isEmpty();
    }

    @Test
    void scorer_ranks_by_co_occurrence_and_never_returns_excluded_or_seed_items() {
        InMemoryModelScorer scorer = InMemoryModelScorer.builder("v").popular("p1", "p2", "p3")
                .session("a", "b", "c").session("a", "b").build();

        assertThat(scorer.recommend(List.of("a", "zzz"), 5, Set.of()))
                .extracting(r -> r.itemId()).containsExactly("b", "c");
        assertThat(scorer.recommend(List.of("a"), 5, Set.of("b"))).extracting(r -> r.itemId()).containsExactly("c");
        assertThat(scorer.popular(2, Set.of("p1"))).extracting(r -> r.itemId()).containsExactly("p2", "p3");
        assertThat(scorer.similar("zzz", 3)).isEmpty();
        assertThat(scorer.knows("p3")).isTrue();
        assertThat(scorer.knows("zzz")).isFalse();
    }

    @Test
    void user_history_returns_the_most_recent_items_oldest_first() {
        InMemoryUserHistory history = new InMemoryUserHistory().viewed("u", "a", "b", "c");

        assertThat(history.recentItems("u", 2)).containsExactly("b", "c");
        assertThat(history.recentItems("nobody", 2)).isEmpty();
        assertThat(history.purchasedItems("nobody")).isEmpty();
    }

    @Test
    void mutable_clock_moves_only_when_told() {
        MutableClock clock = MutableClock.at("2026-11-21T00:00:00Z");

        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
        clock.advance(Duration.ofMinutes(5));
        assertThat(clock.withZone(java.time.ZoneId.of("Europe/Paris")).instant())
                .isEqualTo(Instant.parse("2026-11-21T00:05:00Z"));
    }
}
