package io.clickstream.bootstrap;

import java.util.ArrayDeque;
import java.util.Deque;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Resources the process must release on exit (broker JVM, clients), closed in reverse order of opening. */
@Singleton
public final class Lifecycle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    @Inject
    Lifecycle() {
    }

    public synchronized <T extends AutoCloseable> T register(T resource) {
        resources.push(resource);
        return resource;
    }

    @Override
    public synchronized void close() {
        while (!resources.isEmpty()) {
            AutoCloseable r = resources.pop();
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", r, e.getMessage());
            }
        }
    }
}
