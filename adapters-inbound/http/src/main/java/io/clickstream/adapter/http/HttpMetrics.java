package io.clickstream.adapter.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts answered requests by route template, method and status, and their time, in Prometheus text format.
 * Labels use the route template, never the raw path, so ids in paths cannot grow the label set.
 */
final class HttpMetrics {
    static final AttachmentKey<String> ROUTE = AttachmentKey.create(String.class);
    private static final String UNMATCHED = "unmatched";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final Map<String, LongAdder> requests = new ConcurrentSkipListMap<>();
    private final Map<String, Timing> timings = new ConcurrentSkipListMap<>();

    private record Timing(LongAdder count, LongAdder nanos) {
        Timing() {
            this(new LongAdder(), new LongAdder());
        }
    }

    /** Wraps the whole chain: records each exchange when it completes. */
    HttpHandler record(HttpHandler next) {
        return exchange -> {
            long start = System.nanoTime();
            exchange.addExchangeCompleteListener((ex, nextListener) -> {
                try {
                    String route = ex.getAttachment(ROUTE);
                    String series = "method=\"" + method(ex) + "\",route=\"" + (route == null ? UNMATCHED : route) + "\"";
                    requests.computeIfAbsent(series + ",status=\"" + ex.getStatusCode() + "\"", k -> new LongAdder()).increment();
                    Timing timing = timings.computeIfAbsent(series, k -> new Timing());
                    timing.nanos().add(System.nanoTime() - start);
                    timing.count().increment();
                } finally {
                    nextListener.proceed();
                }
            });
            next.handleRequest(exchange);
        };
    }

    private static String method(HttpServerExchange exchange) {
        String method = exchange.getRequestMethod().toString();
        return METHODS.contains(method) ? method : "other";
    }

    /** Marks the exchange with the route template that matched it. */
    static HttpHandler tag(String template, HttpHandler next) {
        return exchange -> {
            exchange.putAttachment(ROUTE, template);
            next.handleRequest(exchange);
        };
    }

    void serve(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        exchange.getResponseSender().send(render());
    }

    String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("# HELP http_requests_total HTTP requests answered, by method, route template and status.\n");
        sb.append("# TYPE http_requests_total counter\n");
        requests.forEach((labels, n) -> sb.append("http_requests_total{").append(labels).append("} ").append(n.sum()).append('\n'));
        sb.append("# HELP http_request_duration_seconds Time spent answering HTTP requests, by method and route template.\n");
        sb.append("# TYPE http_request_duration_seconds summary\n");
        timings.forEach((labels, timing) -> {
            sb.append("http_request_duration_seconds_sum{").append(labels).append("} ").append(timing.nanos().sum() / 1e9).append('\n');
            sb.append("http_request_duration_seconds_count{").append(labels).append("} ").append(timing.count().sum()).append('\n');
        });
        return sb.toString();
    }
}
