package io.clickstream.bootstrap;

import io.clickstream.adapter.http.HttpApiServer;
import io.clickstream.bootstrap.config.ConfigKeys;
import io.clickstream.bootstrap.config.PipelineConfig;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code pipeline serve}: the HTTP API until SIGTERM, then a graceful stop. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the HTTP API (jobs, models, recommendations) until stopped with SIGTERM or Ctrl-C.")
final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @ParentCommand
    Main main;

    @Override
    public Integer call() throws InterruptedException {
        PipelineConfig config = main.config();
        serveUntilStopped(PipelineComponent.create(config), config, port -> { });
        return 0;
    }

    /**
     * Loads the published model, serves until SIGTERM, then tells running jobs to stop, drains requests and
     * releases every resource. {@code onReady} gets the bound port once the server answers.
     */
    static void serveUntilStopped(PipelineComponent app, PipelineConfig config, IntConsumer onReady) throws InterruptedException {
        try {
            app.servingModel().refresh();
        } catch (RuntimeException e) {
            LOG.warn("no model loaded at start: {}", e.getMessage());
        }
        app.modelRetirement().follow(() -> app.servingModel().refresh(), config.get(ConfigKeys.SERVING_REFRESH_INTERVAL));
        app.catalogueFollower().follow(app.catalogue(), config.get(ConfigKeys.SERVING_CATALOGUE_REFRESH_INTERVAL));
        // Before the server answers: events a killed predecessor accepted are landed first, new ones after them.
        app.liveEvents().start();
        HttpApiServer server = app.httpServer();
        server.start();
        LOG.info("serving on http://{}:{} with the lake at {}", config.get(ConfigKeys.HTTP_HOST), server.port(),
                app.lake().describe());
        CountDownLatch stopped = new CountDownLatch(1);
        Duration grace = config.get(ConfigKeys.HTTP_DRAIN_TIMEOUT);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down: stopping jobs and draining requests (up to {})", grace);
            // Tell jobs to stop first so they reach a safe point while the HTTP server drains.
            Thread jobs = new Thread(() -> app.jobs().shutdown(grace), "job-shutdown");
            jobs.start();
            server.stop();
            try {
                jobs.join(grace.toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            app.lifecycle().close();
            stopped.countDown();
            LOG.info("stopped");
        }, "shutdown"));
        onReady.accept(server.port());
        stopped.await();
    }
}
