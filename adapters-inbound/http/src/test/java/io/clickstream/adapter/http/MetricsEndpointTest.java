package io.clickstream.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.clickstream.domain.Job;
import io.clickstream.domain.JobState;
import io.clickstream.domain.JobType;
import io.clickstream.domain.StepOutcome;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {
    private static final Instant T0 = Instant.parse("2024-05-01T02:00:00Z");

    private ApiHarness api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void requests_are_counted_and_timed_under_their_route_template() throws InterruptedException {
        api = ApiHarness.start(Map.of());
        api.get("/health");
        api.get("/api/v1/jobs/abc");
        api.get("/api/v1/jobs/def");
        api.get("/nowhere");
        api.get("/nowhere/else");

        HttpResponse<String> response = api.get("/metrics");
        Exposition metrics = awaitMetrics(m -> m.value("http_requests_total", "method", "GET", "route", "unmatched", "status", "404") == 2);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.value("http_requests_total", "method", "GET", "route", "/health", "status", "200")).isEqualTo(1);
        assertThat(metrics.value("http_requests_total", "method", "GET", "route", "/api/v1/jobs/{job}", "status", "404")).isEqualTo(2);
        String[] jobRoute = {"method", "GET", "route", "/api/v1/jobs/{job}"};
        assertThat(metrics.value("http_request_duration_seconds_count", jobRoute)).isEqualTo(2);
        assertThat(metrics.value("http_request_duration_seconds_sum", jobRoute)).isPositive();
        assertThat(metrics.value("http_request_duration_seconds_bucket", with(jobRoute, "le", "+Inf"))).isEqualTo(2);
        double previous = 0;
        for (double le : HttpMetrics.LATENCY_BUCKETS) {
            double inBucket = metrics.value("http_request_duration_seconds_bucket", with(jobRoute, "le", Double.toString(le)));
            assertThat(inBucket).as("bucket le=%s", le).isBetween(previous, 2.0);
            previous = inBucket;
        }
        assertThat(metrics.value("http_request_duration_seconds_count", "method", "GET", "route", "unmatched")).isEqualTo(2);
        assertThat(metrics.value("http_request_duration_seconds_count", "method", "GET", "route", "/api/v1/models")).isZero();
        assertThat(metrics.text()).doesNotContain("abc").doesNotContain("def").doesNotContain("/nowhere");
    }

    @Test
    void a_job_finished_in_the_job_service_is_counted_with_its_duration_and_volumes() throws InterruptedException {
        Map<String, Long> counts = Map.of("read", 10L, "landed", 8L, "rejected", 2L, "published", 8L, "weblog.landed", 8L);
        api = ApiHarness.startWithPipelineMetrics(Map.of(JobType.INGEST, monitor -> StepOutcome.succeeded("landed 8", counts)));

        String jobId = ApiHarness.json(api.post("/api/v1/jobs/ingest", null)).get("jobId").asText();
        assertThat(api.awaitTerminal(jobId).get("state").asText()).isEqualTo("SUCCEEDED");

        // The job service tells its listener just after the job shows as finished.
        Exposition metrics = awaitMetrics(m -> m.value("pipeline_jobs_total", "type", "ingest", "state", "succeeded") == 1);
        assertThat(metrics.value("pipeline_jobs_total", "type", "ingest", "state", "failed")).isZero();
        assertThat(metrics.value("pipeline_job_duration_seconds_count", "type", "ingest")).isEqualTo(1);
        assertThat(metrics.value("pipeline_job_duration_seconds_bucket", "type", "ingest", "le", "+Inf")).isEqualTo(1);
        assertThat(metrics.value("pipeline_job_duration_seconds_bucket", "type", "ingest", "le", "1.0")).isEqualTo(1);
        assertThat(metrics.value("pipeline_ingest_events_total", "outcome", "read")).isEqualTo(10);
        assertThat(metrics.value("pipeline_ingest_events_total", "outcome", "landed")).isEqualTo(8);
        assertThat(metrics.value("pipeline_ingest_events_total", "outcome", "rejected")).isEqualTo(2);
        assertThat(metrics.value("pipeline_ingest_events_total", "outcome", "published")).isEqualTo(8);
        assertThat(metrics.value("pipeline_stage_events_total", "outcome", "read")).isZero();
        assertThat(metrics.value("pipeline_metrics_errors_total")).isZero();
    }

    @Test
    void a_cycle_is_read_under_its_step_prefixes_and_absent_counts_add_nothing() {
        api = ApiHarness.startWithPipelineMetrics(Map.of());
        Map<String, Long> cycle = new LinkedHashMap<>();
        cycle.put("ingest.read", 100L);
        cycle.put("ingest.landed", 90L);
        cycle.put("ingest.rejected", 10L);
        cycle.put("ingest.published", 90L);
        cycle.put("stage.read", 90L);
        cycle.put("stage.staged", 80L);
        cycle.put("stage.quarantined", 5L);
        cycle.put("stage.duplicates", 3L);
        cycle.put("train.trainingSequences", 40L);
        cycle.put("read", 999L); // unprefixed keys of a cycle belong to no step

        api.metrics.accept(finished(JobType.CYCLE, JobState.SUCCEEDED, Duration.ofSeconds(90), cycle));
        api.metrics.accept(finished(JobType.STAGE, JobState.SKIPPED, Duration.ofMillis(300), Map.of("read", 0L, "bots", 7L)));
        api.metrics.accept(finished(JobType.TRAIN, JobState.FAILED, Duration.ofHours(2), Map.of()));

        Exposition metrics = Exposition.parse(api.get("/metrics").body());
        assertThat(metrics.value("pipeline_jobs_total", "type", "cycle", "state", "succeeded")).isEqualTo(1);
        assertThat(metrics.value("pipeline_jobs_total", "type", "stage", "state", "skipped")).isEqualTo(1);
        assertThat(metrics.value("pipeline_jobs_total", "type", "train", "state", "failed")).isEqualTo(1);
        assertThat(metrics.value("pipeline_job_duration_seconds_bucket", "type", "cycle", "le", "60.0")).isZero();
        assertThat(metrics.value("pipeline_job_duration_seconds_bucket", "type", "cycle", "le", "120.0")).isEqualTo(1);
        assertThat(metrics.value("pipeline_job_duration_seconds_sum", "type", "cycle")).isEqualTo(90);
        assertThat(metrics.value("pipeline_job_duration_seconds_bucket", "type", "train", "le", "3600.0")).isZero();
        assertThat(metrics.value("pipeline_job_duration_seconds_bucket", "type", "train", "le", "7200.0")).isEqualTo(1);
        assertThat(metrics.value("pipeline_ingest_events_total", "outcome", "read")).isEqualTo(100);
        assertThat(metrics.value("pipeline_ingest_events_total", "outcome", "published")).isEqualTo(90);
        assertThat(metrics.value("pipeline_stage_events_total", "outcome", "read")).isEqualTo(90);
        assertThat(metrics.value("pipeline_stage_events_total", "outcome", "staged")).isEqualTo(80);
        assertThat(metrics.value("pipeline_stage_events_total", "outcome", "quarantined")).isEqualTo(5);
        assertThat(metrics.value("pipeline_stage_events_total", "outcome", "duplicates")).isEqualTo(3);
        assertThat(metrics.value("pipeline_stage_events_total", "outcome", "bots")).isEqualTo(7);
        assertThat(metrics.value("pipeline_training_sequences_total")).isEqualTo(40);
        assertThat(metrics.value("pipeline_metrics_errors_total")).isZero();
    }

    @Test
    void a_job_that_cannot_be_recorded_counts_an_error_and_never_throws() {
        api = ApiHarness.startWithPipelineMetrics(Map.of());
        Job running = Job.queued("j-running", JobType.INGEST, "r", T0).started(T0);

        assertThatCode(() -> api.metrics.accept(running)).doesNotThrowAnyException();
        assertThatCode(() -> api.metrics.accept(finished(JobType.INGEST, JobState.SUCCEEDED, Duration.ofSeconds(1),
                Map.of("read", 5L, "landed", -1L)))).doesNotThrowAnyException();

        Exposition metrics = Exposition.parse(api.get("/metrics").body());
        assertThat(metrics.value("pipeline_metrics_errors_total")).isEqualTo(2);
        assertThat(metrics.value("pipeline_jobs_total", "type", "ingest", "state", "succeeded")).isEqualTo(1);
        assertThat(metrics.value("pipeline_ingest_events_total", "outcome", "read")).isEqualTo(5);
        assertThat(metrics.value("pipeline_ingest_events_total", "outcome", "landed")).isZero();
    }

    @Test
    void served_and_published_model_versions_appear_as_info_metrics() {
        api = ApiHarness.startWithPipelineMetrics(Map.of());
        assertThat(Exposition.parse(api.get("/metrics").body()).hasMetric("pipeline_model_served_info")).isFalse();
        api.storeModel("v1", 0.30);
        api.storeModel("v2", 0.35);
        assertThat(api.post("/api/v1/models/v1/promote", null).statusCode()).isEqualTo(200);

        Exposition both = Exposition.parse(api.get("/metrics").body());
        assertThat(both.value("pipeline_model_served_info", "version", "v1")).isEqualTo(1);
        assertThat(both.value("pipeline_model_published_info", "version", "v1")).isEqualTo(1);

        // Another replica publishes v2; this one has not swapped yet.
        api.registry.promote("v2", "published elsewhere", T0);
        Exposition apart = Exposition.parse(api.get("/metrics").body());
        assertThat(apart.value("pipeline_model_served_info", "version", "v1")).isEqualTo(1);
        assertThat(apart.value("pipeline_model_published_info", "version", "v2")).isEqualTo(1);
        assertThat(apart.has("pipeline_model_published_info", "version", "v1")).isFalse();
    }

    @Test
    void metrics_still_answer_when_the_model_registry_fails() {
        api = ApiHarness.start(Map.of());
        api.storeModel("v1", 0.30);
        assertThat(api.post("/api/v1/models/v1/promote", null).statusCode()).isEqualTo(200);
        api.registry.failWith(new IllegalStateException("registry unreachable"));

        api.get("/metrics");
        HttpResponse<String> response = api.get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        Exposition failing = Exposition.parse(response.body());
        assertThat(failing.hasMetric("pipeline_model_published_info")).isFalse();
        assertThat(failing.value("pipeline_model_served_info", "version", "v1")).isEqualTo(1);
        assertThat(failing.value("pipeline_metrics_errors_total")).isEqualTo(2);

        api.registry.failWith(null);
        Exposition recovered = Exposition.parse(api.get("/metrics").body());
        assertThat(recovered.value("pipeline_model_published_info", "version", "v1")).isEqualTo(1);
        assertThat(recovered.value("pipeline_metrics_errors_total")).isEqualTo(2);
    }

    @Test
    void every_one_of_many_requests_is_counted_and_the_recording_cost_is_printed() throws InterruptedException {
        api = ApiHarness.start(Map.of());
        int warmup = 2_000;
        int measured = 20_000;
        for (int i = 0; i < warmup; i++) {
            api.get("/health");
        }
        long start = System.nanoTime();
        for (int i = 0; i < measured; i++) {
            assertThat(api.get("/health").statusCode()).isEqualTo(200);
        }
        long perRequest = (System.nanoTime() - start) / measured;

        awaitMetrics(m -> m.value("http_requests_total", "method", "GET", "route", "/health", "status", "200") == warmup + measured);
        HttpMetrics.RouteSeries series = new HttpMetrics(new PrometheusRegistry())
                .series("GET", "/health");
        for (int i = 0; i < 200_000; i++) {
            series.observe(200, 1_000_000);
        }
        long recordStart = System.nanoTime();
        for (int i = 0; i < measured; i++) {
            series.observe(200, 1_000_000);
        }
        long perRecord = (System.nanoTime() - recordStart) / measured;
        System.out.printf("metrics overhead: %d sequential GET /health took %d us each on loopback; recording one "
                + "request (counter + histogram) takes %d ns (%.2f%% of a request)%n",
                measured, perRequest / 1000, perRecord, 100.0 * perRecord / perRequest);
    }

    private Exposition awaitMetrics(Predicate<Exposition> ready) throws InterruptedException {
        // A request is counted when its exchange completes, which may be just after the client has the answer.
        Exposition metrics = Exposition.parse(api.get("/metrics").body());
        for (int i = 0; i < 100 && !holds(ready, metrics); i++) {
            Thread.sleep(20);
            metrics = Exposition.parse(api.get("/metrics").body());
        }
        assertThat(holds(ready, metrics)).as("metrics reached the expected state:\n" + metrics.text()).isTrue();
        return metrics;
    }

    /** A series that does not exist yet is not ready yet. */
    private static boolean holds(Predicate<Exposition> ready, Exposition metrics) {
        try {
            return ready.test(metrics);
        } catch (AssertionError notYet) {
            return false;
        }
    }

    private static Job finished(JobType type, JobState state, Duration took, Map<String, Long> counts) {
        return Job.queued("job-" + type.wireName(), type, "run-1", T0).started(T0)
                .finished(state, T0.plus(took), counts, "done");
    }

    private static String[] with(String[] labels, String name, String value) {
        String[] all = Arrays.copyOf(labels, labels.length + 2);
        all[labels.length] = name;
        all[labels.length + 1] = value;
        return all;
    }
}
