package io.clickstream.application.service;

import io.clickstream.application.port.out.ModelLoader;
import io.clickstream.application.port.out.ModelRegistry;
import io.clickstream.application.port.out.ModelScorer;
import io.clickstream.domain.ModelUnavailableException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model this process serves. A new version is loaded beside the old one and swapped in atomically, so a
 * request sees either the old or the new model, whole.
 */
public final class ServingModel {
    private static final Logger LOG = LoggerFactory.getLogger(ServingModel.class);

    private final ModelRegistry registry;
    private final ModelLoader loader;
    private final AtomicReference<ModelScorer> current = new AtomicReference<>();

    public ServingModel(ModelRegistry registry, ModelLoader loader) {
        this.registry = registry;
        this.loader = loader;
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

    /** Loads the published version if it is not the one served; returns whether the served model changed. */
    public synchronized boolean refresh() {
        Optional<String> published = registry.currentVersion();
        if (published.isEmpty() || published.equals(servedVersion())) {
            return false;
        }
        ModelScorer fresh = loader.load(published.get());
        ModelScorer old = current.getAndSet(fresh);
        LOG.info("now serving model {} (was {})", fresh.version(), old == null ? "none" : old.version());
        // The old scorer is left to the garbage collector rather than closed here: requests that fetched it
        // just before the swap may still be scoring with it.
        return true;
    }
}
