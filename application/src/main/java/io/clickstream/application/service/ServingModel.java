package io.clickstream.application.service;

import io.clickstream.application.port.out.ModelLoader;
import io.clickstream.application.port.out.ModelRegistry;
import io.clickstream.application.port.out.ModelScorer;
import io.clickstream.domain.ModelUnavailableException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model this process serves. A new version is loaded and warmed up beside the old one, then swapped in
 * atomically, so a request sees either the old or the new model, whole, and never waits for a load. The old
 * scorer is handed to a retirement policy rather than closed at once: requests that fetched it just before the
 * swap may still be scoring with it.
 */
public final class ServingModel {
    private static final Logger LOG = LoggerFactory.getLogger(ServingModel.class);

    private final ModelRegistry registry;
    private final ModelLoader loader;
    private final Consumer<ModelScorer> retire;
    private final AtomicReference<ModelScorer> current = new AtomicReference<>();

    /** @param retire receives each replaced scorer; it must close it once no request can still be using it */
    public ServingModel(ModelRegistry registry, ModelLoader loader, Consumer<ModelScorer> retire) {
        this.registry = registry;
        this.loader = loader;
        this.retire = retire;
    }

    /** A serving model whose replaced scorers are left to the garbage collector (tests, one-shot commands). */
    public ServingModel(ModelRegistry registry, ModelLoader loader) {
        this(registry, loader, old -> { });
    }

    /** The scorer to answer one request with. */
    public ModelScorer require() {
        ModelScorer scorer = current.get();
        if (scorer == null) {
            throw new ModelUnavailableException("no model is published yet: run the pipeline "
                    + "(POST /api/v1/jobs/cycle) so that a model is trained and published");
        }
        return scorer;
    }

    public Optional<String> servedVersion() {
        return Optional.ofNullable(current.get()).map(ModelScorer::version);
    }

    /**
     * Loads the published version if it is not the one served; returns whether the served model changed. Called
     * after a publish in this process and periodically by replicas that follow {@code CURRENT}.
     */
    public synchronized boolean refresh() {
        Optional<String> published = registry.currentVersion();
        if (published.isEmpty() || published.equals(servedVersion())) {
            return false;
        }
        ModelScorer fresh = loader.load(published.get());
        warmUp(fresh);
        ModelScorer old = current.getAndSet(fresh);
        LOG.info("now serving model {} (was {})", fresh.version(), old == null ? "none" : old.version());
        if (old != null) {
            retire.accept(old);
        }
        return true;
    }

    /** First calls take the slow paths (class loading, JIT, lazily built indexes) before any request does. */
    private static void warmUp(ModelScorer scorer) {
        List<String> seeds = scorer.popular(3, Set.of()).stream().map(r -> r.itemId()).toList();
        for (int i = 0; i < 50 && !seeds.isEmpty(); i++) {
            scorer.recommend(seeds, 10, Set.of());
            scorer.similar(seeds.get(0), 10);
        }
    }
}
