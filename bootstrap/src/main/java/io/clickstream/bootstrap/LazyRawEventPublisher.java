package io.clickstream.bootstrap;

import io.clickstream.adapter.kafka.KafkaRawEventPublisherAdapter;
import io.clickstream.application.port.out.RawEventPublisher;

/** The Kafka publisher, connected (and the embedded broker started) on the first batch rather than at start-up. */
final class LazyRawEventPublisher implements RawEventPublisher {
    private final KafkaEndpoint kafka;
    private final Lifecycle lifecycle;
    private final String topic;
    private KafkaRawEventPublisherAdapter delegate;

    LazyRawEventPublisher(KafkaEndpoint kafka, Lifecycle lifecycle, String topic) {
        this.kafka = kafka;
        this.lifecycle = lifecycle;
        this.topic = topic;
    }

    @Override
    public PublishReceipt publish(String batchId, java.util.List<RawMessage> messages) {
        return publisher().publish(batchId, messages);
    }

    @Override
    public java.util.Optional<PublishReceipt> alreadyPublished(String batchId) {
        return publisher().alreadyPublished(batchId);
    }

    @Override
    public String topic() {
        return topic;
    }

    private synchronized KafkaRawEventPublisherAdapter publisher() {
        if (delegate == null) {
            delegate = lifecycle.register(new KafkaRawEventPublisherAdapter(kafka.settings()));
        }
        return delegate;
    }
}
