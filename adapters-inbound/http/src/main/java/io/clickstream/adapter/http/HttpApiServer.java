package io.clickstream.adapter.http;

import io.clickstream.adapter.http.HttpSettings.ConnectionLimits;
import io.clickstream.adapter.http.Route.Scope;
import io.clickstream.application.port.in.CheckHealthUseCase;
import io.clickstream.application.port.in.JobsUseCase;
import io.clickstream.application.port.in.PublishModelUseCase;
import io.clickstream.application.port.in.QueryModelsUseCase;
import io.clickstream.application.port.in.RecommendItemsUseCase;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.server.handlers.accesslog.AccessLogHandler;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.xnio.Options;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of ARCHITECTURE.md §5 on Undertow: one route table, one error envelope, scoped bearer auth, request
 * bodies received without holding a worker and capped, timeouts and a per-address connection bound against slow
 * clients, and a graceful stop that drains in-flight requests.
 */
public final class HttpApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApiServer.class);
    /** The logger of the one line per request (logback.xml routes it to its own queued appender). */
    public static final String ACCESS_LOG = "io.clickstream.adapter.http.access";
    private static final Logger ACCESS = LoggerFactory.getLogger(ACCESS_LOG);

    private static final Duration FINAL_STOP_WAIT = Duration.ofSeconds(1);

    private final HttpSettings settings;
    private final JsonCodec json = new JsonCodec();
    private final ErrorResponses errors = new ErrorResponses(json);
    private final BearerAuth auth;
    private final RequestBodies bodies;
    private final ConnectionsPerAddress connections;
    private final RequestsPerAddress eventRate;
    private final HttpMetrics metrics;
    private final List<Route> routes;
    private final DashboardFiles dashboard = new DashboardFiles();

    private Undertow server;
    private GracefulShutdownHandler drain;
    private int boundPort = -1;

    /** A server with metrics of its own: requests and model versions, but no jobs (nobody reports them to it). */
    public HttpApiServer(JobsUseCase jobs, QueryModelsUseCase models, PublishModelUseCase publishing,
                         RecommendItemsUseCase recommend, CheckHealthUseCase health, HttpSettings settings) {
        this(jobs, models, publishing, recommend, health, settings, new PipelineMetrics(models));
    }

    /**
     * @param pipelineMetrics served at {@code /metrics}, with this server's request metrics added to it; the same
     *                        instance the job service reports finished jobs to
     */
    public HttpApiServer(JobsUseCase jobs, QueryModelsUseCase models, PublishModelUseCase publishing,
                         RecommendItemsUseCase recommend, CheckHealthUseCase health, HttpSettings settings,
                         PipelineMetrics pipelineMetrics) {
        this(jobs, models, publishing, recommend, health, settings, pipelineMetrics, EventIntake.none());
    }

    /** @param events the events API ({@code POST /api/v1/events}) and its guards */
    public HttpApiServer(JobsUseCase jobs, QueryModelsUseCase models, PublishModelUseCase publishing,
                         RecommendItemsUseCase recommend, CheckHealthUseCase health, HttpSettings settings,
                         PipelineMetrics pipelineMetrics, EventIntake events) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.metrics = Objects.requireNonNull(pipelineMetrics, "pipelineMetrics").http();
        this.auth = new BearerAuth(settings.token(), settings.clientKeys(), events.ingestKeys(), errors);
        this.bodies = new RequestBodies(json, errors, settings.maxBodyBytes());
        this.connections = new ConnectionsPerAddress(settings.limits().maxConnectionsPerAddress(), errors);
        this.eventRate = new RequestsPerAddress(events.ratePerSecond(), events.burst(), errors);
        this.routes = routeTable(new HealthHandler(health, json), new JobHandlers(jobs, json, bodies),
                new ModelHandlers(models, publishing, json, bodies), new RecommendationHandlers(recommend, json, bodies),
                new EventHandlers(events, json, bodies, errors), new OpenApiHandler(), pipelineMetrics,
                new ServingHandlers(metrics.timeline(), json));
    }

    /** The whole API, top to bottom. {@code openapi.json} documents exactly these routes (a test holds it to that). */
    private static List<Route> routeTable(HealthHandler health, JobHandlers jobs, ModelHandlers models,
                                          RecommendationHandlers recommend, EventHandlers events, OpenApiHandler openApi,
                                          PipelineMetrics metrics, ServingHandlers serving) {
        return List.of(
                Route.get("/health", health::check),
                Route.get("/metrics", metrics::serve),
                Route.get("/openapi.json", openApi::serve),

                // One template for both: a job's URL and its type's URL have the same shape, and one path in the
                // document lets Allow and 405 agree with it.
                Route.post("/api/v1/jobs/{job}", jobs::submit),
                Route.get("/api/v1/jobs/{job}", jobs::find),
                Route.get("/api/v1/jobs", jobs::list),

                Route.get("/api/v1/models", models::list),
                Route.get("/api/v1/models/current", models::current),
                Route.post("/api/v1/models/{version}/promote", models::promote),

                Route.get("/api/v1/recommendations", recommend::forUser).as(Scope.CLIENT),
                // Session and similar-item answers are pure arithmetic on the loaded model; a user's needs their history.
                Route.post("/api/v1/recommendations", recommend::forSession).as(Scope.CLIENT).runOnIoThread(),
                Route.get("/api/v1/items/{itemId}/similar", recommend::similar).as(Scope.CLIENT).runOnIoThread(),

                // Parsed on the I/O thread; the answer written there too once the journal's sync completes (see
                // EventHandlers). Browsers' sendBeacon posts text/plain.
                Route.post("/api/v1/events", events::record).as(Scope.INGEST).acceptingPlainText().runOnIoThread(),

                Route.get("/api/v1/serving/timeline", serving::timeline));
    }

    /**
     * Binds and starts serving; returns the bound port (useful with port 0).
     *
     * @throws IllegalStateException if asked to listen beyond loopback without a token, or if the bind fails
     */
    public synchronized int start() {
        if (server != null) {
            throw new IllegalStateException("the HTTP server is already running on port " + boundPort);
        }
        refuseOpenBindWithoutToken();
        // Routing, the connection bound, authentication and body reception run on the I/O thread; only a request
        // that is authorised and complete takes a worker (see RequestBodies).
        // The path without the query string: an ingest key may ride in it (sendBeacon), and user ids are personal data.
        drain = new GracefulShutdownHandler(new AccessLogHandler(metrics.record(connections.guard(
                errors.guard(router()))), ACCESS::info, "%h \"%m %U %H\" %s %b %Dms", HttpApiServer.class.getClassLoader()));
        ConnectionLimits limits = settings.limits();
        Undertow undertow = Undertow.builder()
                .addHttpListener(settings.port(), settings.host())
                .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, true)
                // Undecoded URLs and a generous parameter cap: RequestParams decodes and limits, answering in the
                // envelope where Undertow would answer a bare 400.
                .setServerOption(UndertowOptions.DECODE_URL, false)
                .setServerOption(UndertowOptions.MAX_PARAMETERS, 100 * RequestParams.MAX_PARAMETERS)
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) limits.requestParseTimeout().toMillis())
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, (int) limits.idleTimeout().toMillis())
                .setSocketOption(Options.READ_TIMEOUT, (int) limits.readTimeout().toMillis())
                // stop() has already drained for the drain timeout; after that, interrupt what is left.
                .setServerOption(UndertowOptions.SHUTDOWN_TIMEOUT, (int) FINAL_STOP_WAIT.toMillis())
                .setHandler(drain)
                .build();
        try {
            undertow.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        server = undertow;
        boundPort = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        LOG.info("HTTP API listening on http://{}:{} ({} routes, {})", settings.host(), boundPort, routes.size(),
                auth.describe());
        return boundPort;
    }

    /** The bound port. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the HTTP server is not running");
        }
        return boundPort;
    }

    /**
     * Stops taking requests (new ones get 503), waits up to the drain timeout for in-flight ones to finish,
     * then closes the listener. Safe to call more than once.
     */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        drain.shutdown();
        try {
            if (!drain.awaitShutdown(settings.drainTimeout().toMillis())) {
                LOG.warn("HTTP requests still in flight after {}; stopping anyway", settings.drainTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop();
        server = null;
        LOG.info("HTTP API on port {} stopped", boundPort);
    }

    @Override
    public void close() {
        stop();
    }

    /** The registered routes, in table order. */
    List<Route> routes() {
        return routes;
    }

    private HttpHandler router() {
        RoutingHandler router = new RoutingHandler(false);
        for (Route route : routes) {
            HttpHandler guarded = errors.guard(route.handler());
            HttpHandler run = route.hasBody() ? bodies.receiveThenRun(guarded, route.onIoThread(), route.acceptsPlainText())
                    : route.onIoThread() ? guarded : RequestBodies.dispatch(guarded);
            HttpHandler authorised = auth.require(route.scope(), run);
            // Rate-limited before authentication too: guessing keys is as much a flood as posting events.
            HttpHandler handler = metrics.tag(route, route.scope() == Scope.INGEST ? eventRate.guard(authorised) : authorised);
            router.add(route.method(), route.template(), handler);
            if (route.method().equals(Methods.GET_STRING)) {
                // HEAD is GET without the body (Undertow discards it), wherever GET is allowed.
                router.add(Methods.HEAD_STRING, route.template(), handler);
            }
        }
        router.setInvalidMethodHandler(this::methodNotAllowed);
        router.setFallbackHandler(exchange -> errors.send(exchange, ErrorCode.NOT_FOUND,
                "no such resource: " + exchange.getRequestPath() + " (the API is described at /openapi.json)"));
        return exchange -> {
            RequestParams.requireFewParameters(exchange);
            if (DashboardFiles.wants(exchange)) {
                dashboard.serve(exchange);
            } else {
                router.handleRequest(exchange);
            }
        };
    }

    private void methodNotAllowed(HttpServerExchange exchange) {
        String allowed = routes.stream().filter(r -> r.matchesPath(exchange.getRelativePath()))
                .flatMap(r -> r.method().equals(Methods.GET_STRING) ? Stream.of(r.method(), Methods.HEAD_STRING)
                        : Stream.of(r.method()))
                .distinct().sorted().collect(Collectors.joining(", "));
        exchange.getResponseHeaders().put(Headers.ALLOW, allowed);
        errors.send(exchange, ErrorCode.METHOD_NOT_ALLOWED, exchange.getRequestMethod() + " is not allowed on "
                + exchange.getRequestPath() + "; allowed: " + allowed);
    }

    private void refuseOpenBindWithoutToken() {
        InetAddress address;
        try {
            address = InetAddress.getByName(settings.host());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("http.host '" + settings.host() + "' is not a known address", e);
        }
        if (!address.isLoopbackAddress() && settings.token().isEmpty()) {
            throw new IllegalStateException("refusing to listen on " + settings.host() + " (not a loopback address) "
                    + "without an API token: set api.token (PIPELINE_API_TOKEN) so that mutating endpoints are "
                    + "protected, or bind http.host to 127.0.0.1");
        }
    }
}
