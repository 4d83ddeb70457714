package io.clickstream.adapter.spark;

import io.clickstream.domain.DependencyUnavailableException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Whether the raw topic exists yet: on a fresh installation nothing was ever published, the topic is missing, and
 * there is simply nothing to stage (Spark's Kafka source would fail on the missing topic-partitions instead).
 */
final class RawTopic {
    private static final long TIMEOUT_SECONDS = 30;

    private RawTopic() {
    }

    static boolean exists(SparkStagingSettings settings) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        // The Kafka source's options ("kafka.security.protocol", ...) are client settings behind a prefix.
        for (Map.Entry<String, String> option : settings.kafkaOptions().entrySet()) {
            if (option.getKey().startsWith("kafka.")) {
                props.put(option.getKey().substring("kafka.".length()), option.getValue());
            }
        }
        try (Admin admin = Admin.create(props)) {
            return admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).contains(settings.rawTopic());
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new DependencyUnavailableException("Kafka (" + settings.kafkaBootstrapServers() + ")",
                    "listing topics failed: " + cause.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Kafka for the raw topic", e);
        }
    }
}
