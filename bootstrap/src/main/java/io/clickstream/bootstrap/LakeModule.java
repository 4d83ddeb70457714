package io.clickstream.bootstrap;

import dagger.Module;
import dagger.multibindings.IntoSet;
import io.clickstream.application.port.out.HealthIndicator;
import io.clickstream.domain.HealthStatus;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import io.clickstream.adapter.localfs.LocalFsDataLakeAdapter;
import io.clickstream.adapter.s3.S3DataLakeAdapter;
import io.clickstream.adapter.s3.S3LakeSettings;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.bootstrap.config.ConfigKeys;
import io.clickstream.bootstrap.config.PipelineConfig;
import java.nio.file.Path;
import java.util.Map;
import javax.inject.Provider;
import javax.inject.Singleton;

/** The data lake, chosen by the scheme of {@code lake.uri}: {@code file} (default) or {@code s3}. */
@Module
interface LakeModule {

    @Provides
    @IntoMap
    @StringKey("file")
    static DataLake localLake(PipelineConfig config) {
        return new LocalFsDataLakeAdapter(Path.of(config.lakeUri()));
    }

    @Provides
    @IntoMap
    @StringKey("s3")
    static DataLake s3Lake(PipelineConfig config) {
        return new S3DataLakeAdapter(S3LakeSettings.of(config.lakeUri())
                .withEndpoint(config.find(ConfigKeys.LAKE_S3_ENDPOINT).orElse(null), config.get(ConfigKeys.LAKE_S3_PATH_STYLE))
                .withRegion(config.get(ConfigKeys.LAKE_S3_REGION)));
    }

    @Provides
    @Singleton
    static DataLake lake(PipelineConfig config, Map<String, Provider<DataLake>> lakes) {
        return AdapterChoice.pick("lake.uri", config.lakeUri().getScheme(), lakes);
    }

    /** The lake's own check when its adapter has one, else that it is configured. */
    @Provides
    @IntoSet
    static HealthIndicator lakeHealth(DataLake lake) {
        return lake instanceof HealthIndicator lakeHealth ? lakeHealth : () -> HealthStatus.up("lake", lake.describe());
    }
}
