package io.clickstream.adapter.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads JSON request bodies on a worker thread with the size cap enforced while reading, so an oversized or
 * endless body costs at most the cap in memory.
 */
final class RequestBodies {
    private final JsonCodec json;
    private final long maxBytes;

    RequestBodies(JsonCodec json, long maxBytes) {
        this.json = json;
        this.maxBytes = maxBytes;
    }

    /** The body as {@code type}, or empty when the request has no body (the body is optional). */
    <T> Optional<T> read(HttpServerExchange exchange, Class<T> type) {
        long declared = exchange.getRequestContentLength();
        boolean chunked = exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
        if (declared == 0 || (declared < 0 && !chunked)) {
            return Optional.empty();
        }
        if (declared > maxBytes) {
            throw tooLarge();
        }
        requireJson(exchange);
        byte[] bytes = readCapped(exchange);
        if (isBlank(bytes)) {
            return Optional.empty();
        }
        return Optional.of(json.parse(bytes, type));
    }

    private void requireJson(HttpServerExchange exchange) {
        String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals(JsonCodec.JSON) && !(mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
            throw new HttpProblem(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the request body must be JSON with Content-Type: "
                    + JsonCodec.JSON + ", got " + (contentType == null ? "no Content-Type" : "'" + contentType + "'"));
        }
    }

    private byte[] readCapped(HttpServerExchange exchange) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            InputStream in = exchange.getInputStream();
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (out.size() + (long) n > maxBytes) {
                    throw tooLarge();
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // Usually the client went away mid-body; nothing on our side to log as an error.
            throw new HttpProblem(ErrorCode.BAD_REQUEST, "could not read the request body: " + e.getMessage());
        }
        return out.toByteArray();
    }

    private HttpProblem tooLarge() {
        return new HttpProblem(ErrorCode.PAYLOAD_TOO_LARGE, "the request body is larger than the limit of " + maxBytes + " bytes");
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
