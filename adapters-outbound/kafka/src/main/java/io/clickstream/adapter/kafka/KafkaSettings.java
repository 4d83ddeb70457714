package io.clickstream.adapter.kafka;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the raw-event publisher reaches Kafka and how long it may wait for it.
 *
 * <p>{@code timeout} bounds every single broker operation (connect, metadata, a request, a commit); an
 * unreachable broker is reported after about {@code maxAttempts × timeout} plus the backoffs, see
 * {@link #unreachableBound()}. A broker that dies in the middle of a batch can cost up to three timeouts per
 * attempt (delivery, then abort), see {@link #failureBound()}.
 *
 * @param bootstrapServers    {@code host:port[,host:port]} of the cluster
 * @param rawTopic            topic the landed batches go to; its companion {@link #batchTopic()} records which
 *                            batches were published
 * @param partitions          partitions the topic is created with when missing
 * @param replicationFactor   replication factor the topic is created with when missing
 * @param transactionalId     producer transactional id; blank means {@code clickstream-ingest-<host name>}
 * @param timeout             bound of one broker operation
 * @param maxAttempts         attempts per publish or topic creation before the broker counts as unavailable
 * @param retryBackoff        wait before the second attempt, doubled for each further one
 * @param extraProducerProps  further producer properties (tuning); cannot switch off idempotence or transactions
 */
public record KafkaSettings(String bootstrapServers, String rawTopic, int partitions, short replicationFactor,
                            String transactionalId, Duration timeout, int maxAttempts, Duration retryBackoff,
                            Map<String, String> extraProducerProps) {

    public static final String DEFAULT_TOPIC = "clickstream.raw";
    public static final int DEFAULT_PARTITIONS = 3;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(1);
    static final String TRANSACTIONAL_ID_PREFIX = "clickstream-ingest-";
    static final String BATCH_TOPIC_SUFFIX = ".batches";
    private static final int MAX_TOPIC_NAME = 249;

    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("kafka.bootstrap.servers must not be blank");
        }
        if (rawTopic == null || !rawTopic.matches("[a-zA-Z0-9._-]+")
                || rawTopic.length() + BATCH_TOPIC_SUFFIX.length() > MAX_TOPIC_NAME) {
            throw new IllegalArgumentException("kafka.topic.raw is not a valid topic name of at most "
                    + (MAX_TOPIC_NAME - BATCH_TOPIC_SUFFIX.length()) + " characters (room for the companion topic "
                    + "<name>" + BATCH_TOPIC_SUFFIX + "): " + rawTopic);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("kafka.topic.partitions must be at least 1, got " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("kafka.topic.replication.factor must be at least 1, got "
                    + replicationFactor);
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("kafka.timeout must be positive, got " + timeout);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("kafka.retry.max.attempts must be at least 1, got " + maxAttempts);
        }
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        if (retryBackoff.isNegative()) {
            throw new IllegalArgumentException("kafka.retry.backoff must not be negative, got " + retryBackoff);
        }
        bootstrapServers = bootstrapServers.trim();
        transactionalId = transactionalId == null || transactionalId.isBlank()
                ? TRANSACTIONAL_ID_PREFIX + hostName() : transactionalId.trim();
        extraProducerProps = extraProducerProps == null ? Map.of() : Map.copyOf(extraProducerProps);
    }

    /** Defaults for everything but the cluster address. */
    public static KafkaSettings defaults(String bootstrapServers) {
        return new KafkaSettings(bootstrapServers, DEFAULT_TOPIC, DEFAULT_PARTITIONS, (short) 1, null,
                DEFAULT_TIMEOUT, DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_BACKOFF, Map.of());
    }

    public KafkaSettings withTopic(String topic, int topicPartitions, short topicReplicationFactor) {
        return new KafkaSettings(bootstrapServers, topic, topicPartitions, topicReplicationFactor, transactionalId,
                timeout, maxAttempts, retryBackoff, extraProducerProps);
    }

    public KafkaSettings withTransactionalId(String id) {
        return new KafkaSettings(bootstrapServers, rawTopic, partitions, replicationFactor, id, timeout,
                maxAttempts, retryBackoff, extraProducerProps);
    }

    public KafkaSettings withTimeouts(Duration operationTimeout, int attempts, Duration backoff) {
        return new KafkaSettings(bootstrapServers, rawTopic, partitions, replicationFactor, transactionalId,
                operationTimeout, attempts, backoff, extraProducerProps);
    }

    public KafkaSettings withExtraProducerProps(Map<String, String> props) {
        return new KafkaSettings(bootstrapServers, rawTopic, partitions, replicationFactor, transactionalId,
                timeout, maxAttempts, retryBackoff, props);
    }

    /**
     * The compacted companion topic holding one record per published batch (key: batch id, value: its receipt),
     * written in the batch's own transaction so that "published" and "recorded as published" cannot disagree.
     */
    public String batchTopic() {
        return rawTopic + BATCH_TOPIC_SUFFIX;
    }

    /** The name failures and health report carry. */
    public String dependencyName() {
        return "Kafka (" + bootstrapServers + ")";
    }

    /** About how long a publish takes to give up when no broker answers at all. */
    public Duration unreachableBound() {
        return timeout.multipliedBy(maxAttempts).plus(totalBackoff());
    }

    /** The longest a publish can take to give up, also when the broker dies while a batch is in flight. */
    public Duration failureBound() {
        return timeout.multipliedBy(3L * maxAttempts).plus(totalBackoff());
    }

    private Duration totalBackoff() {
        Duration total = Duration.ZERO;
        Duration next = retryBackoff;
        for (int i = 1; i < maxAttempts; i++) {
            total = total.plus(next);
            next = next.multipliedBy(2);
        }
        return total;
    }

    private static String hostName() {
        String fromEnv = System.getenv("HOSTNAME");
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return fromEnv == null || fromEnv.isBlank() ? "localhost" : fromEnv;
        }
    }
}
