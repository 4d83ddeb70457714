package io.clickstream.adapter.memory;

import io.clickstream.application.port.out.ModelLoader;
import io.clickstream.application.port.out.ModelScorer;
import io.clickstream.domain.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A {@link ModelLoader} handing out the scorer registered for a version, or one built by a default factory (a
 * scorer that only knows the version). Thread-safe.
 */
public final class InMemoryModelLoader implements ModelLoader {
    private final Map<String, ModelScorer> scorers = new ConcurrentHashMap<>();
    private final Function<String, ModelScorer> fallback;
    private final List<String> loads = new ArrayList<>();

    /** Loads only registered versions; anything else is {@link NotFoundException}. */
    public InMemoryModelLoader() {
        this(version -> {
            throw new NotFoundException("no in-memory scorer registered for model version " + version);
        });
    }

    /** Loads registered versions, and builds any other version with {@code fallback}. */
    public InMemoryModelLoader(Function<String, ModelScorer> fallback) {
        this.fallback = fallback;
    }

    public InMemoryModelLoader register(ModelScorer scorer) {
        scorers.put(scorer.version(), scorer);
        return this;
    }

    @Override
    public ModelScorer load(String version) {
        synchronized (loads) {
            loads.add(version);
        }
        ModelScorer scorer = scorers.get(version);
        return scorer != null ? scorer : fallback.apply(version);
    }

    /** The versions loaded so far, in order. */
    public List<String> loads() {
        synchronized (loads) {
            return List.copyOf(loads);
        }
    }
}
