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
 * route, a client key ({@code api.client.keys}) opens the recommendation routes. Runs on the I/O thread before any
 * body is read, so an unauthenticated client cannot hold the server by sending its body slowly.
 */
final class BearerAuth {
    private static final String SCHEME = "Bearer ";

    private final byte[] adminDigest;
    private final List<byte[]> clientDigests;
    private final ErrorResponses errors;

    BearerAuth(Optional<String> token, List<String> clientKeys, ErrorResponses errors) {
        this.adminDigest = token.map(BearerAuth::digest).orElse(null);
        this.clientDigests = clientKeys.stream().map(BearerAuth::digest).toList();
        this.errors = errors;
    }

    boolean enabled() {
        return adminDigest != null;
    }

    /** What the start-up log says about authentication. */
    String describe() {
        return (enabled() ? "admin token required on jobs and promote" : "no admin token configured")
                + (clientDigests.isEmpty() ? ", recommendations open" : ", recommendations need a client key");
    }

    HttpHandler require(Scope scope, HttpHandler next) {
        boolean guarded = switch (scope) {
            case OPEN -> false;
            case CLIENT -> !clientDigests.isEmpty();
            case ADMIN -> enabled();
        };
        if (!guarded) {
            return next;
        }
        String secret = scope == Scope.ADMIN ? "<api.token>" : "<a client key from api.client.keys, or api.token>";
        return exchange -> {
            String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
            if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
                refuse(exchange, "Bearer realm=\"clickstream\"", "this endpoint needs the header Authorization: Bearer " + secret);
                return;
            }
            if (!matches(scope, digest(header.substring(SCHEME.length()).trim()))) {
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
        if (scope == Scope.CLIENT) {
            for (byte[] key : clientDigests) {
                match |= MessageDigest.isEqual(presented, key);
            }
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
