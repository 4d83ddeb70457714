package io.clickstream.adapter.http;

import io.clickstream.application.port.in.QueryModelsUseCase;
import io.clickstream.domain.ModelVersion;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports, at scrape time, the model version this process serves and the one the registry has published, as
 * info metrics ({@code pipeline_model_served_info{version="..."} 1}). A question that fails leaves its metric out
 * of that scrape and counts an error, so a registry that is down never breaks {@code /metrics}. It also reports
 * the errors counter, after the questions, so that a scrape shows its own failure (the registry collects in no
 * fixed order).
 */
final class ModelInfoCollector implements MultiCollector {
    private static final Logger LOG = LoggerFactory.getLogger(ModelInfoCollector.class);
    static final String SERVED = "pipeline_model_served";
    static final String PUBLISHED = "pipeline_model_published";

    private final QueryModelsUseCase models;
    private final Counter errors;
    private volatile boolean failing;

    /** @param errors counts each question that failed; not registered elsewhere, this collector reports it */
    ModelInfoCollector(QueryModelsUseCase models, Counter errors) {
        this.models = models;
        this.errors = errors;
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> snapshots = new ArrayList<>(3);
        boolean failed = false;
        failed |= !ask(SERVED, "The model version this process serves.", models::served, snapshots);
        failed |= !ask(PUBLISHED, "The model version published in the registry.",
                () -> models.current().map(ModelVersion::version), snapshots);
        failing = failed;
        snapshots.add(errors.collect());
        return new MetricSnapshots(snapshots);
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(SERVED, PUBLISHED, errors.getPrometheusName());
    }

    private boolean ask(String name, String help, Supplier<Optional<String>> version, List<MetricSnapshot> into) {
        Optional<String> answer;
        try {
            answer = version.get();
        } catch (RuntimeException e) {
            errors.inc();
            // Scrapes repeat every few seconds: say it once when it starts failing, then quietly count.
            if (!failing) {
                LOG.warn("cannot tell the {} model version for /metrics: {}", name.substring(name.lastIndexOf('_') + 1), e.toString());
            }
            return false;
        }
        answer.ifPresent(v -> into.add(InfoSnapshot.builder().name(name).help(help)
                .dataPoint(InfoDataPointSnapshot.builder().labels(Labels.of("version", v)).build()).build()));
        return true;
    }
}
