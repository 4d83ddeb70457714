package io.clickstream.bootstrap;

import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import io.clickstream.adapter.spark.SparkStagingProcessorAdapter;
import io.clickstream.adapter.spark.SparkStagingSettings;
import io.clickstream.adapter.spark.SparkTrainingDataAdapter;
import io.clickstream.adapter.spark.SparkTrainingDataSettings;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.StagingProcessor;
import io.clickstream.application.port.out.TrainingDataProvider;
import io.clickstream.bootstrap.config.ConfigKeys;
import io.clickstream.bootstrap.config.PipelineConfig;
import java.net.URI;
import javax.inject.Singleton;

/**
 * Staging and training-data preparation on Spark. Both adapters are built on first use: a SparkSession (and, for
 * staging, the embedded broker) costs seconds and memory that a process that only serves never pays.
 */
@Module
interface SparkModule {

    @Provides
    @Singleton
    static SparkStagingProcessorAdapter sparkStaging(PipelineConfig config, KafkaEndpoint kafka, DataLake lake,
                                                     Lifecycle lifecycle) {
        return lifecycle.register(new SparkStagingProcessorAdapter(sparkSettings(config, kafka.bootstrapServers()), lake));
    }

    /** Spark (and the embedded broker the stage job reads) start with the first stage job, not with the process. */
    @Provides
    @Singleton
    static StagingProcessor stagingProcessor(Lazy<SparkStagingProcessorAdapter> adapter) {
        return monitor -> adapter.get().stage(monitor);
    }

    @Provides
    @Singleton
    static SparkTrainingDataAdapter sparkTrainingData(PipelineConfig config, DataLake lake, Lifecycle lifecycle) {
        return lifecycle.register(new SparkTrainingDataAdapter(SparkTrainingDataSettings.defaults(sparkSettings(config, ""))
                .withMinSupport(config.get(ConfigKeys.TRAIN_VOCABULARY_MIN_SUPPORT)), lake));
    }

    @Provides
    @Singleton
    static TrainingDataProvider trainingData(Lazy<SparkTrainingDataAdapter> adapter) {
        return (window, holdout, monitor) -> adapter.get().prepare(window, holdout, monitor);
    }

    /** The Spark side of the configuration; {@code kafka} is empty where the job reads no topic. */
    static SparkStagingSettings sparkSettings(PipelineConfig config, String kafka) {
        SparkStagingSettings settings = SparkStagingSettings.defaults(config.dataDir(), kafka)
                .withMaster(config.get(ConfigKeys.SPARK_MASTER))
                .withMetastore(config.find(ConfigKeys.HIVE_METASTORE_URIS).orElse(""), SparkStagingSettings.DEFAULT_DATABASE)
                .withTopic(config.get(ConfigKeys.KAFKA_TOPIC_RAW));
        settings = settings.withRules(config.get(ConfigKeys.STAGING_SESSION_GAP), settings.botUserAgents(),
                config.get(ConfigKeys.STAGING_BOT_MAX_EVENTS_PER_MINUTE), settings.maxFieldLength(), settings.maxRawLength());
        settings = settings.withBatching(config.get(ConfigKeys.STAGING_MAX_EVENTS_PER_BATCH), settings.maxRecordsPerFile())
                .withLease(config.get(ConfigKeys.STAGING_LEASE_DURATION));
        URI lake = config.lakeUri();
        if ("s3".equals(lake.getScheme())) {
            settings = settings.withS3(new SparkStagingSettings.S3aOptions(
                    config.find(ConfigKeys.LAKE_S3_ENDPOINT).map(URI::toString).orElse(""),
                    config.get(ConfigKeys.LAKE_S3_PATH_STYLE), config.get(ConfigKeys.LAKE_S3_REGION), "", ""));
        }
        return settings;
    }
}
