package io.clickstream.bootstrap;

import dagger.BindsInstance;
import dagger.Component;
import io.clickstream.adapter.http.HttpApiServer;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.service.JobService;
import io.clickstream.application.service.ServingModel;
import io.clickstream.bootstrap.config.PipelineConfig;
import javax.inject.Singleton;

/** The whole deployable: one object graph built from the configuration. */
@Singleton
@Component(modules = {LakeModule.class, SourcesModule.class, KafkaModule.class, SparkModule.class, ModelModule.class,
        RegistryModule.class, EventsModule.class, UseCaseModule.class, HttpModule.class})
public interface PipelineComponent {

    JobService jobs();

    HttpApiServer httpServer();

    ServingModel servingModel();

    DataLake lake();

    Lifecycle lifecycle();

    KafkaEndpoint kafka();

    ModelRetirement modelRetirement();

    LiveEvents liveEvents();

    io.clickstream.application.service.LakeCatalogue catalogue();

    CatalogueFollower catalogueFollower();

    io.clickstream.application.port.in.IngestClickstreamUseCase ingest();

    io.clickstream.application.port.in.PublishModelUseCase publish();

    static PipelineComponent create(PipelineConfig config) {
        return DaggerPipelineComponent.factory().create(config);
    }

    /** The serving retrieval this configuration chooses, for the benchmarks' report. */
    static io.clickstream.adapter.dl4j.RetrievalSettings retrievalSettings(PipelineConfig config) {
        return ModelModule.retrievalSettings(config);
    }

    /** The stage job's Spark settings, for the benchmarks' plain-Spark baseline on the same session settings. */
    static io.clickstream.adapter.spark.SparkStagingSettings sparkSettings(PipelineConfig config, String kafka) {
        return SparkModule.sparkSettings(config, kafka);
    }

    @Component.Factory
    interface Factory {
        PipelineComponent create(@BindsInstance PipelineConfig config);
    }
}
