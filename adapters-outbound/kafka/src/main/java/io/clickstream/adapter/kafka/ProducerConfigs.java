package io.clickstream.adapter.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer properties: throughput defaults, then the operator's extras, then the guarantees the publisher
 * relies on (idempotence, acks=all, the transactional id), which extras cannot switch off.
 */
final class ProducerConfigs {
    private static final int LINGER_MS = 10;

    private final KafkaSettings settings;

    ProducerConfigs(KafkaSettings settings) {
        this.settings = settings;
    }

    /** Bounds a record's time from send to acknowledgement; Kafka requires at least linger plus request timeout. */
    Duration deliveryTimeout() {
        String configured = settings.extraProducerProps().get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
        return configured != null ? Duration.ofMillis(Long.parseLong(configured.trim()))
                : settings.timeout().multipliedBy(2).plusMillis(LINGER_MS);
    }

    Map<String, Object> properties() {
        long timeoutMs = settings.timeout().toMillis();
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "clickstream-raw-publisher");
        props.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L * 1024 * 1024));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeoutMs));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeoutMs));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(deliveryTimeout().toMillis()));
        // Long enough for a big batch; a crashed publisher's open transaction is aborted sooner anyway, when
        // the next producer with the same transactional id starts.
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                Long.toString(Math.max(60_000L, 3 * deliveryTimeout().toMillis())));
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        props.putAll(settings.extraProducerProps());

        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
        Object inFlight = props.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
        if (inFlight == null || Integer.parseInt(inFlight.toString().trim()) > 5) {
            props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        }
        return props;
    }
}
