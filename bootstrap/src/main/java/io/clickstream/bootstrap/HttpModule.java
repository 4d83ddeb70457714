package io.clickstream.bootstrap;

import dagger.Module;
import dagger.Provides;
import io.clickstream.adapter.http.EventIntake;
import io.clickstream.adapter.http.HttpApiServer;
import io.clickstream.adapter.http.HttpSettings;
import io.clickstream.adapter.http.HttpSettings.ConnectionLimits;
import io.clickstream.adapter.http.PipelineMetrics;
import io.clickstream.application.port.in.CheckHealthUseCase;
import io.clickstream.application.port.in.JobsUseCase;
import io.clickstream.application.port.in.PublishModelUseCase;
import io.clickstream.application.port.in.QueryModelsUseCase;
import io.clickstream.application.port.in.RecommendItemsUseCase;
import io.clickstream.bootstrap.config.ConfigKeys;
import io.clickstream.bootstrap.config.PipelineConfig;
import java.util.List;
import javax.inject.Singleton;

/** The HTTP API server. */
@Module
interface HttpModule {

    @Provides
    @Singleton
    static PipelineMetrics pipelineMetrics(QueryModelsUseCase models) {
        return new PipelineMetrics(models);
    }

    @Provides
    @Singleton
    static HttpApiServer httpServer(JobsUseCase jobs, QueryModelsUseCase models, PublishModelUseCase publish,
                                    RecommendItemsUseCase recommend, CheckHealthUseCase health, PipelineConfig config,
                                    PipelineMetrics metrics, LiveEvents events) {
        HttpSettings settings = new HttpSettings(config.get(ConfigKeys.HTTP_HOST), config.get(ConfigKeys.HTTP_PORT),
                config.find(ConfigKeys.API_TOKEN).orElse(null), config.get(ConfigKeys.HTTP_MAX_BODY_BYTES),
                config.get(ConfigKeys.HTTP_DRAIN_TIMEOUT), config.find(ConfigKeys.API_CLIENT_KEYS).orElse(List.of()),
                new ConnectionLimits(config.get(ConfigKeys.HTTP_READ_TIMEOUT), config.get(ConfigKeys.HTTP_IDLE_TIMEOUT),
                        config.get(ConfigKeys.HTTP_REQUEST_PARSE_TIMEOUT),
                        config.get(ConfigKeys.HTTP_MAX_CONNECTIONS_PER_ADDRESS)));
        EventIntake intake = new EventIntake(events, config.find(ConfigKeys.EVENTS_KEYS).orElse(List.of()),
                config.get(ConfigKeys.EVENTS_BATCH_MAX), config.get(ConfigKeys.EVENTS_RATE_PER_ADDRESS),
                config.get(ConfigKeys.EVENTS_RATE_BURST));
        return new HttpApiServer(jobs, models, publish, recommend, health, settings, metrics, intake);
    }
}
