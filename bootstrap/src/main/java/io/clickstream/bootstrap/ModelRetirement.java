package io.clickstream.bootstrap;

import io.clickstream.application.port.out.ModelScorer;
import io.clickstream.bootstrap.config.ConfigKeys;
import io.clickstream.bootstrap.config.PipelineConfig;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes replaced models after a delay long enough for requests that were already scoring with them, and
 * periodically makes the serving model follow {@code CURRENT} (so a replica that did not publish swaps too).
 */
@Singleton
final class ModelRetirement implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelRetirement.class);

    private final Duration delay;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "model-serving");
        t.setDaemon(true);
        return t;
    });

    @Inject
    ModelRetirement(PipelineConfig config, Lifecycle lifecycle) {
        this.delay = config.get(ConfigKeys.SERVING_RETIRE_DELAY);
        lifecycle.register(this);
    }

    void retire(ModelScorer old) {
        scheduler.schedule(() -> {
            old.close();
            LOG.info("released model {}", old.version());
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Checks every {@code interval} whether another version was published, and swaps to it. */
    void follow(Runnable refresh, Duration interval) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                refresh.run();
            } catch (RuntimeException e) {
                LOG.warn("could not load the published model (still serving the previous one): {}", e.getMessage());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
