package io.clickstream.bootstrap;

import dagger.Lazy;
import io.clickstream.adapter.kafka.KafkaHealthAdapter;
import io.clickstream.application.port.out.HealthIndicator;
import io.clickstream.domain.HealthStatus;

/** Kafka's readiness; an embedded broker that has not been needed yet is ready, not down. */
final class KafkaHealth implements HealthIndicator {
    private final KafkaEndpoint kafka;
    private final Lazy<KafkaHealthAdapter> adapter;

    KafkaHealth(KafkaEndpoint kafka, Lazy<KafkaHealthAdapter> adapter) {
        this.kafka = kafka;
        this.adapter = adapter;
    }

    @Override
    public HealthStatus check() {
        if (kafka.isStarting()) {
            // Never wait on the start (it holds the endpoint's lock for seconds); jobs that need the broker wait for it.
            return HealthStatus.starting("kafka", "embedded broker starting under data.dir/kafka");
        }
        if (!kafka.isStarted()) {
            return HealthStatus.up("kafka", "embedded broker starts on first use under data.dir/kafka");
        }
        return adapter.get().check();
    }
}
