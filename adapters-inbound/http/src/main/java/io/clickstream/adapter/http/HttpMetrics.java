package io.clickstream.adapter.http;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts answered requests by method, route template and status, and their latency in a histogram.
 * Labels use the route template, never the raw path, so ids in paths cannot grow the label set; requests that
 * match no route share the route label {@code unmatched}.
 */
final class HttpMetrics {
    static final String UNMATCHED = "unmatched";
    /** Suited to a recommender answering in milliseconds, with room for a slow cold path. */
    static final double[] LATENCY_BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

    private static final AttachmentKey<RouteSeries> ROUTE = AttachmentKey.create(RouteSeries.class);
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final String OTHER_METHOD = "other";

    private final Counter requests;
    private final Histogram duration;
    private final Map<String, RouteSeries> unmatched = new ConcurrentHashMap<>();
    private final ServingTimeline timeline;

    /** Metrics without a timeline of their own (the served version is unknown to them). */
    HttpMetrics(PrometheusRegistry registry) {
        this(registry, new ServingTimeline(Optional::empty, System::currentTimeMillis));
    }

    /** @param timeline also told of every request to a route (not of unmatched ones) */
    HttpMetrics(PrometheusRegistry registry, ServingTimeline timeline) {
        this.timeline = timeline;
        requests = Counter.builder().name("http_requests_total")
                .help("HTTP requests answered, by method, route template and status.")
                .labelNames("method", "route", "status").register(registry);
        duration = Histogram.builder().name("http_request_duration_seconds")
                .help("Time spent answering HTTP requests, by method and route template.")
                .labelNames("method", "route").classicOnly().classicUpperBounds(LATENCY_BUCKETS).withoutExemplars()
                .register(registry);
    }

    /** Wraps the whole chain: records each exchange when it completes, under the route that tagged it. */
    HttpHandler record(HttpHandler next) {
        return exchange -> {
            long start = exchange.getRequestStartTime() > 0 ? exchange.getRequestStartTime() : System.nanoTime();
            exchange.addExchangeCompleteListener((ex, nextListener) -> {
                try {
                    RouteSeries series = ex.getAttachment(ROUTE);
                    (series != null ? series : unmatched(ex)).observe(ex.getStatusCode(), System.nanoTime() - start);
                } finally {
                    nextListener.proceed();
                }
            });
            next.handleRequest(exchange);
        };
    }

    /** Marks exchanges handled by {@code next} with the series of their route, resolved once here, not per request. */
    HttpHandler tag(Route route, HttpHandler next) {
        RouteSeries series = series(route.method(), route.template());
        return exchange -> {
            exchange.putAttachment(ROUTE, series);
            next.handleRequest(exchange);
        };
    }

    private RouteSeries unmatched(HttpServerExchange exchange) {
        String method = exchange.getRequestMethod().toString();
        return unmatched.computeIfAbsent(METHODS.contains(method) ? method : OTHER_METHOD,
                m -> new RouteSeries(requests, duration.labelValues(m, UNMATCHED), m, UNMATCHED, null));
    }

    RouteSeries series(String method, String route) {
        return new RouteSeries(requests, duration.labelValues(method, route), method, route, timeline.ring(method, route));
    }

    /** The last minutes of the routes' requests, for the dashboard. */
    ServingTimeline timeline() {
        return timeline;
    }

    /** The data points of one method and route, so that recording a request costs no label lookup. */
    static final class RouteSeries {
        private final Counter requests;
        private final DistributionDataPoint latency;
        private final String method;
        private final String route;
        private final Map<Integer, CounterDataPoint> byStatus = new ConcurrentHashMap<>();
        private final ServingTimeline.Ring recent;

        private RouteSeries(Counter requests, DistributionDataPoint latency, String method, String route,
                            ServingTimeline.Ring recent) {
            this.requests = requests;
            this.latency = latency;
            this.method = method;
            this.route = route;
            this.recent = recent;
        }

        void observe(int status, long nanos) {
            byStatus.computeIfAbsent(status, s -> requests.labelValues(method, route, Integer.toString(s))).inc();
            latency.observe(nanos / 1e9);
            if (recent != null) {
                recent.record(nanos);
            }
        }
    }
}
