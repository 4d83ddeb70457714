package io.clickstream.adapter.http;

import io.clickstream.application.port.out.ModelRegistry;
import io.clickstream.domain.ModelVersion;
import io.clickstream.domain.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A model registry kept in memory, for wiring the real model services in these tests. */
final class InMemoryModelRegistry implements ModelRegistry {
    private final Map<String, ModelVersion> versions = new ConcurrentHashMap<>();
    private final List<Promotion> promotions = new ArrayList<>();
    private volatile String current;
    private volatile RuntimeException failure;

    void store(ModelVersion version) {
        versions.put(version.version(), version);
    }

    /** Makes the questions about the published version fail with {@code e} (null: answer again). */
    void failWith(RuntimeException e) {
        failure = e;
    }

    @Override
    public List<ModelVersion> list() {
        return versions.values().stream().sorted(Comparator.comparing(ModelVersion::createdAt).reversed()).toList();
    }

    @Override
    public Optional<ModelVersion> find(String version) {
        return Optional.ofNullable(versions.get(version));
    }

    @Override
    public Optional<String> currentVersion() {
        RuntimeException e = failure;
        if (e != null) {
            throw e;
        }
        return Optional.ofNullable(current);
    }

    @Override
    public synchronized void promote(String version, String reason, Instant at) {
        if (!versions.containsKey(version)) {
            throw new NotFoundException("no model " + version);
        }
        current = version;
        promotions.add(0, new Promotion(version, reason, at));
    }

    @Override
    public synchronized List<Promotion> history() {
        return List.copyOf(promotions);
    }
}
