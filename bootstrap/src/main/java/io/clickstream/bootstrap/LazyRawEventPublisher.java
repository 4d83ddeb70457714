package io.clickstream.bootstrap;

import io.clickstream.application.port.out.RawEventPublisher;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A raw-topic publisher that connects (and so starts the embedded broker) on the first batch rather than when it is
 * built: the topic is known at once, the producer only when a batch comes. {@code connect} is called once.
 */
final class LazyRawEventPublisher implements RawEventPublisher {
    private final String topic;
    private final Supplier<? extends RawEventPublisher> connect;
    private RawEventPublisher connected;

    /** @param connect a {@link dagger.Lazy}'s get, or a factory for a producer Dagger cannot build ahead */
    LazyRawEventPublisher(String topic, Supplier<? extends RawEventPublisher> connect) {
        this.topic = topic;
        this.connect = connect;
    }

    @Override
    public PublishReceipt publish(String batchId, List<RawMessage> messages) {
        return publisher().publish(batchId, messages);
    }

    @Override
    public Optional<PublishReceipt> alreadyPublished(String batchId) {
        return publisher().alreadyPublished(batchId);
    }

    @Override
    public String topic() {
        return topic;
    }

    private synchronized RawEventPublisher publisher() {
        if (connected == null) {
            connected = connect.get();
        }
        return connected;
    }
}
