package io.clickstream.adapter.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the HTTP API listens and guards itself.
 *
 * @param host          the address to bind ({@code http.host}); a non-loopback address needs a token
 * @param port          the port to bind ({@code http.port}); 0 picks a free one
 * @param apiToken      the bearer token mutating endpoints require ({@code api.token}); null or blank for none
 * @param maxBodyBytes  the largest request body accepted ({@code http.max.body.bytes})
 * @param drainTimeout  how long {@code stop()} waits for in-flight requests ({@code http.drain.timeout})
 */
public record HttpSettings(String host, int port, String apiToken, long maxBodyBytes, Duration drainTimeout) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);

    public HttpSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("http.host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("http.port must be within 0..65535, got " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("http.max.body.bytes must be positive, got " + maxBodyBytes);
        }
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("http.drain.timeout must not be negative, got " + drainTimeout);
        }
        apiToken = apiToken == null || apiToken.isBlank() ? null : apiToken;
    }

    /** 127.0.0.1:8080, no token, 1 MiB bodies, 10 s drain. */
    public static HttpSettings defaults() {
        return new HttpSettings(DEFAULT_HOST, DEFAULT_PORT, null, DEFAULT_MAX_BODY_BYTES, DEFAULT_DRAIN_TIMEOUT);
    }

    public Optional<String> token() {
        return Optional.ofNullable(apiToken);
    }

    public HttpSettings withPort(int newPort) {
        return new HttpSettings(host, newPort, apiToken, maxBodyBytes, drainTimeout);
    }

    public HttpSettings withToken(String newToken) {
        return new HttpSettings(host, port, newToken, maxBodyBytes, drainTimeout);
    }

    /** Keeps the token out of logs and exception messages. */
    @Override
    public String toString() {
        return "HttpSettings[host=" + host + ", port=" + port + ", apiToken=" + (apiToken == null ? "none" : "***")
                + ", maxBodyBytes=" + maxBodyBytes + ", drainTimeout=" + drainTimeout + "]";
    }
}
