package io.clickstream.application.service;

import io.clickstream.application.port.in.QueryModelsUseCase;
import io.clickstream.application.port.out.ModelRegistry;
import io.clickstream.domain.ModelVersion;
import java.util.List;
import java.util.Optional;

/** Answers questions about stored and published models. */
public final class ModelQueryService implements QueryModelsUseCase {
    private final ModelRegistry registry;
    private final ServingModel serving;

    public ModelQueryService(ModelRegistry registry, ServingModel serving) {
        this.registry = registry;
        this.serving = serving;
    }

    @Override
    public List<ModelVersion> list() {
        return registry.list();
    }

    @Override
    public Optional<ModelVersion> current() {
        return registry.currentVersion().flatMap(registry::find);
    }

    @Override
    public Optional<String> served() {
        return serving.servedVersion();
    }
}
