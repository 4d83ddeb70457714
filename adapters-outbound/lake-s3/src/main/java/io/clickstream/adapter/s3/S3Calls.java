package io.clickstream.adapter.s3;

import io.clickstream.domain.DependencyUnavailableException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Runs every S3 call through a retry with exponential backoff and a circuit breaker, and turns what is left of a
 * failure into the port's exceptions: {@link DependencyUnavailableException} when S3 stays unreachable,
 * {@link UncheckedIOException} naming the key when S3 answered with a refusal.
 */
final class S3Calls {

    private static final Logger LOG = LoggerFactory.getLogger(S3Calls.class);

    private final String dependency;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;

    S3Calls(S3LakeSettings settings) {
        this.dependency = "S3 (" + settings.endpointName() + ")";
        this.circuitBreaker = CircuitBreaker.of("s3-lake", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .permittedNumberOfCallsInHalfOpenState(2)
                .waitDurationInOpenState(settings.circuitOpenDuration())
                // A refusal such as NoSuchKey proves S3 is up: it counts as a success, not a failure.
                .recordException(S3Calls::isTransient)
                .build());
        this.retry = Retry.of("s3-lake", RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(
                        settings.initialBackoff(), 2.0, settings.maxBackoff()))
                .retryOnException(S3Calls::isTransient)
                .failAfterMaxAttempts(false)
                .build());
        retry.getEventPublisher().onRetry(event -> LOG.warn("{}: attempt {} failed, retrying in {}: {}",
                dependency, event.getNumberOfRetryAttempts(), event.getWaitInterval(),
                event.getLastThrowable() == null ? "" : event.getLastThrowable().toString()));
        circuitBreaker.getEventPublisher().onStateTransition(event ->
                LOG.warn("{}: circuit breaker {}", dependency, event.getStateTransition()));
    }

    /** Runs {@code call} about {@code key}; refusals other than those the caller handles are reported for the key. */
    <T> T call(String what, String key, Supplier<T> call) {
        Supplier<T> guarded = Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(circuitBreaker, call));
        try {
            return guarded.get();
        } catch (CallNotPermittedException e) {
            throw new DependencyUnavailableException(dependency,
                    what + " " + key + " not attempted: S3 kept failing, circuit breaker open", e);
        } catch (SdkException e) {
            if (isTransient(e)) {
                throw new DependencyUnavailableException(dependency,
                        what + " " + key + " failed after " + retry.getRetryConfig().getMaxAttempts() + " attempts: "
                                + e.getMessage(), e);
            }
            throw refused(what, key, e);
        }
    }

    void run(String what, String key, Runnable call) {
        call(what, key, () -> {
            call.run();
            return null;
        });
    }

    boolean circuitOpen() {
        return circuitBreaker.getState() == CircuitBreaker.State.OPEN;
    }

    /** Whether S3 answered {@code e} with HTTP status {@code status}. */
    static boolean hasStatus(Throwable e, int status) {
        return e instanceof SdkServiceException service && service.statusCode() == status;
    }

    /**
     * Failures that may pass: no answer (connection refused or reset, timeout), a server error, throttling.
     * A 4xx answer such as NoSuchKey or AccessDenied is final.
     */
    static boolean isTransient(Throwable e) {
        if (e instanceof SdkServiceException service) {
            int status = service.statusCode();
            return status >= 500 || status == 429 || service.isThrottlingException() || service.isRetryableException();
        }
        if (e instanceof SdkClientException client) {
            return client.retryable() || hasIoCause(client);
        }
        return false;
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static UncheckedIOException refused(String what, String key, SdkException e) {
        String detail = e instanceof S3Exception s3 && s3.awsErrorDetails() != null
                ? s3.statusCode() + " " + s3.awsErrorDetails().errorCode() + ": " + s3.awsErrorDetails().errorMessage()
                : e.getMessage();
        return new UncheckedIOException(new IOException(what + " " + key + " refused by S3: " + detail, e));
    }
}
