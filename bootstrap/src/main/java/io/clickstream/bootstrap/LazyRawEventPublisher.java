package io.clickstream.bootstrap;

import io.clickstream.adapter.kafka.KafkaRawEventPublisherAdapter;
import io.clickstream.application.port.out.RawEventPublisher;

/** The Kafka publisher, connected (and the embedded broker started) on the first batch rather than at start-up. */
final class LazyRawEventPublisher implements RawEventPublisher {
    private final KafkaEndpoint kafka;
    private final Lifecycle lifecycle;
    private final String topic;
    private final String transactionalId;
    private KafkaRawEventPublisherAdapter delegate;

    LazyRawEventPublisher(KafkaEndpoint kafka, Lifecycle lifecycle, String topic) {
        this(kafka, lifecycle, topic, null);
    }

    /**
     * @param transactionalId the producer's own transactional id, or null for the configured one: a second publisher
     *                        in the process (the events API's) needs another, or each would fence the other
     */
    LazyRawEventPublisher(KafkaEndpoint kafka, Lifecycle lifecycle, String topic, String transactionalId) {
        this.kafka = kafka;
        this.lifecycle = lifecycle;
        this.topic = topic;
        this.transactionalId = transactionalId;
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
            delegate = lifecycle.register(new KafkaRawEventPublisherAdapter(transactionalId == null ? kafka.settings()
                    : kafka.settings().withTransactionalId(transactionalId)));
        }
        return delegate;
    }
}
