package io.clickstream.bootstrap;

import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.clickstream.adapter.kafka.KafkaHealthAdapter;
import io.clickstream.adapter.kafka.KafkaRawEventPublisherAdapter;
import io.clickstream.application.port.out.HealthIndicator;
import io.clickstream.application.port.out.RawEventPublisher;
import io.clickstream.bootstrap.config.ConfigKeys;
import io.clickstream.bootstrap.config.PipelineConfig;
import javax.inject.Singleton;

/**
 * Kafka: the raw topic's publisher and the broker's health. Both are built on first use ({@link Lazy}): connecting
 * starts the embedded broker ({@link KafkaEndpoint}), which a process that only serves never needs.
 */
@Module
interface KafkaModule {

    @Provides
    @Singleton
    static KafkaRawEventPublisherAdapter kafkaPublisher(KafkaEndpoint kafka, Lifecycle lifecycle) {
        return lifecycle.register(new KafkaRawEventPublisherAdapter(kafka.settings()));
    }

    @Provides
    @Singleton
    static RawEventPublisher rawEventPublisher(Lazy<KafkaRawEventPublisherAdapter> publisher, PipelineConfig config) {
        return new LazyRawEventPublisher(config.get(ConfigKeys.KAFKA_TOPIC_RAW), publisher);
    }

    @Provides
    @Singleton
    static KafkaHealthAdapter kafkaHealthAdapter(KafkaEndpoint kafka, Lifecycle lifecycle) {
        return lifecycle.register(new KafkaHealthAdapter(kafka.settings()));
    }

    @Provides
    @IntoSet
    static HealthIndicator kafkaHealth(KafkaEndpoint kafka, Lazy<KafkaHealthAdapter> adapter) {
        return new KafkaHealth(kafka, adapter);
    }
}
