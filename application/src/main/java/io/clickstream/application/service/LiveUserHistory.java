package io.clickstream.application.service;

import io.clickstream.application.port.out.UserHistory;
import io.clickstream.domain.EventType;
import io.clickstream.domain.Interaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Users' histories as of now: the staged histories the served model came with, plus the live events accepted or
 * followed since. A live event counts only if it is newer than the user's newest staged interaction, so once a
 * publish brings the staged data up to it, it is not counted twice. Bounded: the most recently active users, each
 * with their newest items and purchases. Thread-safe.
 */
public final class LiveUserHistory implements UserHistory {
    private final UserHistory staged;
    private final int itemsPerUser;
    private final Map<String, LiveUser> users;

    /**
     * @param maxUsers     how many users' live events are kept; the least recently active are forgotten first
     * @param itemsPerUser how many of a user's newest live item events, and as many purchases, are kept
     */
    public LiveUserHistory(UserHistory staged, int maxUsers, int itemsPerUser) {
        if (maxUsers < 1 || itemsPerUser < 1) {
            throw new IllegalArgumentException("maxUsers and itemsPerUser must be positive");
        }
        this.staged = staged;
        this.itemsPerUser = itemsPerUser;
        this.users = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, LiveUser> eldest) {
                return size() > maxUsers;
            }
        };
    }

    /** Takes a user's event into their history; events without a user or an item, and repeats, change nothing. */
    public void record(Interaction event) {
        if (event.userId() == null || event.itemId() == null) {
            return;
        }
        synchronized (users) {
            users.computeIfAbsent(event.userId(), u -> new LiveUser()).add(event, itemsPerUser);
        }
    }

    @Override
    public List<String> recentItems(String userId, int limit) {
        List<String> known = staged.recentItems(userId, limit);
        List<String> live = liveItemsAfter(userId, staged.lastSeen(userId).orElse(Instant.MIN));
        if (live.isEmpty()) {
            return known;
        }
        List<String> all = new ArrayList<>(known);
        all.addAll(live);
        return all.subList(Math.max(0, all.size() - limit), all.size());
    }

    @Override
    public Set<String> purchasedItems(String userId) {
        Set<String> bought = staged.purchasedItems(userId);
        Set<String> live;
        synchronized (users) {
            LiveUser user = users.get(userId);
            live = user == null ? Set.of() : Set.copyOf(user.purchased);
        }
        if (live.isEmpty()) {
            return bought;
        }
        Set<String> all = new LinkedHashSet<>(bought);
        all.addAll(live);
        return all;
    }

    @Override
    public Optional<Instant> lastSeen(String userId) {
        Optional<Instant> known = staged.lastSeen(userId);
        synchronized (users) {
            LiveUser user = users.get(userId);
            if (user == null || user.steps.isEmpty()) {
                return known;
            }
            Instant live = user.steps.get(user.steps.size() - 1).eventTime();
            return Optional.of(known.filter(k -> k.isAfter(live)).orElse(live));
        }
    }

    private List<String> liveItemsAfter(String userId, Instant after) {
        synchronized (users) {
            LiveUser user = users.get(userId);
            if (user == null) {
                return List.of();
            }
            List<String> items = new ArrayList<>(user.steps.size());
            for (Interaction step : user.steps) {
                if (step.eventTime().isAfter(after)) {
                    items.add(step.itemId());
                }
            }
            return items;
        }
    }

    /** One user's live events: item events in time order, newest kept; purchases; the ids seen, to drop repeats. */
    private static final class LiveUser {
        private final List<Interaction> steps = new ArrayList<>();
        private final Set<String> purchased = new LinkedHashSet<>();
        private final Set<String> eventIds = new LinkedHashSet<>();

        void add(Interaction event, int limit) {
            if (!eventIds.add(event.eventId())) {
                return; // this process's own event coming back from the raw topic, or a client's retry
            }
            if (eventIds.size() > 4 * limit) {
                eventIds.remove(eventIds.iterator().next());
            }
            if (event.eventType() == EventType.PURCHASE) {
                purchased.add(event.itemId());
                if (purchased.size() > limit) {
                    purchased.remove(purchased.iterator().next());
                }
            }
            int at = steps.size();
            while (at > 0 && steps.get(at - 1).eventTime().isAfter(event.eventTime())) {
                at--; // events of one user can arrive slightly out of order (several tabs, a retried beacon)
            }
            steps.add(at, event);
            if (steps.size() > limit) {
                steps.remove(0);
            }
        }
    }
}
