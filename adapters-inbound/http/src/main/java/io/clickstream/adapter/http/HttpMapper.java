package io.clickstream.adapter.http;

import io.clickstream.adapter.http.HttpDtos.ComponentHealth;
import io.clickstream.adapter.http.HttpDtos.HealthResponse;
import io.clickstream.adapter.http.HttpDtos.JobResponse;
import io.clickstream.adapter.http.HttpDtos.Links;
import io.clickstream.adapter.http.HttpDtos.ModelResponse;
import io.clickstream.adapter.http.HttpDtos.RecommendationsResponse;
import io.clickstream.adapter.http.HttpDtos.ScoredItem;
import io.clickstream.application.port.in.CheckHealthUseCase.HealthReport;
import io.clickstream.domain.HealthStatus;
import io.clickstream.domain.Job;
import io.clickstream.domain.ModelVersion;
import io.clickstream.domain.RecommendationStrategy;
import io.clickstream.domain.Recommendations;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Maps domain types to the API's JSON records. */
final class HttpMapper {
    static final String JOBS_PATH = "/api/v1/jobs/";

    private HttpMapper() {
    }

    static JobResponse job(Job job) {
        return new JobResponse(job.jobId(), job.type().wireName(), job.runId(), job.state().name(), job.progress(),
                job.createdAt(), job.startedAt(), job.finishedAt(), job.counts(), job.measures(), job.error().orElse(null),
                job.message(), new Links(selfLink(job)));
    }

    static String selfLink(Job job) {
        return JOBS_PATH + job.jobId();
    }

    static ModelResponse model(ModelVersion model, Optional<String> published, Optional<String> served) {
        return new ModelResponse(model.version(), model.createdAt(), model.metrics().values(),
                model.metrics().evaluatedPredictions(), model.description(),
                published.filter(model.version()::equals).isPresent(), served.filter(model.version()::equals).isPresent(),
                model.baselines().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().values(),
                        (a, b) -> a, TreeMap::new)));
    }

    static RecommendationsResponse recommendations(Recommendations r) {
        return new RecommendationsResponse(r.modelVersion(), r.strategy().wireName(),
                r.strategy() == RecommendationStrategy.POPULAR_FALLBACK,
                r.items().stream().map(i -> new ScoredItem(i.itemId(), i.score())).toList(), r.filtered());
    }

    static HealthResponse health(HealthReport report) {
        return new HealthResponse(report.ready() ? "up" : "down", report.ready(),
                report.components().stream().map(HttpMapper::component).toList());
    }

    private static ComponentHealth component(HealthStatus s) {
        return new ComponentHealth(s.component(), s.starting() ? "starting" : s.up() ? "up" : "down", s.detail());
    }
}
