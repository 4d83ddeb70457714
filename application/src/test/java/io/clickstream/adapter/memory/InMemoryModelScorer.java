package io.clickstream.adapter.memory;

import io.clickstream.application.port.out.ModelScorer;
import io.clickstream.domain.Recommendation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link ModelScorer} that ranks by co-occurrence in the sessions the test supplies, ties and the fallback by a
 * fixed popularity list. Immutable once built, so safe from many threads.
 */
public final class InMemoryModelScorer implements ModelScorer {
    private final String version;
    private final List<String> popular;
    private final List<List<String>> sessions;
    private final Set<String> catalog;
    private final AtomicBoolean closed = new AtomicBoolean();

    private InMemoryModelScorer(String version, List<String> popular, List<List<String>> sessions) {
        this.version = version;
        this.popular = List.copyOf(popular);
        this.sessions = List.copyOf(sessions);
        Set<String> items = new LinkedHashSet<>(popular);
        sessions.forEach(items::addAll);
        this.catalog = Set.copyOf(items);
    }

    public static Builder builder(String version) {
        return new Builder(version);
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public boolean knows(String itemId) {
        return catalog.contains(itemId);
    }

    /** Items that share a session with any of the recent items, most shared first; the recent items themselves never. */
    @Override
    public List<Recommendation> recommend(List<String> recentItems, int k, Set<String> exclude) {
        Set<String> seeds = new LinkedHashSet<>(recentItems);
        seeds.retainAll(catalog);
        Set<String> skip = new LinkedHashSet<>(exclude);
        skip.addAll(seeds);
        return rank(coOccurrence(seeds), k, skip);
    }

    @Override
    public List<Recommendation> similar(String itemId, int k) {
        if (!knows(itemId)) {
            return List.of();
        }
        return rank(coOccurrence(Set.of(itemId)), k, Set.of(itemId));
    }

    @Override
    public List<Recommendation> popular(int k, Set<String> exclude) {
        List<Recommendation> result = new ArrayList<>();
        for (int i = 0; i < popular.size() && result.size() < k; i++) {
            if (!exclude.contains(popular.get(i))) {
                result.add(new Recommendation(popular.get(i), popular.size() - i));
            }
        }
        return result;
    }

    @Override
    public void close() {
        closed.set(true);
    }

    public boolean isClosed() {
        return closed.get();
    }

    private Map<String, Integer> coOccurrence(Set<String> seeds) {
        Map<String, Integer> counts = new HashMap<>();
        for (List<String> session : sessions) {
            long shared = session.stream().filter(seeds::contains).count();
            if (shared > 0) {
                session.forEach(item -> counts.merge(item, (int) shared, Integer::sum));
            }
        }
        return counts;
    }

    private List<Recommendation> rank(Map<String, Integer> scores, int k, Set<String> skip) {
        Comparator<Map.Entry<String, Integer>> byScore = Map.Entry.comparingByValue(Comparator.reverseOrder());
        Comparator<Map.Entry<String, Integer>> byPopularity = Comparator.comparingInt(e -> popularityRank(e.getKey()));
        return scores.entrySet().stream()
                .filter(e -> !skip.contains(e.getKey()))
                .sorted(byScore.thenComparing(byPopularity).thenComparing(Map.Entry.comparingByKey()))
                .limit(k)
                .map(e -> new Recommendation(e.getKey(), e.getValue()))
                .toList();
    }

    private int popularityRank(String item) {
        int rank = popular.indexOf(item);
        return rank < 0 ? Integer.MAX_VALUE : rank;
    }

    /** Collects the popularity list and the sessions of a scorer. */
    public static final class Builder {
        private final String version;
        private final List<String> popular = new ArrayList<>();
        private final List<List<String>> sessions = new ArrayList<>();

        private Builder(String version) {
            this.version = version;
        }

        /** The fallback ranking, most popular first. */
        public Builder popular(String... items) {
            popular.addAll(Arrays.asList(items));
            return this;
        }

        /** One training session: its items co-occur. */
        public Builder session(String... items) {
            sessions.add(List.of(items));
            return this;
        }

        public InMemoryModelScorer build() {
            return new InMemoryModelScorer(version, popular, sessions);
        }
    }
}
