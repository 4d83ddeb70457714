package io.clickstream.adapter.http;

import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/** Guards mutating endpoints with {@code Authorization: Bearer <token>} when a token is configured. */
final class BearerAuth {
    private static final String SCHEME = "Bearer ";

    private final byte[] expectedDigest;
    private final ErrorResponses errors;

    BearerAuth(Optional<String> token, ErrorResponses errors) {
        this.expectedDigest = token.map(BearerAuth::digest).orElse(null);
        this.errors = errors;
    }

    boolean enabled() {
        return expectedDigest != null;
    }

    HttpHandler require(HttpHandler next) {
        if (!enabled()) {
            return next;
        }
        return exchange -> {
            String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
            if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
                exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"clickstream\"");
                errors.send(exchange, ErrorCode.UNAUTHORIZED, "this endpoint needs the header Authorization: Bearer <api.token>");
                return;
            }
            if (!matches(header.substring(SCHEME.length()).trim())) {
                exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE,
                        "Bearer realm=\"clickstream\", error=\"invalid_token\"");
                errors.send(exchange, ErrorCode.UNAUTHORIZED, "the bearer token is not valid");
                return;
            }
            next.handleRequest(exchange);
        };
    }

    /** Compares digests so the time taken does not depend on how much of the token was right, nor on its length. */
    private boolean matches(String presented) {
        return MessageDigest.isEqual(digest(presented), expectedDigest);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
