package io.clickstream.bootstrap;

import dagger.Module;
import dagger.Provides;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.LandingFormat;
import io.clickstream.application.service.LiveUserHistory;
import io.clickstream.bootstrap.config.PipelineConfig;
import java.time.Clock;
import javax.inject.Singleton;

/** The events API's journal and landing, opened when {@link LiveEvents} first needs them. */
@Module
interface EventsModule {

    @Provides
    @Singleton
    static LiveEvents.Running liveEventsRunning(PipelineConfig config, DataLake lake, LandingFormat format,
                                                KafkaEndpoint kafka, Lifecycle lifecycle, LiveUserHistory histories,
                                                Clock clock) {
        return lifecycle.register(LiveEvents.open(config, lake, format, kafka, lifecycle, histories, clock));
    }
}
