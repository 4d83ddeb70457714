package io.clickstream.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.adapter.memory.InMemoryModelLoader;
import io.clickstream.adapter.memory.InMemoryModelRegistry;
import io.clickstream.adapter.memory.InMemoryModelScorer;
import io.clickstream.application.port.out.ModelScorer;
import io.clickstream.domain.ModelMetrics;
import io.clickstream.domain.ModelUnavailableException;
import io.clickstream.domain.ModelVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ServingModel: swaps whole models, hands the replaced one to retirement, follows the registry. */
class ServingModelTest {
    private final InMemoryModelRegistry registry = new InMemoryModelRegistry();
    private final InMemoryModelScorer first = InMemoryModelScorer.builder("m-1").popular("i1", "i2").build();
    private final InMemoryModelScorer second = InMemoryModelScorer.builder("m-2").popular("i3").build();
    private final InMemoryModelLoader loader = new InMemoryModelLoader().register(first).register(second);
    private final List<ModelScorer> retired = new ArrayList<>();
    private final ServingModel serving = new ServingModel(registry, loader, retired::add);

    private void publish(String version) {
        registry.add(new ModelVersion(version, Instant.parse("2026-11-21T10:00:00Z"), new ModelMetrics(Map.of(), 0), ""));
        registry.promote(version, "test", Instant.parse("2026-11-21T10:00:00Z"));
    }

    @Test
    void nothing_is_served_before_a_publish() {
        assertThat(serving.refresh()).isFalse();
        assertThatThrownBy(serving::require).isInstanceOf(ModelUnavailableException.class);
    }

    @Test
    void a_new_publication_is_swapped_in_and_the_old_model_retired_not_closed_under_requests() {
        publish("m-1");
        assertThat(serving.refresh()).isTrue();
        ModelScorer inFlight = serving.require();

        publish("m-2");
        assertThat(serving.refresh()).isTrue();

        assertThat(serving.require().version()).isEqualTo("m-2");
        assertThat(retired).containsExactly(inFlight);
        assertThat(first.isClosed()).as("closing is the retirement policy's call").isFalse();
        assertThat(inFlight.popular(1, java.util.Set.of())).isNotEmpty();
    }

    @Test
    void refreshing_without_a_new_publication_changes_nothing() {
        publish("m-1");
        serving.refresh();

        assertThat(serving.refresh()).isFalse();
        assertThat(loader.loads()).containsExactly("m-1");
        assertThat(retired).isEmpty();
    }
}
