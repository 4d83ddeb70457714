package io.clickstream.adapter.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * Request bodies without a blocked worker: the I/O thread receives the whole body (capped while reading, so an
 * oversized or endless body costs at most the cap in memory), and only then does the handler run and parse the bytes:
 * on a worker, or on that I/O thread for a route that never blocks ({@link Route#onIoThread}). A client sending its
 * body slowly holds a connection, never a worker.
 */
final class RequestBodies {
    private static final AttachmentKey<byte[]> BODY = AttachmentKey.create(byte[].class);
    private static final byte[] NONE = new byte[0];
    private static final String PLAIN_TEXT = "text/plain";

    private final JsonCodec json;
    private final ErrorResponses errors;
    private final long maxBytes;

    RequestBodies(JsonCodec json, ErrorResponses errors, long maxBytes) {
        this.json = json;
        this.errors = errors;
        this.maxBytes = maxBytes;
    }

    /**
     * Receives the body on the I/O thread, then runs {@code next} with the body at hand: on that I/O thread when
     * {@code onIoThread}, else on a worker. A {@code text/plain} body is taken as JSON too when {@code acceptsPlainText}.
     */
    HttpHandler receiveThenRun(HttpHandler next, boolean onIoThread, boolean acceptsPlainText) {
        java.util.concurrent.Executor executor = onIoThread ? SameThreadExecutor.INSTANCE : null;
        return exchange -> {
            long declared = exchange.getRequestContentLength();
            boolean chunked = exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
            if (declared == 0 || (declared < 0 && !chunked)) {
                exchange.putAttachment(BODY, NONE);
                if (onIoThread) {
                    next.handleRequest(exchange);
                } else {
                    exchange.dispatch(next);
                }
                return;
            }
            if (declared > maxBytes) {
                throw tooLarge();
            }
            requireJson(exchange, acceptsPlainText);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            exchange.getRequestReceiver().receivePartialBytes((ex, bytes, last) -> {
                if (body.size() + (long) bytes.length > maxBytes) {
                    // Counted here rather than by Undertow's entity cap, which closes without an answer.
                    ex.getRequestReceiver().pause();
                    send(ex, tooLarge());
                    return;
                }
                body.writeBytes(bytes);
                if (last) {
                    ex.putAttachment(BODY, body.toByteArray());
                    if (executor != null) {
                        ex.dispatch(executor, next);
                    } else {
                        ex.dispatch(next);
                    }
                }
            }, (ex, e) -> send(ex, new HttpProblem(ErrorCode.BAD_REQUEST, "could not read the request body: "
                    // Usually the client went away mid-body or was too slow; nothing on our side to log as an error.
                    + e.getMessage())));
        };
    }

    private void send(HttpServerExchange exchange, HttpProblem problem) {
        exchange.setPersistent(false);
        errors.send(exchange, problem.code(), problem.getMessage());
    }

    /** Runs {@code next} on a worker thread; for routes that read no body. */
    static HttpHandler dispatch(HttpHandler next) {
        return exchange -> exchange.dispatch(next);
    }

    /** The received body as {@code type}, or empty when the request has none (the body is optional). */
    <T> Optional<T> read(HttpServerExchange exchange, Class<T> type) {
        byte[] bytes = exchange.getAttachment(BODY);
        if (bytes == null) {
            throw new IllegalStateException("the route of " + exchange.getRequestPath() + " does not receive a body");
        }
        if (isBlank(bytes)) {
            return Optional.empty();
        }
        return Optional.of(json.parse(bytes, type));
    }

    private void requireJson(HttpServerExchange exchange, boolean acceptsPlainText) {
        String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        boolean json = mediaType.equals(JsonCodec.JSON) || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
        if (!json && !(acceptsPlainText && mediaType.equals(PLAIN_TEXT))) {
            exchange.setPersistent(false);
            throw new HttpProblem(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the request body must be JSON with Content-Type: "
                    + JsonCodec.JSON + (acceptsPlainText ? " (or " + PLAIN_TEXT + ", as navigator.sendBeacon sends it)" : "")
                    + ", got " + (contentType == null ? "no Content-Type" : "'" + contentType + "'"));
        }
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
