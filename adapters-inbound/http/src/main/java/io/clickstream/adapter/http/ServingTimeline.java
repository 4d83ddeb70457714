package io.clickstream.adapter.http;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The last minutes of serving, for the dashboard: per route, requests and a latency histogram in 10-second slots of
 * a fixed ring (memory bounded whatever the traffic), and the moments the served model version changed.
 *
 * <p>Recording is lock-free: a request adds one to a bucket of its slot. A slot is reused when its time comes round
 * again; requests counted while another thread clears it for reuse may be lost, a few at most once per slot, which a
 * picture of the last minutes can afford. Percentiles are the upper bound of the bucket they fall in: buckets grow by
 * 10 % each, from 50 microseconds to about 12 seconds, so a percentile is at most 10 % above the true one.
 */
final class ServingTimeline {
    static final int SLOT_SECONDS = 10;
    /** Ten minutes of slots. */
    static final int SLOTS = 60;
    static final int MAX_MINUTES = SLOTS * SLOT_SECONDS / 60;
    private static final long SLOT_MILLIS = SLOT_SECONDS * 1000L;
    private static final double FIRST_BOUND_NANOS = 50_000;
    private static final double GROWTH = 1.1;
    private static final int BUCKETS = 131;
    private static final int MAX_SWAPS = 100;

    private final LongSupplier clockMillis;
    private final Supplier<Optional<String>> served;
    private final Map<String, Ring> rings = new ConcurrentHashMap<>();
    private final Deque<Swap> swaps = new ArrayDeque<>();
    private Optional<String> lastServed;

    /**
     * @param served        the version served now, asked when a slot begins and when the timeline is read, so a swap
     *                      is marked in the slot in which it was first noticed
     * @param clockMillis   wall-clock milliseconds
     */
    ServingTimeline(Supplier<Optional<String>> served, LongSupplier clockMillis) {
        this.served = Objects.requireNonNull(served, "served");
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
    }

    /** The ring of one route, created once (at start-up, by the route table). */
    Ring ring(String method, String route) {
        return rings.computeIfAbsent(method + " " + route, k -> new Ring(method, route));
    }

    /** A point of a route's timeline: one slot. Latencies are null for a slot without requests. */
    record Point(Instant at, long requests, double perSecond, Double p50Millis, Double p99Millis) {
    }

    record RouteTimeline(String method, String route, List<Point> points) {
    }

    record Swap(Instant at, String from, String to) {
    }

    record Snapshot(int slotSeconds, Instant from, Instant to, String servedVersion, List<RouteTimeline> routes,
                    List<Swap> swaps) {
    }

    /** The last {@code minutes} (1 to {@link #MAX_MINUTES}): every route that answered a request in them. */
    Snapshot last(int minutes) {
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw new IllegalArgumentException("minutes must be between 1 and " + MAX_MINUTES + ", got " + minutes);
        }
        long now = clockMillis.getAsLong();
        Optional<String> version = noticeServed(now);
        long current = now / SLOT_MILLIS;
        long first = current - minutes * 60L / SLOT_SECONDS + 1;
        List<RouteTimeline> routes = new ArrayList<>();
        for (Ring ring : rings.values()) {
            List<Point> points = new ArrayList<>();
            long total = 0;
            for (long slot = first; slot <= current; slot++) {
                // The current slot is still filling: its rate is over the seconds gone so far.
                double seconds = slot == current ? Math.max(1, (now - slot * SLOT_MILLIS) / 1000.0) : SLOT_SECONDS;
                Point p = ring.point(slot, seconds);
                total += p.requests();
                points.add(p);
            }
            if (total > 0) {
                routes.add(new RouteTimeline(ring.method, ring.route, points));
            }
        }
        routes.sort((a, b) -> (a.route() + a.method()).compareTo(b.route() + b.method()));
        Instant from = Instant.ofEpochMilli(first * SLOT_MILLIS);
        List<Swap> recent;
        synchronized (swaps) {
            recent = swaps.stream().filter(s -> !s.at().isBefore(from)).toList();
        }
        return new Snapshot(SLOT_SECONDS, from, Instant.ofEpochMilli(now), version.orElse(null), routes, recent);
    }

    private Optional<String> noticeServed(long nowMillis) {
        Optional<String> version = served.get();
        synchronized (swaps) {
            if (lastServed != null && !lastServed.equals(version)) {
                swaps.addLast(new Swap(Instant.ofEpochMilli(nowMillis), lastServed.orElse(null), version.orElse(null)));
                if (swaps.size() > MAX_SWAPS) {
                    swaps.removeFirst();
                }
            }
            lastServed = version;
        }
        return version;
    }

    static int bucket(long nanos) {
        if (nanos <= FIRST_BOUND_NANOS) {
            return 0;
        }
        int b = (int) Math.ceil(Math.log(nanos / FIRST_BOUND_NANOS) / Math.log(GROWTH));
        return Math.min(b, BUCKETS - 1);
    }

    /** The upper bound of a bucket, in milliseconds (the last bucket holds everything slower: its lower bound). */
    static double upperMillis(int bucket) {
        return FIRST_BOUND_NANOS * Math.pow(GROWTH, Math.min(bucket, BUCKETS - 2)) / 1e6;
    }

    /** One route's slots. */
    final class Ring {
        private final String method;
        private final String route;
        /** Which slot (epoch millis / slot length) each position holds now. */
        private final AtomicLongArray stamps = new AtomicLongArray(SLOTS);
        private final AtomicLongArray counts = new AtomicLongArray(SLOTS * BUCKETS);

        private Ring(String method, String route) {
            this.method = method;
            this.route = route;
            for (int i = 0; i < SLOTS; i++) {
                stamps.set(i, -1);
            }
        }

        void record(long nanos) {
            long now = clockMillis.getAsLong();
            long slot = now / SLOT_MILLIS;
            int i = (int) (slot % SLOTS);
            long stamp = stamps.get(i);
            if (stamp != slot) {
                if (stamp > slot) {
                    return; // a request that finished as the next round began: its slot is gone
                }
                if (stamps.compareAndSet(i, stamp, slot)) {
                    for (int b = 0; b < BUCKETS; b++) {
                        counts.set(i * BUCKETS + b, 0);
                    }
                    noticeServed(now);
                }
            }
            counts.incrementAndGet(i * BUCKETS + bucket(nanos));
        }

        private Point point(long slot, double seconds) {
            int i = (int) (slot % SLOTS);
            Instant at = Instant.ofEpochMilli(slot * SLOT_MILLIS);
            if (stamps.get(i) != slot) {
                return new Point(at, 0, 0, null, null);
            }
            long[] histogram = new long[BUCKETS];
            long n = 0;
            for (int b = 0; b < BUCKETS; b++) {
                histogram[b] = counts.get(i * BUCKETS + b);
                n += histogram[b];
            }
            if (n == 0) {
                return new Point(at, 0, 0, null, null);
            }
            return new Point(at, n, n / seconds, percentile(histogram, n, 0.5), percentile(histogram, n, 0.99));
        }
    }

    private static double percentile(long[] histogram, long n, double q) {
        long rank = (long) Math.ceil(q * n);
        long seen = 0;
        for (int b = 0; b < histogram.length; b++) {
            seen += histogram[b];
            if (seen >= rank) {
                return upperMillis(b);
            }
        }
        return upperMillis(histogram.length - 1);
    }
}
