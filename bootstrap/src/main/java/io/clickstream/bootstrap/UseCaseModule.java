package io.clickstream.bootstrap;

import dagger.Module;
import dagger.multibindings.IntoSet;
import io.clickstream.application.port.out.HealthIndicator;
import io.clickstream.domain.HealthStatus;
import java.util.Comparator;
import java.util.Set;
import dagger.Provides;
import io.clickstream.adapter.http.PipelineMetrics;
import io.clickstream.adapter.registry.LakeJobStoreAdapter;
import io.clickstream.application.port.in.CheckHealthUseCase;
import io.clickstream.application.port.in.IngestClickstreamUseCase;
import io.clickstream.application.port.in.JobsUseCase;
import io.clickstream.application.port.in.PublishModelUseCase;
import io.clickstream.application.port.in.QueryModelsUseCase;
import io.clickstream.application.port.in.RecommendItemsUseCase;
import io.clickstream.application.port.in.StageInteractionsUseCase;
import io.clickstream.application.port.in.TrainModelUseCase;
import io.clickstream.application.port.in.CollectCatalogueUseCase;
import io.clickstream.application.port.out.CatalogueFormat;
import io.clickstream.application.port.out.CatalogueSource;
import io.clickstream.application.port.out.ClickstreamSource;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.HealthIndicator;
import io.clickstream.application.port.out.LandingFormat;
import io.clickstream.application.port.out.ModelEvaluator;
import io.clickstream.application.port.out.ModelLoader;
import io.clickstream.application.port.out.ModelRegistry;
import io.clickstream.application.port.out.ModelTrainer;
import io.clickstream.application.port.out.RawEventPublisher;
import io.clickstream.application.port.out.StagingProcessor;
import io.clickstream.application.port.out.TrainingDataProvider;
import io.clickstream.application.port.out.UserHistory;
import io.clickstream.application.service.CollectCatalogueService;
import io.clickstream.application.service.HealthService;
import io.clickstream.application.service.IngestService;
import io.clickstream.application.service.IngestWithCatalogue;
import io.clickstream.application.service.LakeCatalogue;
import io.clickstream.application.service.JobService;
import io.clickstream.application.service.ModelQueryService;
import io.clickstream.application.service.PublishService;
import io.clickstream.application.service.PublishSettings;
import io.clickstream.application.service.RecommendationService;
import io.clickstream.application.service.ServingModel;
import io.clickstream.application.service.StageService;
import io.clickstream.application.service.TrainService;
import io.clickstream.application.service.TrainingSettings;
import io.clickstream.bootstrap.config.ConfigKeys;
import io.clickstream.bootstrap.config.PipelineConfig;
import io.clickstream.domain.HealthStatus;
import io.clickstream.domain.JobType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.inject.Singleton;

/** The use cases and the job service, built with plain constructors from the ports the technology modules provide. */
@Module
interface UseCaseModule {

    @Provides
    @Singleton
    static Clock clock() {
        return Clock.systemUTC();
    }

    @Provides
    @Singleton
    static IngestClickstreamUseCase ingest(List<ClickstreamSource> sources, DataLake lake, LandingFormat format,
                                           RawEventPublisher publisher, Clock clock, PipelineConfig config,
                                           CollectCatalogueUseCase catalogue) {
        return new IngestWithCatalogue(catalogue,
                new IngestService(sources, lake, format, publisher, clock, config.get(ConfigKeys.INGEST_CHUNK_SIZE)));
    }

    @Provides
    @Singleton
    static LakeCatalogue lakeCatalogue(DataLake lake, CatalogueFormat format) {
        return new LakeCatalogue(lake, format);
    }

    @Provides
    @Singleton
    static CollectCatalogueUseCase collectCatalogue(List<CatalogueSource> sources, DataLake lake, CatalogueFormat format,
                                                   LakeCatalogue served, PipelineConfig config) {
        return new CollectCatalogueService(sources, lake, format, config.get(ConfigKeys.INGEST_CHUNK_SIZE), served::refresh);
    }

