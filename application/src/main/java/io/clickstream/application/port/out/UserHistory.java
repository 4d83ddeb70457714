package io.clickstream.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A known user's recent behaviour, from the staged data. */
public interface UserHistory {

    /** The user's most recent item ids, oldest first, at most {@code limit}; empty for an unknown user. */
    List<String> recentItems(String userId, int limit);

    /** Items the user has purchased, to exclude from recommendations. */
    Set<String> purchasedItems(String userId);

    /**
     * When the user's newest known interaction happened; empty for an unknown user, or when this history keeps no
     * times. Live events up to then are already in it.
     */
    Optional<Instant> lastSeen(String userId);
}
