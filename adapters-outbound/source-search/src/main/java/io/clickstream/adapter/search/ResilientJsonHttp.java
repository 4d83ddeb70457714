package io.clickstream.adapter.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickstream.domain.DependencyUnavailableException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON over HTTP to one search engine, with retry and backoff on transport errors, server errors and partial
 * results, behind a circuit breaker. An engine that stays down becomes a {@link DependencyUnavailableException}
 * naming it; a request the engine refuses (HTTP 4xx) is a configuration problem and is not retried.
 */
final class ResilientJsonHttp {

    private static final Logger LOG = LoggerFactory.getLogger(ResilientJsonHttp.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String dependency;
    private final EngineAccess access;
    private final HttpClient client;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final String authorization;

    /** @param dependency how errors name the engine, such as {@code OpenSearch (http://127.0.0.1:9200)} */
    ResilientJsonHttp(String dependency, EngineAccess access) {
        this.dependency = dependency;
        this.access = access;
        ResilienceSettings r = access.resilience();
        this.client = HttpClient.newBuilder().connectTimeout(r.connectTimeout()).build();
        this.retry = Retry.of(dependency, RetryConfig.custom()
                .maxAttempts(r.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(r.initialBackoff(), 2.0))
                .retryOnException(e -> e instanceof IOException)
                .build());
        this.retry.getEventPublisher().onRetry(e -> LOG.warn("{}: attempt {} failed, retrying in {}: {}", dependency,
                e.getNumberOfRetryAttempts(), e.getWaitInterval(), String.valueOf(e.getLastThrowable())));
        this.breaker = CircuitBreaker.of(dependency, CircuitBreakerConfig.custom()
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(r.circuitOpenWait())
                .recordException(e -> e instanceof IOException)
                .ignoreException(e -> !(e instanceof IOException))
                .build());
        this.authorization = access.username() == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (access.username() + ":" + access.password()).getBytes(StandardCharsets.UTF_8));
    }

    String dependency() {
        return dependency;
    }

    /**
     * POSTs {@code body} to {@code path} (relative to the engine url) and returns the parsed answer. {@code problem}
     * inspects a 200 answer and names a transient fault in it (timed out, failed shards), which is retried too.
     */
    JsonNode post(String path, String contentType, String body, Function<JsonNode, Optional<String>> problem) {
        HttpRequest request = request(path, access.resilience().requestTimeout())
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        CheckedSupplier<JsonNode> call = Retry.decorateCheckedSupplier(retry,
                CircuitBreaker.decorateCheckedSupplier(breaker, () -> send(request, problem)));
        try {
            return call.get();
        } catch (CallNotPermittedException e) {
            throw new DependencyUnavailableException(dependency,
                    "circuit breaker is open after repeated failures; not calling it for now", e);
        } catch (IOException e) {
            throw new DependencyUnavailableException(dependency, "no answer after " + access.resilience().maxAttempts()
                    + " attempts: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(dependency + ": unexpected failure", e);
        }
    }

    /** One GET without retry, for health checks: a health check must answer quickly, up or down. */
    JsonNode getOnce(String path, Duration timeout) throws IOException {
        return send(request(path, timeout).GET().build(), answer -> Optional.empty());
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(access.base() + path))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private JsonNode send(HttpRequest request, Function<JsonNode, Optional<String>> problem) throws IOException {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(dependency + ": interrupted while waiting for an answer", e);
        }
        int status = response.statusCode();
        String path = request.uri().getRawPath();
        if (status >= 500 || status == 429 || status == 408) {
            throw new IOException("HTTP " + status + " from " + path + ": " + abbreviate(response.body()));
        }
        if (status >= 400) {
            throw new IllegalStateException(dependency + " refused the request to " + path + ": HTTP " + status
                    + ": " + abbreviate(response.body()));
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IOException("answer from " + path + " is not JSON: " + abbreviate(response.body()), e);
        }
        Optional<String> fault = problem.apply(answer);
        if (fault.isPresent()) {
            throw new IOException("incomplete answer from " + path + ": " + fault.get());
        }
        return answer;
    }

    private static String abbreviate(String body) {
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 500 ? oneLine : oneLine.substring(0, 500) + "...";
    }
}
