package io.clickstream.bootstrap;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import io.clickstream.adapter.localfs.LocalFsDataLakeAdapter;
import io.clickstream.application.port.out.DataLake;
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
    @Singleton
    static DataLake lake(PipelineConfig config, Map<String, Provider<DataLake>> lakes) {
        return AdapterChoice.pick("lake.uri", config.lakeUri().getScheme(), lakes);
    }
}
