package io.clickstream.adapter.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickstream.adapter.memory.InMemoryDataLake;
import io.clickstream.application.port.out.TrainingDataProvider.TrainingDataset;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.ModelMetrics;
import io.clickstream.domain.ModelVersion;
import io.clickstream.testing.RecordingMonitor;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Dl4jModelTrainerAdapterTest {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static InMemoryDataLake lake;
    static ModelVersion trained;
    static JsonNode metadata;
    static RecordingMonitor monitor;

    @BeforeAll
    static void train_on_planted_sessions() throws Exception {
        lake = new InMemoryDataLake();
        PlantedSessions gen = new PlantedSessions(400, 16, 7);
        TrainingDataset data = PlantedSessions.write(lake, "planted", gen.sessions(5000, START, 7), 0.15);
        monitor = new RecordingMonitor();
        long t = System.nanoTime();
        trained = new Dl4jModelTrainerAdapter(lake, Dl4jTrainingSettings.defaults()).train(data, Optional.empty(), monitor);
        System.out.println("trained in " + (System.nanoTime() - t) / 1_000_000 + " ms");
        metadata = new ObjectMapper().readTree(lake.read(ModelFiles.of(trained.version(), ModelFiles.METADATA)).orElseThrow());
        System.out.println(metadata.toPrettyString());
    }

    @Test
    void network_beats_most_popular_and_item_knn_on_planted_structure() {
        JsonNode holdout = metadata.path("evaluation").path("holdout");
        for (String metric : new String[] {ModelMetrics.HR_20, ModelMetrics.MRR_20}) {
            double network = holdout.path(Evaluator.NETWORK).path(metric).asDouble();
            assertThat(network).as("network " + metric).isGreaterThan(holdout.path(Evaluator.MOST_POPULAR).path(metric).asDouble())
                    .isGreaterThan(holdout.path(Evaluator.ITEM_KNN).path(metric).asDouble());
            assertThat(trained.metrics().get(metric).orElseThrow()).as("served " + metric)
                    .isGreaterThan(holdout.path(Evaluator.MOST_POPULAR).path(metric).asDouble())
                    .isGreaterThan(holdout.path(Evaluator.ITEM_KNN).path(metric).asDouble());
        }
    }
}
