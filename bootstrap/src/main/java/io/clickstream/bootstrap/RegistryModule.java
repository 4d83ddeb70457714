package io.clickstream.bootstrap;

import dagger.Module;
import dagger.Provides;
import io.clickstream.adapter.registry.LakeModelRegistryAdapter;
import io.clickstream.adapter.registry.LakeUserHistoryAdapter;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.ModelRegistry;
import io.clickstream.application.port.out.UserHistory;
import io.clickstream.application.service.LiveUserHistory;
import io.clickstream.application.service.ServingModel;
import io.clickstream.bootstrap.config.ConfigKeys;
import io.clickstream.bootstrap.config.PipelineConfig;
import javax.inject.Singleton;

/** The model registry and the users' histories, kept in the lake. */
@Module
interface RegistryModule {

    @Provides
    @Singleton
    static ModelRegistry modelRegistry(DataLake lake, PipelineConfig config) {
        return new LakeModelRegistryAdapter(lake, config.get(ConfigKeys.PUBLISH_PROMOTIONS_RETAINED));
    }

    @Provides
    @Singleton
    static LiveUserHistory liveUserHistory(DataLake lake, ServingModel serving, PipelineConfig config) {
        return new LiveUserHistory(new LakeUserHistoryAdapter(lake, serving::servedVersion),
                config.get(ConfigKeys.EVENTS_HISTORY_USERS), config.get(ConfigKeys.RECOMMEND_HISTORY_LENGTH));
    }

    /** Staged histories with the live events since: what the recommendations for a user go by. */
    @Provides
    static UserHistory userHistory(LiveUserHistory live) {
        return live;
    }
}
