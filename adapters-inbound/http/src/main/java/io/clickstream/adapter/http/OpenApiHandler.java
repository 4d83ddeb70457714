package io.clickstream.adapter.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/** Serves the hand-written OpenAPI document of this API ({@code openapi.json} on the classpath). */
final class OpenApiHandler {
    static final String RESOURCE = "/openapi.json";

    private final byte[] document;

    OpenApiHandler() {
        this.document = load();
    }

    void serve(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JsonCodec.JSON);
        exchange.getResponseSender().send(ByteBuffer.wrap(document));
    }

    static byte[] load() {
        try (InputStream in = OpenApiHandler.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the http adapter's classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
