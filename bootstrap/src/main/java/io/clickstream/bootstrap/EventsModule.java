package io.clickstream.bootstrap;

import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import io.clickstream.adapter.kafka.KafkaRawEventPublisherAdapter;
import io.clickstream.adapter.localfs.LocalFsEventJournal;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.LandingFormat;
import io.clickstream.application.service.LiveEventLanding;
import io.clickstream.application.service.LiveEventService;
import io.clickstream.application.service.LiveUserHistory;
import io.clickstream.bootstrap.config.ConfigKeys;
import io.clickstream.bootstrap.config.PipelineConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.inject.Named;
import javax.inject.Singleton;

/**
 * The events API's journal on local disk and its landing, with a Kafka producer of its own. Reached only through
 * {@link LiveEvents}' {@link Lazy}: a batch command must never take a serving process's journal.
 */
@Module
interface EventsModule {

    @Provides
    @Singleton
    static LocalFsEventJournal eventJournal(PipelineConfig config, Clock clock) {
        return new LocalFsEventJournal(journalDir(config), config.get(ConfigKeys.EVENTS_LANDING_RECORDS),
                config.get(ConfigKeys.EVENTS_LANDING_INTERVAL), clock);
    }

    /** The producer's own transactional id, the journal's: with ingest's, each publisher would fence the other. */
    @Provides
    @Singleton
    @Named("events")
    static KafkaRawEventPublisherAdapter eventsPublisher(KafkaEndpoint kafka, Lifecycle lifecycle, LocalFsEventJournal journal) {
        return lifecycle.register(new KafkaRawEventPublisherAdapter(
                kafka.settings().withTransactionalId("clickstream-events-" + journal.id())));
    }

    /** Opens the journal, landing what a previous process left in it, and lands its sealed segments on a timer. */
    @Provides
    @Singleton
    static LiveEvents.Running running(PipelineConfig config, LocalFsEventJournal journal, DataLake lake,
                                      LandingFormat format, @Named("events") Lazy<KafkaRawEventPublisherAdapter> kafka,
                                      LiveUserHistory histories, Clock clock, Lifecycle lifecycle) {
        Duration interval = config.get(ConfigKeys.EVENTS_LANDING_INTERVAL);
        LiveEventLanding landing = new LiveEventLanding(journal, lake, format,
                new LazyRawEventPublisher(config.get(ConfigKeys.KAFKA_TOPIC_RAW), kafka), clock);
        return lifecycle.register(LiveEvents.landOnATimer(journalDir(config), journal, landing,
                new LiveEventService(journal, format, histories, clock), config.get(ConfigKeys.EVENTS_LANDING_RECORDS),
                interval));
    }

    private static Path journalDir(PipelineConfig config) {
        return config.find(ConfigKeys.EVENTS_JOURNAL_DIR).orElse(config.dataDir().resolve("events-journal"));
    }
}
