package io.clickstream.bootstrap;

import io.clickstream.application.service.LakeCatalogue;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a serving process's catalogue current: applies newly landed catalogue batches at start and then on a short
 * poll, so a replica that did not collect them still stops recommending a sold-out item within seconds.
 */
@Singleton
final class CatalogueFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogueFollower.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "catalogue-follower");
        t.setDaemon(true);
        return t;
    });

    @Inject
    CatalogueFollower(Lifecycle lifecycle) {
        lifecycle.register(this);
    }

    void follow(LakeCatalogue catalogue, Duration interval) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                catalogue.refresh();
            } catch (RuntimeException e) {
                LOG.warn("could not read the landed catalogue (still filtering by the previous one): {}", e.getMessage());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
