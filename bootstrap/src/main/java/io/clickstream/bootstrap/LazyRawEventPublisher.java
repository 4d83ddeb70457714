package io.clickstream.bootstrap;

import dagger.Lazy;
import io.clickstream.application.port.out.RawEventPublisher;
import java.util.List;
import java.util.Optional;

/**
 * A raw-event publisher whose Kafka producer is built (and the embedded broker started) on the first batch rather than
 * when the use case holding it is built: a process that only serves never connects. The topic is known at once.
 */
final class LazyRawEventPublisher implements RawEventPublisher {
    private final String topic;
    private final Lazy<? extends RawEventPublisher> publisher;

    LazyRawEventPublisher(String topic, Lazy<? extends RawEventPublisher> publisher) {
        this.topic = topic;
        this.publisher = publisher;
    }

    @Override
    public PublishReceipt publish(String batchId, List<RawMessage> messages) {
        return publisher.get().publish(batchId, messages);
    }

    @Override
    public Optional<PublishReceipt> alreadyPublished(String batchId) {
        return publisher.get().alreadyPublished(batchId);
    }

    @Override
    public String topic() {
        return topic;
    }
}
