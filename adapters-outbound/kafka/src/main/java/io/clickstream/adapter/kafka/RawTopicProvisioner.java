package io.clickstream.adapter.kafka;

import io.clickstream.domain.InvalidParameterException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the raw topic with the configured partitions, and its compacted companion {@link KafkaSettings#batchTopic()},
 * when they do not exist yet; existing ones are kept.
 */
final class RawTopicProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(RawTopicProvisioner.class);

    private final KafkaSettings settings;

    RawTopicProvisioner(KafkaSettings settings) {
        this.settings = settings;
    }

    /**
     * One attempt. Throws {@link KafkaCallFailure} when the broker does not answer, InvalidParameterException
     * when it refuses the configured topic (e.g. a replication factor above the number of brokers).
     */
    void ensureTopic() {
        long timeoutMs = settings.timeout().toMillis();
        try (Admin admin = AdminClients.create(settings.bootstrapServers(), settings.timeout(),
                "clickstream-topic-provisioner")) {
            NewTopic raw = new NewTopic(settings.rawTopic(), settings.partitions(), settings.replicationFactor());
            if (!create(admin, raw, timeoutMs)) {
                warnIfOtherPartitionCount(admin, timeoutMs);
            }
            // One small record per batch, looked up by batch id: compaction keeps the latest per batch forever,
            // and one partition is plenty.
            create(admin, new NewTopic(settings.batchTopic(), 1, settings.replicationFactor())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)), timeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaCallFailure(false, "interrupted while creating topic " + settings.rawTopic(), e);
        } catch (ExecutionException e) {
            throw invalidSetting(e.getCause()).orElseGet(() -> failure(e));
        } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
            throw failure(e);
        }
    }

    /** Creates the topic; false when it exists already. */
    private static boolean create(Admin admin, NewTopic topic, long timeoutMs)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        try {
            admin.createTopics(List.of(topic), new CreateTopicsOptions().timeoutMs((int) timeoutMs))
                    .all().get(timeoutMs + 1000, TimeUnit.MILLISECONDS);
            LOG.info("Created topic {} with {} partition(s), replication factor {}", topic.name(),
                    topic.numPartitions(), topic.replicationFactor());
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw e;
        }
    }

    /** Refusals that name a setting the operator must change; retrying cannot help. */
    private Optional<RuntimeException> invalidSetting(Throwable cause) {
        String reason = "Kafka refused to create topic " + settings.rawTopic() + ": " + KafkaFailures.describe(cause);
        if (cause instanceof InvalidReplicationFactorException) {
            return Optional.of(new InvalidParameterException("kafka.topic.replication.factor", reason));
        }
        if (cause instanceof InvalidPartitionsException) {
            return Optional.of(new InvalidParameterException("kafka.topic.partitions", reason));
        }
        if (cause instanceof InvalidTopicException) {
            return Optional.of(new InvalidParameterException("kafka.topic.raw", reason));
        }
        return Optional.empty();
    }

    private KafkaCallFailure failure(Exception e) {
        return new KafkaCallFailure(!KafkaFailures.isPermanent(e), "cannot create topic " + settings.rawTopic()
                + " (" + settings.partitions() + " partitions, replication factor "
                + settings.replicationFactor() + ") or its companion " + settings.batchTopic() + ": "
                + KafkaFailures.describe(e), e);
    }

    private void warnIfOtherPartitionCount(Admin admin, long timeoutMs) throws InterruptedException {
        int existing;
        try {
            Map<String, TopicDescription> descriptions = admin.describeTopics(List.of(settings.rawTopic()),
                            new DescribeTopicsOptions().timeoutMs((int) timeoutMs))
                    .allTopicNames().get(timeoutMs + 1000, TimeUnit.MILLISECONDS);
            existing = descriptions.get(settings.rawTopic()).partitions().size();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.debug("Could not describe existing topic {}", settings.rawTopic(), e);
            return;
        }
        if (existing != settings.partitions()) {
            // Changing the partition count would move keys to other partitions; that is an operator's decision.
            LOG.warn("Topic {} exists with {} partition(s), not the configured {}; keeping it as it is",
                    settings.rawTopic(), existing, settings.partitions());
        }
    }
}
