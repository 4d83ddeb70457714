package io.clickstream.bootstrap;

import dagger.Module;
import dagger.Provides;
import io.clickstream.adapter.csv.CommonsCsvCatalogueFormat;
import io.clickstream.adapter.csv.CommonsCsvLandingFormat;
import io.clickstream.adapter.dl4j.Dl4jModelEvaluator;
import io.clickstream.adapter.dl4j.Dl4jModelLoader;
import io.clickstream.adapter.dl4j.RetrievalSettings;
import io.clickstream.adapter.dl4j.Dl4jModelTrainerAdapter;
import io.clickstream.adapter.dl4j.Dl4jTrainingSettings;
import io.clickstream.adapter.http.PipelineMetrics;
import io.clickstream.adapter.registry.LakeJobStoreAdapter;
import io.clickstream.adapter.registry.LakeModelRegistryAdapter;
import io.clickstream.adapter.registry.LakeUserHistoryAdapter;
import io.clickstream.adapter.weblog.WeblogClickstreamSourceAdapter;
import io.clickstream.adapter.search.CatalogueFields;
import io.clickstream.adapter.search.ProductIndexCatalogueSourceAdapter;
import io.clickstream.adapter.search.SearchClickstreamSourceAdapter;
import io.clickstream.adapter.search.SearchEngine;
import io.clickstream.adapter.search.SearchSourceSettings;
import io.clickstream.adapter.weblog.WeblogSettings;
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
import io.clickstream.application.service.LiveUserHistory;
import io.clickstream.application.service.CollectCatalogueService;
import io.clickstream.application.service.DroppedCatalogueFiles;
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
import io.clickstream.application.service.Unconfigured;
import io.clickstream.bootstrap.config.ConfigKeys;
import io.clickstream.bootstrap.config.PipelineConfig;
import io.clickstream.domain.HealthStatus;
import io.clickstream.domain.JobType;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.inject.Singleton;

/** The use cases and the job service, built with plain constructors from the chosen adapters. */
@Module
interface PipelineModule {

    @Provides
    @Singleton
    static Clock clock() {
        return Clock.systemUTC();
    }

    @Provides
    @Singleton
    static List<ClickstreamSource> sources(PipelineConfig config) {
        List<ClickstreamSource> sources = new ArrayList<>();
        config.find(ConfigKeys.SOURCES_WEBLOG_PATH).ifPresent(path -> {
            WeblogSettings settings = WeblogSettings.defaults(path);
            sources.add(new WeblogClickstreamSourceAdapter(config.find(ConfigKeys.SOURCES_WEBLOG_RULES)
                    .map(settings::withRules).orElse(settings)));
        });
        config.find(ConfigKeys.SOURCES_SEARCH_OPENSEARCH_URL).ifPresent(url -> sources.add(new SearchClickstreamSourceAdapter(
                SearchSourceSettings.openSearch(URI.create(url), config.get(ConfigKeys.SOURCES_SEARCH_OPENSEARCH_INDEX)))));
        config.find(ConfigKeys.SOURCES_SEARCH_SOLR_URL).ifPresent(url -> sources.add(new SearchClickstreamSourceAdapter(
                SearchSourceSettings.solr(URI.create(url), config.get(ConfigKeys.SOURCES_SEARCH_SOLR_COLLECTION)))));
        return List.copyOf(sources);
    }

    @Provides
    @Singleton
    static LandingFormat landingFormat() {
        return new CommonsCsvLandingFormat();
    }

    @Provides
    @Singleton
    static RawEventPublisher rawEventPublisher(KafkaEndpoint kafka, Lifecycle lifecycle, PipelineConfig config) {
        return new LazyRawEventPublisher(kafka, lifecycle, config.get(ConfigKeys.KAFKA_TOPIC_RAW));
    }

    @Provides
    @Singleton
    static ModelTrainer modelTrainer(DataLake lake, PipelineConfig config) {
        return new Dl4jModelTrainerAdapter(lake, trainingSettings(config), retrievalSettings(config), java.time.Clock.systemUTC());
    }

    /** The trainer's settings from the {@code train.*} keys; the rest keep the trainer's defaults. */
    static Dl4jTrainingSettings trainingSettings(PipelineConfig config) {
        return Dl4jTrainingSettings.builder()
                .embeddingSize(config.get(ConfigKeys.TRAIN_EMBEDDING_SIZE))
                .hiddenSize(config.get(ConfigKeys.TRAIN_HIDDEN_SIZE))
                .sequenceLength(config.get(ConfigKeys.TRAIN_SEQUENCE_LENGTH))
                .batchSize(config.get(ConfigKeys.TRAIN_BATCH_SIZE))
                .learningRate(config.get(ConfigKeys.TRAIN_LEARNING_RATE))
                .maxEpochs(config.get(ConfigKeys.TRAIN_EPOCHS_MAX))
                .patience(config.get(ConfigKeys.TRAIN_EPOCHS_PATIENCE))
                .dropoutKeep(config.get(ConfigKeys.TRAIN_DROPOUT_KEEP))
                .negatives(config.get(ConfigKeys.TRAIN_NEGATIVES))
                .refitFullWindow(config.get(ConfigKeys.TRAIN_REFIT_FULL_WINDOW))
                .blendWeights(config.get(ConfigKeys.TRAIN_BLEND_WEIGHTS))
                .seed(config.get(ConfigKeys.TRAIN_SEED))
                .build();
    }

