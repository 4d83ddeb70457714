package io.clickstream.adapter.memory;

import io.clickstream.application.port.out.UserHistory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link UserHistory} of what the test says each user viewed and bought. Thread-safe. */
public final class InMemoryUserHistory implements UserHistory {
    private final Map<String, List<String>> recent = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> purchased = new ConcurrentHashMap<>();

    /** The user's recent items, oldest first. */
    public InMemoryUserHistory viewed(String userId, String... items) {
        recent.put(userId, List.of(items));
        return this;
    }

    public InMemoryUserHistory purchased(String userId, String... items) {
        purchased.put(userId, Set.of(items));
        return this;
    }

    @Override
    public List<String> recentItems(String userId, int limit) {
        List<String> items = recent.getOrDefault(userId, List.of());
        return items.subList(Math.max(0, items.size() - limit), items.size());
    }

    @Override
    public Set<String> purchasedItems(String userId) {
        return purchased.getOrDefault(userId, Set.of());
    }

    /** Empty: this history keeps no times, so every live event is taken as newer than it. */
    @Override
    public Optional<Instant> lastSeen(String userId) {
        return Optional.empty();
    }
}
