package io.clickstream.adapter.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the connections one client address may hold open ({@code http.max.connections.per.address}): a connection
 * beyond the bound gets 429 on its first request and is closed. Counted on the I/O thread, when a connection brings
 * its first request; a connection that never completes its headers is ended by the request-parse timeout instead.
 */
final class ConnectionsPerAddress {
    private static final AttachmentKey<Boolean> ADMITTED = AttachmentKey.create(Boolean.class);

    private final int max;
    private final ErrorResponses errors;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();

    ConnectionsPerAddress(int max, ErrorResponses errors) {
        this.max = max;
        this.errors = errors;
    }

    HttpHandler guard(HttpHandler next) {
        return exchange -> {
            ServerConnection connection = exchange.getConnection();
            Boolean admitted = connection.getAttachment(ADMITTED);
            if (admitted == null) {
                InetSocketAddress peer = exchange.getSourceAddress();
                InetAddress address = peer == null ? null : peer.getAddress();
                admitted = address == null || admit(address, connection);
                connection.putAttachment(ADMITTED, admitted);
            }
            if (!admitted) {
                exchange.setPersistent(false);
                errors.send(exchange, ErrorCode.TOO_MANY_REQUESTS, "this address already holds " + max
                        + " open connections to the server (http.max.connections.per.address); reuse one of them");
                return;
            }
            next.handleRequest(exchange);
        };
    }

    private boolean admit(InetAddress address, ServerConnection connection) {
        int now = open.merge(address, 1, Integer::sum);
        connection.addCloseListener(c -> open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1));
        return now <= max;
    }
}
