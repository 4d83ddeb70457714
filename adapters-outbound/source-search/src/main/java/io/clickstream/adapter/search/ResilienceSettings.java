package io.clickstream.adapter.search;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard a search-engine adapter tries before it declares the engine unavailable: attempts with exponential
 * backoff per request, then a circuit breaker that stays open for {@code circuitOpenWait} so later calls fail fast.
 *
 * @param maxAttempts       attempts per request, including the first
 * @param initialBackoff    wait before the second attempt; doubled before each further one
 * @param connectTimeout    TCP connect timeout
 * @param requestTimeout    timeout of one request, response included
 * @param circuitOpenWait   how long the breaker rejects calls once failures dominate the last calls
 */
record ResilienceSettings(int maxAttempts, Duration initialBackoff, Duration connectTimeout,
                                 Duration requestTimeout, Duration circuitOpenWait) {

    public ResilienceSettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        requirePositive("initialBackoff", initialBackoff);
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("requestTimeout", requestTimeout);
        requirePositive("circuitOpenWait", circuitOpenWait);
    }

    /** Five attempts 0.5, 1, 2 and 4 s apart (about 7.5 s of waiting), then the breaker opens for 30 s. */
    public static ResilienceSettings defaults() {
        return new ResilienceSettings(5, Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(30));
    }

    private static void requirePositive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }
}
