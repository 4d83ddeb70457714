package io.clickstream.bootstrap;

import io.clickstream.adapter.kafka.KafkaRawEventFeed;
import io.clickstream.adapter.localfs.LocalFsEventJournal;
import io.clickstream.application.port.in.RecordEventsUseCase;
import io.clickstream.application.port.out.LandingFormat;
import io.clickstream.application.service.LiveEventFollower;
import io.clickstream.application.service.LiveEventLanding;
import io.clickstream.application.service.LiveEventService;
import io.clickstream.application.service.LiveUserHistory;
import io.clickstream.bootstrap.config.ConfigKeys;
import io.clickstream.bootstrap.config.PipelineConfig;
import io.clickstream.domain.DependencyUnavailableException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import dagger.Lazy;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events API's moving parts in a serving process: the journal (opened on the first event or at {@link #start},
 * never by a batch command, which must not take a serving process's journal), the landing of its sealed segments on a
 * timer with a Kafka producer of its own, and the follower of other processes' events.
 */
@Singleton
public final class LiveEvents implements RecordEventsUseCase {
    private static final Logger LOG = LoggerFactory.getLogger(LiveEvents.class);

    private final PipelineConfig config;
    private final LandingFormat format;
    private final KafkaEndpoint kafka;
    private final Lifecycle lifecycle;
    private final LiveUserHistory histories;
    private final Lazy<Running> running;
    private boolean following;

    @Inject
    LiveEvents(PipelineConfig config, LandingFormat format, KafkaEndpoint kafka, Lifecycle lifecycle,
               LiveUserHistory histories, Lazy<Running> running) {
        this.config = config;
        this.format = format;
        this.kafka = kafka;
        this.lifecycle = lifecycle;
        this.histories = histories;
        this.running = running;
    }

    @Override
    public CompletableFuture<EventsReceipt> record(List<SubmittedEvent> events) {
        Running live;
        try {
            live = running.get();
        } catch (IllegalStateException | UncheckedIOException e) {
            // The journal cannot be opened (another process holds it, the disk refuses): a 503 naming why, not a 500.
            throw new DependencyUnavailableException("event journal", e.getMessage(), e);
        }
        return live.service().record(events);
    }

    /**
     * Opens the journal (landing what a previous process left in it) and, with a shared broker configured, follows the
     * raw topic for other processes' events.
     */
    public synchronized void start() {
        running.get();
        if (!following && config.find(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS).isPresent()) {
            following = true;
            LiveEventFollower follower = new LiveEventFollower(format, histories);
            lifecycle.register(new KafkaRawEventFeed(kafka.bootstrapServers(), config.get(ConfigKeys.KAFKA_TOPIC_RAW),
                    config.get(ConfigKeys.EVENTS_FOLLOW_LOOKBACK)).follow(follower));
        }
    }

    /** Lands the journal's sealed segments on a timer; the returned whole is closed with the process. */
    static Running landOnATimer(Path dir, LocalFsEventJournal journal, LiveEventLanding landing, LiveEventService service,
                                int records, Duration interval) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "event-landing");
            t.setDaemon(true);
            return t;
        });
        long tick = Math.max(50, Math.min(interval.toMillis() / 4, 250));
        timer.scheduleWithFixedDelay(new LandingTick(landing), 0, tick, TimeUnit.MILLISECONDS);
        LOG.info("events API journal at {} (id {}); batches of up to {} events or {} land as source=api", dir,
                journal.id(), records, interval);
        return new Running(service, journal, timer);
    }

    /** One landing pass; a failure (the broker down, the lake unreachable) is logged once and retried on later ticks. */
    private static final class LandingTick implements Runnable {
        private final LiveEventLanding landing;
        private String lastFailure;

        LandingTick(LiveEventLanding landing) {
            this.landing = landing;
        }

        @Override
        public void run() {
            try {
                landing.landDue();
                if (lastFailure != null) {
                    LOG.info("landing live events works again");
                    lastFailure = null;
                }
            } catch (RuntimeException e) {
                if (!String.valueOf(e.getMessage()).equals(lastFailure)) {
                    LOG.warn("landing live events failed, the journal keeps them and landing is retried: {}", e.getMessage());
                    lastFailure = String.valueOf(e.getMessage());
                }
            }
        }
    }

    /** The journal, its landing timer and the use case over them, while the process runs. */
    record Running(LiveEventService service, LocalFsEventJournal journal, ScheduledExecutorService timer)
            implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            timer.shutdown();
            timer.awaitTermination(30, TimeUnit.SECONDS);
            journal.close();
        }
    }
}