    @Provides
    @Singleton
    static ModelRegistry modelRegistry(DataLake lake, PipelineConfig config) {
        return new LakeModelRegistryAdapter(lake, config.get(ConfigKeys.PUBLISH_PROMOTIONS_RETAINED));
    }

    @Provides
    @Singleton
    static ModelLoader modelLoader(DataLake lake, PipelineConfig config) {
        return new Dl4jModelLoader(lake, retrievalSettings(config));
    }

    @Provides
    @Singleton
    static ModelEvaluator modelEvaluator(DataLake lake, PipelineConfig config) {
        return new Dl4jModelEvaluator(lake, retrievalSettings(config));
    }

    /** How served models retrieve candidates, from the {@code serving.retrieval*} and {@code serving.hnsw.*} keys. */
    static RetrievalSettings retrievalSettings(PipelineConfig config) {
        return new RetrievalSettings(RetrievalSettings.Mode.parse(config.get(ConfigKeys.SERVING_RETRIEVAL)),
                config.get(ConfigKeys.SERVING_RETRIEVAL_AUTO_ITEMS), config.get(ConfigKeys.SERVING_RETRIEVAL_CANDIDATES),
                config.get(ConfigKeys.SERVING_HNSW_M), config.get(ConfigKeys.SERVING_HNSW_BEAM_WIDTH),
                config.get(ConfigKeys.SERVING_HNSW_SEARCH_BEAM));
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
    static CatalogueFormat catalogueFormat() {
        return new CommonsCsvCatalogueFormat();
    }

    /** Catalogue files dropped into the landing zone are always collected: no configuration needed. */
    @Provides
    @Singleton
    static List<CatalogueSource> catalogueSources(DataLake lake, CatalogueFormat format, PipelineConfig config,
                                                  Clock clock) {
        List<CatalogueSource> sources = new ArrayList<>(List.of(new DroppedCatalogueFiles(lake, format)));
        CatalogueFields fields = new CatalogueFields(config.get(ConfigKeys.SOURCES_CATALOGUE_FIELD_ITEM_ID),
                config.get(ConfigKeys.SOURCES_CATALOGUE_FIELD_CATEGORIES), config.get(ConfigKeys.SOURCES_CATALOGUE_FIELD_AVAILABLE),
                config.get(ConfigKeys.SOURCES_CATALOGUE_FIELD_HIDDEN), config.get(ConfigKeys.SOURCES_CATALOGUE_FIELD_UPDATED_AT));
        config.find(ConfigKeys.SOURCES_CATALOGUE_OPENSEARCH_URL).ifPresent(url -> sources.add(new ProductIndexCatalogueSourceAdapter(
                SearchSourceSettings.openSearch(URI.create(url), config.get(ConfigKeys.SOURCES_CATALOGUE_OPENSEARCH_INDEX))
                        .withId(SearchEngine.OPENSEARCH.catalogueSourceId()), fields, clock)));
        config.find(ConfigKeys.SOURCES_CATALOGUE_SOLR_URL).ifPresent(url -> sources.add(new ProductIndexCatalogueSourceAdapter(
                SearchSourceSettings.solr(URI.create(url), config.get(ConfigKeys.SOURCES_CATALOGUE_SOLR_COLLECTION))
                        .withId(SearchEngine.SOLR.catalogueSourceId()), fields, clock)));
        return List.copyOf(sources);
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

    @Provides
    @Singleton
    static CheckHealthUseCase health(DataLake lake, ServingModel serving, List<ClickstreamSource> sources,
                                     KafkaEndpoint kafka, Lifecycle lifecycle, PipelineConfig config, Clock clock) {
        List<HealthIndicator> indicators = new ArrayList<>();
        if (lake instanceof HealthIndicator lakeHealth) {
            indicators.add(lakeHealth);
        } else {
            indicators.add(() -> HealthStatus.up("lake", lake.describe()));
        }
        sources.stream().filter(HealthIndicator.class::isInstance).map(HealthIndicator.class::cast).forEach(indicators::add);
        indicators.add(new KafkaHealth(kafka, lifecycle));
        // Having no model yet is a normal state of a new installation, not a failure: report it, stay ready.
        indicators.add(() -> HealthStatus.up("model", serving.servedVersion().map(v -> "serving " + v)
                .orElse("no model published yet")));
        return new HealthService(indicators, config.get(ConfigKeys.HEALTH_MAX_AGE), clock);
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
