package io.clickstream.adapter.http;

import io.clickstream.application.port.in.QueryModelsUseCase;
import io.clickstream.domain.Job;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's Prometheus metrics, served at {@code GET /metrics}: finished jobs and the volumes they report
 * (hand it to the job service as its {@code onFinished} listener), the served and published model versions,
 * and the HTTP server's request metrics. Thread-safe.
 */
public final class PipelineMetrics implements Consumer<Job> {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineMetrics.class);
    /** The Prometheus text exposition format 0.0.4. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter errors;
    private final JobMetrics jobs;
    private final QueryModelsUseCase models;
    private HttpMetrics http;

    /** @param models asked at each scrape which model version is served and which is published */
    public PipelineMetrics(QueryModelsUseCase models) {
        this.models = Objects.requireNonNull(models, "models");
        errors = Counter.builder().name("pipeline_metrics_errors_total")
                .help("Metrics that could not be gathered: a failed question at scrape time or a job that could not be recorded.")
                .build();
        jobs = new JobMetrics(registry);
        registry.register(new ModelInfoCollector(models, errors));
    }

    /** Records a job that reached a terminal state. Never throws: a job it cannot record counts an error. */
    @Override
    public void accept(Job job) {
        try {
            List<String> problems = jobs.finished(job);
            if (!problems.isEmpty()) {
                errors.inc(problems.size());
                LOG.warn("job {} ({}): not counted: {}", job.jobId(), job.type().wireName(), problems);
            }
        } catch (RuntimeException e) {
            errors.inc();
            LOG.warn("cannot record job {} in the metrics: {}", job == null ? null : job.jobId(), e.toString());
        }
    }

    /** Every metric now, in the Prometheus text format ({@link #CONTENT_TYPE}). */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the metrics", e);
        }
        return out.toByteArray();
    }

    /** {@code GET /metrics}. */
    void serve(HttpServerExchange exchange) {
        byte[] body = scrape();
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, CONTENT_TYPE);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    /** The request metrics of the HTTP server, created on first use so that servers sharing this share them. */
    synchronized HttpMetrics http() {
        if (http == null) {
            http = new HttpMetrics(registry, new ServingTimeline(models::served, System::currentTimeMillis));
        }
        return http;
    }
}
