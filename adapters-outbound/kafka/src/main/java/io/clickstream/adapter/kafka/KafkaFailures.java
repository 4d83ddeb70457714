package io.clickstream.adapter.kafka;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ApplicationRecoverableException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.InvalidRecordException;

/**
 * Sorts Kafka client exceptions into what the publisher must do about them, following the transactional
 * producer's error categories (KIP-1050): abort and retry, replace the producer, or give up.
 */
final class KafkaFailures {

    private KafkaFailures() {
    }

    /** The most specific exception: futures and the transaction manager wrap the broker's answer. */
    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof ExecutionException || current instanceof CompletionException
                || current.getClass() == KafkaException.class)
                && current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }

    /** Errors after which this producer instance cannot go on: only a new one (same transactional id) can. */
    static boolean needsNewProducer(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof ApplicationRecoverableException
                || cause instanceof OutOfOrderSequenceException
                || cause instanceof AuthenticationException
                || cause instanceof IllegalStateException;
    }

    /** A message the broker will never accept, however often it is sent. */
    static boolean isBadMessage(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof RecordTooLargeException
                || cause instanceof RecordBatchTooLargeException
                || cause instanceof InvalidRecordException
                || cause instanceof SerializationException;
    }

    /** Setup or permission problems that retrying cannot fix. */
    static boolean isPermanent(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof AuthorizationException
                || cause instanceof UnsupportedVersionException
                || cause instanceof InvalidConfigurationException
                || cause instanceof InvalidTopicException
                || cause instanceof InvalidReplicationFactorException
                || cause instanceof InvalidPartitionsException
                || cause instanceof PolicyViolationException;
    }

    /** A short human description: exception type and message of the most specific cause. */
    static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
