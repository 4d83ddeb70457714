package io.clickstream.adapter.http;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the HTTP API listens and guards itself.
 *
 * @param host          the address to bind ({@code http.host}); a non-loopback address needs a token
 * @param port          the port to bind ({@code http.port}); 0 picks a free one
 * @param apiToken      the admin bearer token of jobs, promote and rollback ({@code api.token}); null or blank for none
 * @param maxBodyBytes  the largest request body accepted ({@code http.max.body.bytes})
 * @param drainTimeout  how long {@code stop()} waits for in-flight requests ({@code http.drain.timeout})
 * @param clientKeys    keys that may ask for recommendations ({@code api.client.keys}); empty: recommendations are open
 * @param limits        timeouts and the per-address connection bound that keep slow clients from holding the server
 */
public record HttpSettings(String host, int port, String apiToken, long maxBodyBytes, Duration drainTimeout,
                           List<String> clientKeys, ConnectionLimits limits) {
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
        clientKeys = clientKeys == null ? List.of()
                : clientKeys.stream().map(String::trim).filter(k -> !k.isEmpty()).toList();
        Objects.requireNonNull(limits, "limits");
    }

    /** Settings with no client keys and the default connection limits. */
    public HttpSettings(String host, int port, String apiToken, long maxBodyBytes, Duration drainTimeout) {
        this(host, port, apiToken, maxBodyBytes, drainTimeout, List.of(), ConnectionLimits.defaults());
    }

    /** 127.0.0.1:8080, no token, 1 MiB bodies, 10 s drain. */
    public static HttpSettings defaults() {
        return new HttpSettings(DEFAULT_HOST, DEFAULT_PORT, null, DEFAULT_MAX_BODY_BYTES, DEFAULT_DRAIN_TIMEOUT);
    }

    public Optional<String> token() {
        return Optional.ofNullable(apiToken);
    }

    public HttpSettings withPort(int newPort) {
        return new HttpSettings(host, newPort, apiToken, maxBodyBytes, drainTimeout, clientKeys, limits);
    }

    public HttpSettings withToken(String newToken) {
        return new HttpSettings(host, port, newToken, maxBodyBytes, drainTimeout, clientKeys, limits);
    }

    public HttpSettings withClientKeys(List<String> newKeys) {
        return new HttpSettings(host, port, apiToken, maxBodyBytes, drainTimeout, newKeys, limits);
    }

    public HttpSettings withLimits(ConnectionLimits newLimits) {
        return new HttpSettings(host, port, apiToken, maxBodyBytes, drainTimeout, clientKeys, newLimits);
    }

    /** Keeps the token and the client keys out of logs and exception messages. */
    @Override
    public String toString() {
        return "HttpSettings[host=" + host + ", port=" + port + ", apiToken=" + (apiToken == null ? "none" : "***")
                + ", maxBodyBytes=" + maxBodyBytes + ", drainTimeout=" + drainTimeout + ", clientKeys="
                + clientKeys.size() + ", " + limits + "]";
    }

    /**
     * What a client may hold of the server.
     *
     * @param readTimeout         longest wait for the next bytes of a request once it started ({@code http.read.timeout})
     * @param idleTimeout         longest a connection may sit idle between requests ({@code http.idle.timeout})
     * @param requestParseTimeout longest a client may take to send a request's line and headers
     *                            ({@code http.request.parse.timeout})
     * @param maxConnectionsPerAddress connections one client address may hold open
     *                                 ({@code http.max.connections.per.address}); further ones get 429
     */
    public record ConnectionLimits(Duration readTimeout, Duration idleTimeout, Duration requestParseTimeout,
                                   int maxConnectionsPerAddress) {
        public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
        public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
        public static final Duration DEFAULT_REQUEST_PARSE_TIMEOUT = Duration.ofSeconds(10);
        public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 128;

        public ConnectionLimits {
            positive(readTimeout, "http.read.timeout");
            positive(idleTimeout, "http.idle.timeout");
            positive(requestParseTimeout, "http.request.parse.timeout");
            if (maxConnectionsPerAddress < 1) {
                throw new IllegalArgumentException("http.max.connections.per.address must be positive, got "
                        + maxConnectionsPerAddress);
            }
        }

        public static ConnectionLimits defaults() {
            return new ConnectionLimits(DEFAULT_READ_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_REQUEST_PARSE_TIMEOUT,
                    DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
        }

        private static void positive(Duration d, String key) {
            Objects.requireNonNull(d, key);
            if (d.isZero() || d.isNegative() || d.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(key + " must be longer than zero and shorter than 24 days, got " + d);
            }
        }
    }
}
