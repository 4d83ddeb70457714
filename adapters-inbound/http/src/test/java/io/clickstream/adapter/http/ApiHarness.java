package io.clickstream.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickstream.application.port.in.CheckHealthUseCase;
import io.clickstream.application.port.out.HealthIndicator;
import io.clickstream.application.port.out.ModelEvaluator;
import io.clickstream.application.port.out.UserHistory;
import io.clickstream.application.service.HealthService;
import io.clickstream.adapter.memory.InMemoryEventJournal;
import io.clickstream.adapter.memory.InMemoryLandingFormat;
import io.clickstream.application.service.JobService;
import io.clickstream.application.service.LiveEventService;
import io.clickstream.application.service.LiveUserHistory;
import io.clickstream.application.service.JobService.JobStep;
import io.clickstream.application.service.ModelQueryService;
import io.clickstream.application.service.PublishService;
import io.clickstream.application.service.PublishSettings;
import io.clickstream.application.service.RecommendationService;
import io.clickstream.application.service.ServingModel;
import io.clickstream.domain.HealthStatus;
import io.clickstream.domain.JobType;
import io.clickstream.domain.ModelMetrics;
import io.clickstream.domain.ModelVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real server on an ephemeral loopback port, wired with the real application services over small in-test
 * out-ports, and an HTTP client to talk to it.
 */
final class ApiHarness implements AutoCloseable {
    static final String TOKEN = "s3cret-token";
    static final List<String> CATALOG = List.of("i1", "i2", "i3", "i4", "i5");
    private static final ObjectMapper JSON = new ObjectMapper();

    final InMemoryModelRegistry registry = new InMemoryModelRegistry();
    /** The catalogue serving filters by; tests replace it as a collection would. */
    final java.util.concurrent.atomic.AtomicReference<io.clickstream.domain.Catalogue> catalogue =
            new java.util.concurrent.atomic.AtomicReference<>(io.clickstream.domain.Catalogue.EMPTY);
    final ServingModel serving = new ServingModel(registry, version -> new CatalogScorer(version, CATALOG));
    final List<HealthIndicator> indicators = new CopyOnWriteArrayList<>();
    final JobService jobs;
    /** The metrics the job service reports to and /metrics serves; null when the server made its own. */
    final PipelineMetrics metrics;
    final HttpApiServer server;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    /** The events API's journal: what a 202 made durable, in order. */
    final InMemoryEventJournal journal = new InMemoryEventJournal(Integer.MAX_VALUE);

    ApiHarness(Map<JobType, JobStep> steps, HttpSettings settings) {
        this(steps, settings, false, null);
    }

    /**
     * A server whose events API takes events into this harness's journal and user histories, guarded as {@code intake}
     * says (its use case is replaced by the real one over them).
     */
    static ApiHarness withEvents(HttpSettings settings, EventIntake intake) {
        return new ApiHarness(Map.of(), settings, false, intake);
    }

    /** @param sharedMetrics wire as bootstrap does: one PipelineMetrics for the job service and the server */
    private ApiHarness(Map<JobType, JobStep> steps, HttpSettings settings, boolean sharedMetrics, EventIntake intake) {
        Clock clock = Clock.systemUTC();
        ModelQueryService models = new ModelQueryService(registry, serving);
        metrics = sharedMetrics ? new PipelineMetrics(models) : null;
        jobs = sharedMetrics ? new JobService(steps, clock, 100, metrics) : new JobService(steps, clock, 100);
        UserHistory history = new UserHistory() {
            @Override
            public List<String> recentItems(String userId, int limit) {
                return userId.equals("known-user") ? List.of("i1") : List.of();
            }

            @Override
            public Set<String> purchasedItems(String userId) {
                return userId.equals("known-user") ? Set.of("i2") : Set.of();
            }

            @Override
            public java.util.Optional<Instant> lastSeen(String userId) {
                return java.util.Optional.empty();
            }
        };
        LiveUserHistory live = new LiveUserHistory(history, 1000, 10);
        indicators.add(() -> HealthStatus.up("lake", "in memory"));
        // The HTTP tests promote by hand; a gate here would find no holdout to judge by.
        ModelEvaluator noHoldouts = (candidate, published, monitor) -> java.util.Optional.empty();
        PublishService publishing = new PublishService(registry, noHoldouts, serving, new PublishSettings(ModelMetrics.HR_20, 0.0),
                clock);
        RecommendationService recommend = new RecommendationService(serving, live, 10, true, catalogue::get);
        CheckHealthUseCase health = () -> new HealthService(indicators).check();
        if (intake != null) {
            EventIntake wired = new EventIntake(new LiveEventService(journal, new InMemoryLandingFormat(), live, clock),
                    intake.ingestKeys(), intake.maxBatch(), intake.ratePerSecond(), intake.burst());
            server = new HttpApiServer(jobs, models, publishing, recommend, health, settings, new PipelineMetrics(models), wired);
        } else {
            server = sharedMetrics
                    ? new HttpApiServer(jobs, models, publishing, recommend, health, settings, metrics)
                    : new HttpApiServer(jobs, models, publishing, recommend, health, settings);
        }
        base = URI.create("http://127.0.0.1:" + server.start());
    }

    static HttpSettings settings() {
        return new HttpSettings("127.0.0.1", 0, TOKEN, 1024, Duration.ofSeconds(5));
    }

    static ApiHarness start(Map<JobType, JobStep> steps) {
        return new ApiHarness(steps, settings());
    }

    /** A server wired as bootstrap wires it: the job service reports finished jobs to the metrics /metrics serves. */
    static ApiHarness startWithPipelineMetrics(Map<JobType, JobStep> steps) {
        return new ApiHarness(steps, settings(), true, null);
    }

    ModelVersion storeModel(String version, double hr20) {
        ModelVersion model = new ModelVersion(version, Instant.parse("2024-05-01T00:00:00Z"),
                new ModelMetrics(Map.of(ModelMetrics.HR_20, hr20), 42), "test model " + version);
        registry.store(model);
        return model;
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    /** POSTs a JSON body (null for none) with the bearer token. */
    HttpResponse<String> post(String path, String json) {
        return send(request(path).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(body(json)));
    }

    HttpResponse<String> postWithoutToken(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(body(json)));
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    java.util.concurrent.CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder request) {
        return client.sendAsync(request.build(), BodyHandlers.ofString());
    }

    /** A GET sent over a plain socket, for targets java.net.URI refuses ({@code %ZZ}): status line and body. */
    String[] rawGet(String target) {
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int body = answer.indexOf("\r\n\r\n");
            return new String[] {answer.substring(0, answer.indexOf("\r\n")), answer.substring(body + 4)};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    /** Polls a job until it reaches a terminal state, returning its last representation. */
    JsonNode awaitTerminal(String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            JsonNode job = json(get("/api/v1/jobs/" + jobId));
            String state = job.get("state").asText();
            if (Set.of("SUCCEEDED", "FAILED", "SKIPPED").contains(state)) {
                return job;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + jobId + " still " + state + " after 10 s");
            }
            Thread.sleep(20);
        }
    }

    private static BodyPublisher body(String json) {
        return json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json);
    }

    @Override
    public void close() {
        server.stop();
        jobs.shutdown(Duration.ofSeconds(2));
    }
}
