package io.clickstream.adapter.http;

import io.clickstream.adapter.http.Route.Scope;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Guards routes by scope with {@code Authorization: Bearer <secret>}: the admin token ({@code api.token}) opens every
 * route, a client key ({@code api.client.keys}) opens the recommendation routes, an ingest key ({@code events.keys})
 * opens the events route only, where it may also come as the {@code key} query parameter (a browser's
 * {@code navigator.sendBeacon} cannot set headers). Runs on the I/O thread before any body is read, so an
 * unauthenticated client cannot hold the server by sending its body slowly.
 */
final class BearerAuth {
    private static final String SCHEME = "Bearer ";

    private static final String KEY_PARAMETER = "key";

    private final byte[] adminDigest;
    private final List<byte[]> clientDigests;
    private final List<byte[]> ingestDigests;
    private final ErrorResponses errors;

    BearerAuth(Optional<String> token, List<String> clientKeys, List<String> ingestKeys, ErrorResponses errors) {
        this.adminDigest = token.map(BearerAuth::digest).orElse(null);
        this.clientDigests = clientKeys.stream().map(BearerAuth::digest).toList();
        this.ingestDigests = ingestKeys.stream().map(BearerAuth::digest).toList();
        this.errors = errors;
    }

    boolean enabled() {
        return adminDigest != null;
    }

    /** What the start-up log says about authentication. */
    String describe() {
        return (enabled() ? "admin token required on jobs and promote" : "no admin token configured")
                + (clientDigests.isEmpty() ? ", recommendations open" : ", recommendations need a client key")
                + (ingestDigests.isEmpty() && !enabled() ? ", events open" : ", events need an ingest key");
    }

    HttpHandler require(Scope scope, HttpHandler next) {
        boolean guarded = switch (scope) {
            case OPEN -> false;
            case CLIENT -> !clientDigests.isEmpty();
            case ADMIN -> enabled();
            case INGEST -> enabled() || !ingestDigests.isEmpty();
        };
        if (!guarded) {
            return next;
        }
        String secret = switch (scope) {
            case ADMIN -> "<api.token>";
            case INGEST -> "<an ingest key from events.keys, or api.token> (or the query parameter key=<ingest key>)";
            default -> "<a client key from api.client.keys, or api.token>";
        };
        return exchange -> {
            String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
            String presented;
            if (header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
                presented = header.substring(SCHEME.length()).trim();
            } else if (scope == Scope.INGEST && exchange.getQueryParameters().containsKey(KEY_PARAMETER)) {
                presented = RequestParams.requiredQuery(exchange, KEY_PARAMETER);
            } else {
                refuse(exchange, "Bearer realm=\"clickstream\"", "this endpoint needs the header Authorization: Bearer " + secret);
                return;
            }
            if (!matches(scope, digest(presented))) {
                refuse(exchange, "Bearer realm=\"clickstream\", error=\"invalid_token\"",
                        "the bearer token is not valid for this endpoint (it needs " + secret + ")");
                return;
            }
            next.handleRequest(exchange);
        };
    }

    private void refuse(HttpServerExchange exchange, String challenge, String message) {
        exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, challenge);
        // The body was never read: close rather than wait for a body nobody will use.
        exchange.setPersistent(false);
        errors.send(exchange, ErrorCode.UNAUTHORIZED, message);
    }

    /** Compares digests so the time taken does not depend on how much of a secret was right, nor on its length. */
    private boolean matches(Scope scope, byte[] presented) {
        boolean match = adminDigest != null && MessageDigest.isEqual(presented, adminDigest);
        for (byte[] key : scope == Scope.CLIENT ? clientDigests : scope == Scope.INGEST ? ingestDigests : List.<byte[]>of()) {
            match |= MessageDigest.isEqual(presented, key);
        }
        return match;
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
