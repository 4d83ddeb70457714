package io.clickstream.adapter.memory;

import io.clickstream.application.port.out.ModelRegistry;
import io.clickstream.domain.ModelVersion;
import io.clickstream.domain.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A {@link ModelRegistry} in memory: versions newest first (by creation time, then by order added). Thread-safe. */
public final class InMemoryModelRegistry implements ModelRegistry {
    private final List<ModelVersion> versions = new ArrayList<>();
    private final List<Promotion> promotions = new ArrayList<>();

    /** Stores a trained version; a version id is stored once. */
    public synchronized InMemoryModelRegistry add(ModelVersion version) {
        if (versions.stream().anyMatch(v -> v.version().equals(version.version()))) {
            throw new IllegalArgumentException("model version " + version.version() + " is already stored");
        }
        versions.add(version);
        return this;
    }

    @Override
    public synchronized List<ModelVersion> list() {
        List<ModelVersion> newestFirst = new ArrayList<>(versions);
        Collections.reverse(newestFirst); // later additions first among equal creation times
        newestFirst.sort(Comparator.comparing(ModelVersion::createdAt).reversed());
        return newestFirst;
    }

    @Override
    public synchronized Optional<ModelVersion> find(String version) {
        return versions.stream().filter(v -> v.version().equals(version)).findFirst();
    }

    @Override
    public synchronized Optional<String> currentVersion() {
        return promotions.isEmpty() ? Optional.empty() : Optional.of(promotions.get(promotions.size() - 1).version());
    }

    @Override
    public synchronized void promote(String version, String reason, Instant at) {
        if (find(version).isEmpty()) {
            throw new NotFoundException("model version '" + version + "' does not exist");
        }
        promotions.add(new Promotion(version, reason, at));
    }

    @Override
    public synchronized List<Promotion> history() {
        List<Promotion> newestFirst = new ArrayList<>(promotions);
        Collections.reverse(newestFirst);
        return newestFirst;
    }
}
