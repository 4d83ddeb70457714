package io.clickstream.adapter.kafka;

import io.clickstream.application.port.out.RawEventFeed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the raw topic for a serving process: committed messages only (read_committed, so an aborted batch is never
 * seen), every partition assigned without a consumer group (each process reads everything and commits nothing),
 * starting a little before now so the events of the last moments before a start are not missed.
 */
public final class KafkaRawEventFeed implements RawEventFeed {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaRawEventFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final String bootstrapServers;
    private final String topic;
    private final Duration lookBack;

    /** @param lookBack how far before the start to begin reading */
    public KafkaRawEventFeed(String bootstrapServers, String topic, Duration lookBack) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.lookBack = lookBack;
    }

    @Override
    public AutoCloseable follow(Consumer<List<String>> rows) {
        Follower follower = new Follower(rows, Instant.now().minus(lookBack));
        Thread thread = new Thread(follower, "raw-topic-follower");
        thread.setDaemon(true);
        thread.start();
        return () -> {
            follower.stop();
            thread.join(Duration.ofSeconds(10).toMillis());
        };
    }

    private final class Follower implements Runnable {
        private final Consumer<List<String>> rows;
        private final Instant from;
        private volatile boolean stopped;
        private volatile KafkaConsumer<String, String> consumer;

        Follower(Consumer<List<String>> rows, Instant from) {
            this.rows = rows;
            this.from = from;
        }

        @Override
        public void run() {
            while (!stopped) {
                try (KafkaConsumer<String, String> c = new KafkaConsumer<>(properties())) {
                    consumer = c;
                    if (stopped) {
                        return;
                    }
                    if (!assign(c)) {
                        Thread.sleep(RETRY.toMillis());
                        continue;
                    }
                    LOG.info("following the raw topic {} for live events", topic);
                    while (!stopped) {
                        ConsumerRecords<String, String> polled = c.poll(POLL);
                        if (!polled.isEmpty()) {
                            List<String> values = new ArrayList<>(polled.count());
                            for (ConsumerRecord<String, String> r : polled) {
                                values.add(r.value());
                            }
                            rows.accept(values);
                        }
                    }
                } catch (WakeupException e) {
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("following the raw topic {}: {}; trying again in {} s", topic, e.getMessage(), RETRY.toSeconds());
                    try {
                        Thread.sleep(RETRY.toMillis());
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                } finally {
                    consumer = null;
                }
            }
        }

        /** Assigns every partition at the offset of {@link #from}; false while the topic does not exist yet. */
        private boolean assign(KafkaConsumer<String, String> c) {
            List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                return false;
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(partitions);
            Map<TopicPartition, Long> at = new HashMap<>();
            partitions.forEach(p -> at.put(p, from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> offsets = c.offsetsForTimes(at, Duration.ofSeconds(10));
            List<TopicPartition> toEnd = new ArrayList<>();
            for (TopicPartition p : partitions) {
                OffsetAndTimestamp offset = offsets.get(p);
                if (offset == null) {
                    toEnd.add(p); // nothing since then
                } else {
                    c.seek(p, offset.offset());
                }
            }
            c.seekToEnd(toEnd);
            return true;
        }

        void stop() {
            stopped = true;
            KafkaConsumer<String, String> c = consumer;
            if (c != null) {
                c.wakeup();
            }
        }

        private Properties properties() {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, "clickstream-live-events");
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            return props;
        }
    }
}
