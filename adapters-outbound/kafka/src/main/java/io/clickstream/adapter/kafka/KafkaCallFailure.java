package io.clickstream.adapter.kafka;

/** A Kafka call that failed; says whether another attempt may succeed. Never leaves the adapter. */
final class KafkaCallFailure extends RuntimeException {
    private final boolean retriable;

    KafkaCallFailure(boolean retriable, String message, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    boolean retriable() {
        return retriable;
    }
}
