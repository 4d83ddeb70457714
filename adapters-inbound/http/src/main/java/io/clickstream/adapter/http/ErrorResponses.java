package io.clickstream.adapter.http;

import io.clickstream.adapter.http.HttpDtos.ErrorDetail;
import io.clickstream.adapter.http.HttpDtos.ErrorEnvelope;
import io.clickstream.domain.DependencyUnavailableException;
import io.clickstream.domain.InvalidParameterException;
import io.clickstream.domain.JobConflictException;
import io.clickstream.domain.ModelUnavailableException;
import io.clickstream.domain.NotConfiguredException;
import io.clickstream.domain.NotFoundException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into the one error envelope {@code {"error":{"code","message","parameter"?}}} with its
 * status: the only place that knows which exception means which status.
 */
final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private final JsonCodec json;

    ErrorResponses(JsonCodec json) {
        this.json = json;
    }

    /** Wraps a handler so that anything it throws is answered in the envelope. */
    HttpHandler guard(HttpHandler next) {
        return exchange -> {
            try {
                next.handleRequest(exchange);
            } catch (Exception e) {
                answer(exchange, e);
            }
        };
    }

    void send(HttpServerExchange exchange, ErrorCode code, String message, String parameter) {
        if (exchange.isResponseStarted()) {
            LOG.warn("cannot send {} for {} {}: the response has already started", code.wireName(),
                    exchange.getRequestMethod(), exchange.getRequestPath());
            exchange.endExchange();
            return;
        }
        if (code == ErrorCode.PAYLOAD_TOO_LARGE) {
            // Close the connection rather than let Undertow drain the rest of an oversized body.
            exchange.setPersistent(false);
        }
        json.send(exchange, code.status(), new ErrorEnvelope(new ErrorDetail(code.wireName(), message, parameter)));
    }

    void send(HttpServerExchange exchange, ErrorCode code, String message) {
        send(exchange, code, message, null);
    }

    private void answer(HttpServerExchange exchange, Exception e) {
        if (exchange.isResponseStarted()) {
            // The client went away or the server is stopping; there is no one left to tell.
            LOG.warn("{} {} ended without an answer: {}", exchange.getRequestMethod(), exchange.getRequestPath(), e.toString());
            exchange.endExchange();
        } else if (e instanceof HttpProblem p) {
            send(exchange, p.code(), p.getMessage(), p.parameter());
        } else if (e instanceof InvalidParameterException p) {
            send(exchange, ErrorCode.BAD_REQUEST, p.getMessage(), p.parameter());
        } else if (e instanceof NotFoundException) {
            send(exchange, ErrorCode.NOT_FOUND, e.getMessage());
        } else if (e instanceof JobConflictException) {
            send(exchange, ErrorCode.CONFLICT, e.getMessage());
        } else if (e instanceof ModelUnavailableException) {
            // No model yet is a normal state of a new installation, like GET /api/v1/models/current: not a 5xx.
            send(exchange, ErrorCode.NOT_FOUND, e.getMessage());
        } else if (e instanceof NotConfiguredException) {
            send(exchange, ErrorCode.SERVICE_UNAVAILABLE, "not configured: " + e.getMessage());
        } else if (e instanceof DependencyUnavailableException) {
            LOG.warn("{} {}: {}", exchange.getRequestMethod(), exchange.getRequestPath(), e.getMessage());
            send(exchange, ErrorCode.SERVICE_UNAVAILABLE, e.getMessage());
        } else {
            // The details stay in the log: an unexpected exception's message may expose internals.
            LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestPath(), e);
            send(exchange, ErrorCode.INTERNAL_ERROR, "internal error; the server log has the details");
        }
    }
}
