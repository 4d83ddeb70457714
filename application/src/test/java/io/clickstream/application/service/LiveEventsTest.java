package io.clickstream.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.adapter.memory.InMemoryDataLake;
import io.clickstream.adapter.memory.InMemoryEventJournal;
import io.clickstream.adapter.memory.InMemoryLandingFormat;
import io.clickstream.adapter.memory.InMemoryRawEventPublisher;
import io.clickstream.application.port.in.RecordEventsUseCase.EventsReceipt;
import io.clickstream.application.port.in.RecordEventsUseCase.SubmittedEvent;
import io.clickstream.application.port.out.UserHistory;
import io.clickstream.domain.EventType;
import io.clickstream.domain.Interaction;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.Source;
import io.clickstream.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The events API's use cases: accepting, landing exactly once through crashes, and the live histories. */
class LiveEventsTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryDataLake lake = new InMemoryDataLake(clock);
    private final InMemoryLandingFormat format = new InMemoryLandingFormat();
    private final InMemoryRawEventPublisher publisher = new InMemoryRawEventPublisher();
    private final InMemoryEventJournal journal = new InMemoryEventJournal(100);
    private final StagedHistory staged = new StagedHistory();
    private final LiveUserHistory histories = new LiveUserHistory(staged, 2, 3);
    private final LiveEventService events = new LiveEventService(journal, format, histories, clock);
    private final LiveEventLanding landing = new LiveEventLanding(journal, lake, format, publisher, clock);

    private static SubmittedEvent view(String user, String item, String time) {
        return new SubmittedEvent(null, "view", user, null, item, null, time, "{\"item\":\"" + item + "\"}");
    }

    @Test
    void accepted_events_land_per_day_as_source_api_and_publish_once_then_leave_the_journal() {
        EventsReceipt receipt = events.record(List.of(view("u1", "a", "2026-12-01T23:59:00Z"),
                view("u1", "b", "2026-12-02T00:01:00Z"), view("u1", null, null), view("u2", "c", null))).join();
        assertThat(receipt.accepted()).isEqualTo(3);
        assertThat(receipt.rejected()).singleElement().satisfies(r -> assertThat(r.index()).isEqualTo(2));

        assertThat(landing.landDue()).isEqualTo(3);

        assertThat(lake.list(LakeLayout.landingPartition(Source.API, java.time.LocalDate.parse("2026-12-01")))).hasSize(1);
        assertThat(lake.list(LakeLayout.landingPartition(Source.API, java.time.LocalDate.parse("2026-12-02")))).hasSize(1);
        assertThat(publisher.messages()).hasSize(3);
        assertThat(publisher.publishCounts().values()).containsOnly(1);
        assertThat(lake.list(LakeLayout.publishedManifests())).hasSize(2);
        assertThat(journal.sealed()).isEmpty();
        assertThat(landing.landDue()).as("nothing left").isZero();
    }

    @Test
    void a_crash_after_the_publish_but_before_the_manifest_does_not_publish_again() {
        events.record(List.of(view("u1", "a", null), view("u1", "b", null))).join();
        lake.failWrites(p -> p.key().startsWith(LakeLayout.publishedManifests().key()), 1);

        assertThatThrownBy(landing::landDue).isInstanceOf(RuntimeException.class);
        assertThat(journal.sealed()).as("kept until the manifest is written").hasSize(1);
        assertThat(publisher.messages()).hasSize(2);

        landing.landDue();
        assertThat(publisher.publishCounts().values()).containsExactly(1);
        assertThat(publisher.messages()).hasSize(2);
        assertThat(lake.list(LakeLayout.publishedManifests())).hasSize(1);
        assertThat(journal.sealed()).isEmpty();
    }

    @Test
    void a_segment_left_by_an_earlier_process_after_its_publish_is_not_published_again() {
        events.record(List.of(view("u1", "a", null), view("u1", "b", null))).join();
        journal.sealDue();
        // what the earlier process did before it died: the batch published, its manifest and the deletion not done
        LiveEventLanding earlier = new LiveEventLanding(journal, lake, format, publisher, clock);
        lake.failWrites(p -> p.key().startsWith(LakeLayout.publishedManifests().key()), 1);
        assertThatThrownBy(earlier::landDue).isInstanceOf(RuntimeException.class);

        LiveEventLanding afterRestart = new LiveEventLanding(journal, lake, format, publisher, clock);
        assertThat(afterRestart.landDue()).isZero();
        assertThat(publisher.publishCounts().values()).containsExactly(1);
        assertThat(lake.list(LakeLayout.publishedManifests())).hasSize(1);
        assertThat(journal.sealed()).isEmpty();
    }

    @Test
    void a_broker_down_keeps_the_events_in_the_journal_until_it_is_back() {
        events.record(List.of(view("u1", "a", null)));
        publisher.failNext(2);
        assertThatThrownBy(landing::landDue).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(landing::landDue).isInstanceOf(RuntimeException.class);
        assertThat(journal.sealed()).hasSize(1);

        assertThat(landing.landDue()).isEqualTo(1);
        assertThat(publisher.publishCounts().values()).containsExactly(1);
        assertThat(lake.list(LakeLayout.landingClickstream())).hasSize(1);
    }

    @Test
    void live_events_count_only_after_the_users_newest_staged_one_and_purchases_join_the_staged_ones() {
        staged.user("u1", List.of("s1", "s2"), Set.of("bought"), NOW.minusSeconds(60));
        histories.record(live("e1", "u1", "old", EventType.VIEW, NOW.minusSeconds(120)));
        histories.record(live("e2", "u1", "new", EventType.VIEW, NOW));
        histories.record(live("e3", "u1", "gift", EventType.PURCHASE, NOW.minusSeconds(300)));

        assertThat(histories.recentItems("u1", 10)).containsExactly("s1", "s2", "new");
        assertThat(histories.recentItems("u1", 2)).containsExactly("s2", "new");
        assertThat(histories.purchasedItems("u1")).containsExactlyInAnyOrder("bought", "gift");
        assertThat(histories.lastSeen("u1")).hasValue(NOW);
    }

    @Test
    void a_users_live_events_are_in_time_order_bounded_and_counted_once_and_the_least_recent_user_is_forgotten() {
        histories.record(live("e2", "u1", "b", EventType.VIEW, NOW.plusSeconds(2)));
        histories.record(live("e1", "u1", "a", EventType.VIEW, NOW.plusSeconds(1)));
        histories.record(live("e2", "u1", "b", EventType.VIEW, NOW.plusSeconds(2)));
        assertThat(histories.recentItems("u1", 10)).containsExactly("a", "b");
        histories.record(live("e3", "u1", "c", EventType.VIEW, NOW.plusSeconds(3)));
        histories.record(live("e4", "u1", "d", EventType.VIEW, NOW.plusSeconds(4)));
        assertThat(histories.recentItems("u1", 10)).as("three per user").containsExactly("b", "c", "d");

        histories.record(live("e5", "u2", "x", EventType.VIEW, NOW));
        histories.record(live("e6", "u3", "y", EventType.VIEW, NOW));
        assertThat(histories.recentItems("u1", 10)).as("two users kept").isEmpty();
        assertThat(histories.recentItems("u3", 10)).containsExactly("y");
    }

    private static Interaction live(String id, String user, String item, EventType type, Instant time) {
        return new Interaction(id, time, Source.API, type, user, null, item, null);
    }

    /** Staged histories with times, as the lake adapter has them. */
    private static final class StagedHistory implements UserHistory {
        private final Map<String, Staged> users = new java.util.HashMap<>();

        void user(String id, List<String> recent, Set<String> bought, Instant last) {
            users.put(id, new Staged(recent, bought, last));
        }

        @Override
        public List<String> recentItems(String userId, int limit) {
            List<String> recent = Optional.ofNullable(users.get(userId)).map(Staged::recent).orElse(List.of());
            return recent.subList(Math.max(0, recent.size() - limit), recent.size());
        }

        @Override
        public Set<String> purchasedItems(String userId) {
            return Optional.ofNullable(users.get(userId)).map(Staged::bought).orElse(Set.of());
        }

        @Override
        public Optional<Instant> lastSeen(String userId) {
            return Optional.ofNullable(users.get(userId)).map(Staged::last);
        }

        private record Staged(List<String> recent, Set<String> bought, Instant last) {
        }
    }
}