    @Provides
    @Singleton
    static StageInteractionsUseCase stage(StagingProcessor processor) {
        return new StageService(processor);
    }

    @Provides
    @Singleton
    static TrainModelUseCase train(TrainingDataProvider data, ModelTrainer trainer, ModelRegistry registry,
                                   PipelineConfig config) {
        return new TrainService(data, trainer, registry, new TrainingSettings(config.get(ConfigKeys.TRAIN_WINDOW),
                config.get(ConfigKeys.TRAIN_HOLDOUT), config.get(ConfigKeys.TRAIN_MIN_SEQUENCES)));
    }

    @Provides
    @Singleton
    static ServingModel servingModel(ModelRegistry registry, ModelLoader loader, ModelRetirement retirement) {
        return new ServingModel(registry, loader, retirement::retire);
    }

    @Provides
    @Singleton
    static PublishModelUseCase publish(ModelRegistry registry, ModelEvaluator evaluator, ServingModel serving,
                                       PipelineConfig config, Clock clock) {
        return new PublishService(registry, evaluator, serving, new PublishSettings(config.get(ConfigKeys.PUBLISH_MAIN_METRIC),
                config.get(ConfigKeys.PUBLISH_TOLERANCE)), clock);
    }

    @Provides
    @Singleton
    static QueryModelsUseCase queryModels(ModelRegistry registry, ServingModel serving) {
        return new ModelQueryService(registry, serving);
    }

    @Provides
    @Singleton
    static RecommendItemsUseCase recommend(ServingModel serving, UserHistory history, PipelineConfig config,
                                           LakeCatalogue catalogue) {
        return new RecommendationService(serving, history, config.get(ConfigKeys.RECOMMEND_HISTORY_LENGTH),
                config.get(ConfigKeys.RECOMMEND_EXCLUDE_PURCHASED), catalogue);
    }

    /** Having no model yet is a normal state of a new installation, not a failure: report it, stay ready. */
    @Provides
    @IntoSet
    static HealthIndicator modelHealth(ServingModel serving) {
        return () -> HealthStatus.up("model", serving.servedVersion().map(v -> "serving " + v).orElse("no model published yet"));
    }

    /**
     * Every technology module contributes its indicators to the set. A set has no order, so the report lists its
     * components by name: the same order on every request and in every process.
     */
    @Provides
    @Singleton
    static CheckHealthUseCase health(Set<HealthIndicator> indicators, PipelineConfig config, Clock clock) {
        HealthService service = new HealthService(List.copyOf(indicators), config.get(ConfigKeys.HEALTH_MAX_AGE), clock);
        return () -> {
            CheckHealthUseCase.HealthReport report = service.check();
            return new CheckHealthUseCase.HealthReport(report.ready(), report.components().stream()
                    .sorted(Comparator.comparing(HealthStatus::component)).toList());
        };
    }

    @Provides
    @Singleton
    static JobService jobService(IngestClickstreamUseCase ingest, StageInteractionsUseCase stage, TrainModelUseCase train,
                                 PublishModelUseCase publish, Clock clock, PipelineConfig config, PipelineMetrics metrics,
                                 DataLake lake) {
        Map<JobType, JobService.JobStep> steps = Map.of(
                JobType.INGEST, m -> ingest.ingest(new IngestClickstreamUseCase.IngestCommand(m)),
                JobType.STAGE, m -> stage.stage(new StageInteractionsUseCase.StageCommand(m)),
                JobType.TRAIN, m -> train.train(new TrainModelUseCase.TrainCommand(m)),
                JobType.PUBLISH, m -> publish.publish(new PublishModelUseCase.PublishCommand(m)));
        return new JobService(steps, clock, config.get(ConfigKeys.JOBS_RETAINED), metrics, new LakeJobStoreAdapter(lake));
    }

    @Provides
    static JobsUseCase jobs(JobService service) {
        return service;
    }
}
