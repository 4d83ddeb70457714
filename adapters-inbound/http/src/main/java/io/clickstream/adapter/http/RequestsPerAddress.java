package io.clickstream.adapter.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A per-address request rate for one route: a token bucket per client address (refilled at the rate, holding at most
 * the burst), answered with 429 and {@code Retry-After} when empty. The buckets live in a bounded cache, so a flood
 * of addresses costs bounded memory; an address idle long enough to have a full bucket again is forgotten.
 */
final class RequestsPerAddress {
    private static final int MAX_ADDRESSES = 100_000;

    private final int ratePerSecond;
    private final int burst;
    private final ErrorResponses errors;
    private final Cache<InetAddress, Bucket> buckets;

    RequestsPerAddress(int ratePerSecond, int burst, ErrorResponses errors) {
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.errors = errors;
        long refillSeconds = Math.max(1, (burst + ratePerSecond - 1) / ratePerSecond);
        this.buckets = Caffeine.newBuilder().maximumSize(MAX_ADDRESSES)
                .expireAfterAccess(Duration.ofSeconds(refillSeconds)).build();
    }

    HttpHandler guard(HttpHandler next) {
        return exchange -> {
            InetSocketAddress peer = exchange.getSourceAddress();
            if (peer == null || peer.getAddress() == null) {
                next.handleRequest(exchange);
                return;
            }
            ConsumptionProbe probe = buckets.get(peer.getAddress(), a -> bucket()).tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                next.handleRequest(exchange);
                return;
            }
            long waitSeconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(waitSeconds));
            exchange.setPersistent(false);
            errors.send(exchange, ErrorCode.TOO_MANY_REQUESTS, "this address sends more than " + ratePerSecond
                    + " requests per second (bursts of " + burst + ") to this endpoint; retry after " + waitSeconds
                    + " s, or send more events per request");
        };
    }

    private Bucket bucket() {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(burst).refillGreedy(ratePerSecond, Duration.ofSeconds(1))
                .build()).build();
    }
}
