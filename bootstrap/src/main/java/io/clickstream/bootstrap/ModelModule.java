package io.clickstream.bootstrap;

import dagger.Module;
import dagger.Provides;
import io.clickstream.adapter.dl4j.Dl4jModelEvaluator;
import io.clickstream.adapter.dl4j.Dl4jModelLoader;
import io.clickstream.adapter.dl4j.RetrievalSettings;
import io.clickstream.adapter.dl4j.Dl4jModelTrainerAdapter;
import io.clickstream.adapter.dl4j.Dl4jTrainingSettings;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.ModelEvaluator;
import io.clickstream.application.port.out.ModelLoader;
import io.clickstream.application.port.out.ModelTrainer;
import io.clickstream.bootstrap.config.ConfigKeys;
import io.clickstream.bootstrap.config.PipelineConfig;
import java.time.Clock;
import javax.inject.Singleton;

/** The Deeplearning4j trainer, loader and quality-gate evaluator, and their settings from the configuration. */
@Module
interface ModelModule {

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
}
