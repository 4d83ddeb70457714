package io.clickstream.adapter.kafka;

import io.clickstream.application.port.out.HealthIndicator;
import io.clickstream.domain.HealthStatus;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

/** Says whether the Kafka cluster answers, by asking it to describe itself within about a second. */
public final class KafkaHealthAdapter implements HealthIndicator, AutoCloseable {
    static final String COMPONENT = "kafka";
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(1);

    private final String bootstrapServers;
    private final String detailSuffix;
    private Admin admin;

    public KafkaHealthAdapter(KafkaSettings settings) {
        this.bootstrapServers = settings.bootstrapServers();
        this.detailSuffix = ", raw topic " + settings.rawTopic();
    }

    @Override
    public synchronized HealthStatus check() {
        try {
            Collection<Node> nodes = admin().describeCluster(
                            new DescribeClusterOptions().timeoutMs((int) CHECK_TIMEOUT.toMillis()))
                    .nodes().get(CHECK_TIMEOUT.toMillis() + 200, TimeUnit.MILLISECONDS);
            return HealthStatus.up(COMPONENT, nodes.size() + " broker(s) at " + bootstrapServers + detailSuffix);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthStatus.down(COMPONENT, "interrupted while checking " + bootstrapServers);
        } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            return HealthStatus.down(COMPONENT, "no answer from " + bootstrapServers + " within "
                    + CHECK_TIMEOUT.toMillis() + " ms: " + KafkaFailures.describe(e));
        }
    }

    private Admin admin() {
        if (admin == null) {
            admin = AdminClients.create(bootstrapServers, CHECK_TIMEOUT, "clickstream-health");
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
            admin = null;
        }
    }
}
