package io.clickstream.bootstrap;

import io.clickstream.adapter.kafka.EmbeddedKafkaBroker;
import io.clickstream.adapter.kafka.EmbeddedKafkaSettings;
import io.clickstream.adapter.kafka.KafkaSettings;
import io.clickstream.bootstrap.config.ConfigKeys;
import io.clickstream.bootstrap.config.PipelineConfig;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Where Kafka is: the configured brokers, or (the embedded default) a single-node broker under
 * {@code <data.dir>/kafka}, started on first use so that serving alone never pays for a broker.
 */
@Singleton
public final class KafkaEndpoint {
    private final PipelineConfig config;
    private final Lifecycle lifecycle;
    // Volatile so that health reads them without the lock a starting broker holds for seconds.
    private volatile EmbeddedKafkaBroker embedded;
    private volatile boolean starting;

    @Inject
    KafkaEndpoint(PipelineConfig config, Lifecycle lifecycle) {
        this.config = config;
        this.lifecycle = lifecycle;
    }

    boolean isEmbedded() {
        return config.find(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS).isEmpty();
    }

    /** Whether the broker can be used now; never waits for a start in progress. */
    boolean isStarted() {
        EmbeddedKafkaBroker broker = embedded;
        return !isEmbedded() || (broker != null && broker.isRunning());
    }

    /** Whether the embedded broker is being started at this moment. */
    boolean isStarting() {
        return starting;
    }

    /** The bootstrap servers, starting the embedded broker if that is the configuration and it is not running. */
    public synchronized String bootstrapServers() {
        Optional<String> configured = config.find(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS);
        if (configured.isPresent()) {
            return configured.get();
        }
        if (embedded == null || !embedded.isRunning()) {
            starting = true;
            try {
                embedded = lifecycle.register(new EmbeddedKafkaBroker(EmbeddedKafkaSettings.under(config.dataDir())).start());
            } finally {
                starting = false;
            }
        }
        return embedded.bootstrapServers();
    }

    KafkaSettings settings() {
        KafkaSettings settings = KafkaSettings.defaults(bootstrapServers()).withTopic(config.get(ConfigKeys.KAFKA_TOPIC_RAW),
                config.get(ConfigKeys.KAFKA_TOPIC_PARTITIONS), (short) 1);
        return config.find(ConfigKeys.KAFKA_TRANSACTIONAL_ID).map(settings::withTransactionalId).orElse(settings);
    }
}
