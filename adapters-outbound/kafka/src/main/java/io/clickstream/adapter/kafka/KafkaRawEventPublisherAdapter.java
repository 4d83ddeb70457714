package io.clickstream.adapter.kafka;

import io.clickstream.application.port.out.RawEventPublisher;
import io.clickstream.domain.DependencyUnavailableException;
import io.clickstream.domain.InvalidParameterException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes landed batches to the raw topic, one Kafka transaction per batch (idempotent producer, acks=all) that
 * also records the batch in the batch topic, with retry and a circuit breaker; a broker that stays down surfaces as {@link DependencyUnavailableException}
 * after the bounded time {@link KafkaSettings#failureBound()}.
 */
public final class KafkaRawEventPublisherAdapter implements RawEventPublisher, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaRawEventPublisherAdapter.class);

    private final KafkaSettings settings;
    private final RawTopicProvisioner topicProvisioner;
    private final TransactionalBatchSender sender;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private volatile boolean topicReady;

    public KafkaRawEventPublisherAdapter(KafkaSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.topicProvisioner = new RawTopicProvisioner(settings);
        this.sender = new TransactionalBatchSender(settings);
        this.retry = Retry.of("kafka-publish", RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(
                        Math.max(1, settings.retryBackoff().toMillis()), 2.0))
                .retryOnException(e -> e instanceof KafkaCallFailure failure && failure.retriable())
                .failAfterMaxAttempts(false)
                .build());
        this.breaker = CircuitBreaker.of("kafka", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(Math.max(4, 2 * settings.maxAttempts()))
                .minimumNumberOfCalls(Math.max(2, settings.maxAttempts()))
                .failureRateThreshold(50)
                .waitDurationInOpenState(settings.timeout())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(e -> e instanceof KafkaCallFailure)
                .build());
    }

    @Override
    public PublishReceipt publish(String batchId, List<RawMessage> messages) {
        requireBatchId(batchId);
        Objects.requireNonNull(messages, "messages");
        if (messages.isEmpty()) {
            return new PublishReceipt(settings.rawTopic(), 0, List.of());
        }
        ensureTopic();
        PublishReceipt receipt = resilient("publishing batch " + batchId,
                () -> sender.send(settings.rawTopic(), batchId, messages));
        LOG.debug("Published batch {}: {} message(s) to {}", batchId, receipt.messages(), receipt.partitions());
        return receipt;
    }

    /**
     * Asks the batch topic, whose marker of a batch commits in the batch's own transaction; a batch whose
     * transaction was aborted, or left open by a killed run (ended by this producer's initialisation), is absent.
     */
    @Override
    public Optional<PublishReceipt> alreadyPublished(String batchId) {
        requireBatchId(batchId);
        ensureTopic();
        return resilient("looking up batch " + batchId + " in " + settings.batchTopic(),
                () -> sender.published(batchId));
    }

    @Override
    public String topic() {
        return settings.rawTopic();
    }

    @Override
    public void close() {
        sender.close();
    }

    private static void requireBatchId(String batchId) {
        if (batchId == null || batchId.isBlank()) {
            throw new InvalidParameterException("batchId", "must not be blank");
        }
    }

    private void ensureTopic() {
        if (topicReady) {
            return;
        }
        synchronized (this) {
            if (!topicReady) {
                resilient("creating topics " + settings.rawTopic() + " and " + settings.batchTopic(), () -> {
                    topicProvisioner.ensureTopic();
                    return null;
                });
                topicReady = true;
            }
        }
    }

    private <T> T resilient(String action, Supplier<T> call) {
        Supplier<T> guarded = Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, call));
        try {
            return guarded.get();
        } catch (KafkaCallFailure e) {
            String attempts = e.retriable() ? " after " + settings.maxAttempts() + " attempt(s)" : "";
            throw new DependencyUnavailableException(settings.dependencyName(),
                    action + " failed" + attempts + ": " + e.getMessage(), e.getCause());
        } catch (CallNotPermittedException e) {
            throw new DependencyUnavailableException(settings.dependencyName(), action + " not attempted: "
                    + "recent calls failed, so the circuit breaker is open for " + settings.timeout(), e);
        }
    }
}
