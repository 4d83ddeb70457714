package io.clickstream.adapter.spark;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counters of a stage job: {@code read}, {@code staged} and {@code staged.<source>.<event_type>},
 * {@code quarantined} and {@code quarantined.<reason>}, {@code duplicates}, {@code bots},
 * {@code bots.user_agent} and {@code bots.rate}. Every top-level counter and every reason is always present.
 */
final class StageCounts {
    static final String READ = "read";
    static final String STAGED = "staged";
    static final String QUARANTINED = "quarantined";
    static final String DUPLICATES = "duplicates";
    static final String BOTS = "bots";

    private final Map<String, Long> counts = new LinkedHashMap<>();

    StageCounts() {
        for (String key : new String[] {READ, STAGED, QUARANTINED, DUPLICATES, BOTS, "bots.user_agent", "bots.rate"}) {
            counts.put(key, 0L);
        }
        for (String reason : EventCleaning.REASONS) {
            counts.put(QUARANTINED + "." + reason, 0L);
        }
    }

    /** Adds {@code n} rows that met one fate ({@code quarantined} with a reason, or a {@link TrafficRules} fate). */
    void add(String fate, String reason, String source, String eventType, long n) {
        add(READ, n);
        switch (fate) {
            case QUARANTINED -> {
                add(QUARANTINED, n);
                add(QUARANTINED + "." + reason, n);
            }
            case TrafficRules.DUPLICATE -> add(DUPLICATES, n);
            case TrafficRules.BOT_USER_AGENT -> {
                add(BOTS, n);
                add("bots.user_agent", n);
            }
            case TrafficRules.BOT_RATE -> {
                add(BOTS, n);
                add("bots.rate", n);
            }
            case TrafficRules.STAGED -> {
                add(STAGED, n);
                add(STAGED + "." + source + "." + eventType, n);
            }
            default -> throw new IllegalStateException("unknown fate " + fate);
        }
    }

    void addAll(Map<String, Long> more) {
        more.forEach(this::add);
    }

    void add(String key, long n) {
        counts.merge(key, n, Long::sum);
    }

    long get(String key) {
        return counts.getOrDefault(key, 0L);
    }

    Map<String, Long> asMap() {
        return new LinkedHashMap<>(counts);
    }
}
