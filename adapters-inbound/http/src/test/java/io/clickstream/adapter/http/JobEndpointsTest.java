package io.clickstream.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.domain.JobType;
import io.clickstream.domain.StepOutcome;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobEndpointsTest {
    private final CountDownLatch releaseIngest = new CountDownLatch(1);
    private ApiHarness api;

    @BeforeEach
    void start() {
        // ingest waits for the test to let it finish, so "while running" is a state the test controls;
        // stage is deliberately not wired, like a step whose adapter is not configured.
        api = ApiHarness.start(Map.of(
                JobType.INGEST, monitor -> {
                    monitor.count("read", 3);
                    monitor.measure("parse.share", 0.75);
                    await(releaseIngest);
                    return StepOutcome.succeeded("landed 3 records", Map.of("landed", 3L));
                },
                JobType.PUBLISH, monitor -> StepOutcome.skipped("no trained model to publish", Map.of())));
    }

    @AfterEach
    void stop() {
        releaseIngest.countDown();
        api.close();
    }

    @Test
    void post_without_token_is_unauthorized_in_the_envelope() {
        HttpResponse<String> response = api.postWithoutToken("/api/v1/jobs/ingest", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(ApiHarness.json(response).at("/error/code").asText()).isEqualTo("unauthorized");
        assertThat(api.jobs.list(new io.clickstream.application.port.in.JobsUseCase.ListJobsQuery(null, 10))).isEmpty();
    }

    @Test
    void post_with_a_wrong_token_is_unauthorized() {
        HttpResponse<String> response = api.send(api.request("/api/v1/jobs/ingest")
                .header("Authorization", "Bearer not-the-token").POST(java.net.http.HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(ApiHarness.json(response).at("/error/message").asText()).contains("not valid");
    }

    @Test
    void accepted_job_runs_to_its_terminal_state_with_counts() throws Exception {
        HttpResponse<String> response = api.post("/api/v1/jobs/ingest", "{\"runId\": \"scheduled__2024-05-01T00:00:00+00:00\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode job = ApiHarness.json(response);
        String jobId = job.get("jobId").asText();
        assertThat(job.get("type").asText()).isEqualTo("ingest");
        assertThat(job.get("runId").asText()).isEqualTo("scheduled__2024-05-01T00:00:00+00:00");
        assertThat(job.get("state").asText()).isIn("QUEUED", "RUNNING");
        assertThat(job.at("/links/self").asText()).isEqualTo("/api/v1/jobs/" + jobId);
        assertThat(response.headers().firstValue("Location")).contains("/api/v1/jobs/" + jobId);
        assertThat(job.get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        releaseIngest.countDown();
        JsonNode done = api.awaitTerminal(jobId);

        assertThat(done.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(done.at("/counts/read").asLong()).isEqualTo(3);
        assertThat(done.at("/counts/landed").asLong()).isEqualTo(3);
        assertThat(done.at("/measures/parse.share").isNumber()).isTrue();
        assertThat(done.at("/measures/parse.share").asDouble()).isEqualTo(0.75);
        assertThat(done.get("message").asText()).isEqualTo("landed 3 records");
        assertThat(done.get("error").isNull()).isTrue();
        assertThat(done.get("finishedAt").isNull()).isFalse();
    }

    @Test
    void same_run_id_returns_the_same_job() throws Exception {
        String first = ApiHarness.json(api.post("/api/v1/jobs/ingest", "{\"runId\": \"r-1\"}")).get("jobId").asText();
        HttpResponse<String> again = api.post("/api/v1/jobs/ingest", "{\"runId\": \"r-1\"}");

        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(ApiHarness.json(again).get("jobId").asText()).isEqualTo(first);

        releaseIngest.countDown();
        api.awaitTerminal(first);
        assertThat(ApiHarness.json(api.post("/api/v1/jobs/ingest", "{\"runId\": \"r-1\"}")).get("jobId").asText()).isEqualTo(first);
    }

    @Test
    void second_job_of_a_type_while_one_runs_is_a_conflict() {
        assertThat(api.post("/api/v1/jobs/ingest", null).statusCode()).isEqualTo(202);

        HttpResponse<String> second = api.post("/api/v1/jobs/ingest", null);

        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(ApiHarness.json(second).at("/error/code").asText()).isEqualTo("conflict");
        assertThat(ApiHarness.json(second).at("/error/message").asText()).contains("ingest job is already");
    }

    @Test
    void unconfigured_step_fails_its_job_with_a_clear_error() throws Exception {
        String jobId = ApiHarness.json(api.post("/api/v1/jobs/stage", null)).get("jobId").asText();

        JsonNode done = api.awaitTerminal(jobId);

        assertThat(done.get("state").asText()).isEqualTo("FAILED");
        assertThat(done.get("error").asText()).contains("not configured").contains("stage");
    }

    @Test
    void skipped_step_reports_its_reason() throws Exception {
        String jobId = ApiHarness.json(api.post("/api/v1/jobs/publish", "")).get("jobId").asText();

        JsonNode done = api.awaitTerminal(jobId);

        assertThat(done.get("state").asText()).isEqualTo("SKIPPED");
        assertThat(done.get("message").asText()).isEqualTo("no trained model to publish");
        assertThat(done.get("error").isNull()).isTrue();
    }

    @Test
    void unknown_job_is_not_found() {
        HttpResponse<String> response = api.get("/api/v1/jobs/no-such-job");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(ApiHarness.json(response).at("/error/code").asText()).isEqualTo("not_found");
        assertThat(ApiHarness.json(response).at("/error/message").asText()).contains("no-such-job");
    }

    @Test
    void unknown_job_type_is_not_found_listing_the_types() {
        HttpResponse<String> response = api.post("/api/v1/jobs/deploy", null);

        // POST to a path that names no job type (perhaps a job's own URL): no such resource, as OpenAPI says.
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(ApiHarness.json(response).at("/error/code").asText()).isEqualTo("not_found");
        assertThat(ApiHarness.json(response).at("/error/message").asText()).contains("deploy").contains("ingest, stage");
    }

    @Test
    void invalid_run_id_is_a_bad_request_naming_run_id() {
        HttpResponse<String> response = api.post("/api/v1/jobs/ingest", "{\"runId\": \"has spaces\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(ApiHarness.json(response).at("/error/parameter").asText()).isEqualTo("runId");
    }

    @Test
    void run_id_of_the_wrong_json_type_is_a_bad_request_naming_it() {
        HttpResponse<String> response = api.post("/api/v1/jobs/ingest", "{\"runId\": 42}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(ApiHarness.json(response).at("/error/parameter").asText()).isEqualTo("runId");
        assertThat(ApiHarness.json(response).at("/error/message").asText()).contains("runId: must be a string");
    }

    @Test
    void unknown_body_field_is_a_bad_request_naming_it() {
        HttpResponse<String> response = api.post("/api/v1/jobs/ingest", "{\"runid\": \"r\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(ApiHarness.json(response).at("/error/parameter").asText()).isEqualTo("runid");
        assertThat(ApiHarness.json(response).at("/error/message").asText()).contains("runId");
    }

    @Test
    void list_shows_recent_jobs_newest_first_filtered_by_type() throws Exception {
        String publish = ApiHarness.json(api.post("/api/v1/jobs/publish", null)).get("jobId").asText();
        api.awaitTerminal(publish);
        String ingest = ApiHarness.json(api.post("/api/v1/jobs/ingest", null)).get("jobId").asText();

        JsonNode all = ApiHarness.json(api.get("/api/v1/jobs"));
        JsonNode onlyPublish = ApiHarness.json(api.get("/api/v1/jobs?type=publish"));
        JsonNode limited = ApiHarness.json(api.get("/api/v1/jobs?limit=1"));

        assertThat(all.get("jobs")).extracting(j -> j.get("jobId").asText()).containsExactly(ingest, publish);
        assertThat(onlyPublish.get("jobs")).extracting(j -> j.get("jobId").asText()).containsExactly(publish);
        assertThat(limited.get("jobs")).hasSize(1);
    }

    @Test
    void bad_list_parameters_are_bad_requests_naming_them() {
        assertBadParameter(api.get("/api/v1/jobs?limit=0"), "limit");
        assertBadParameter(api.get("/api/v1/jobs?limit=ten"), "limit");
        assertBadParameter(api.get("/api/v1/jobs?limit=1&limit=2"), "limit");
        assertBadParameter(api.get("/api/v1/jobs?type=deploy"), "type");
    }

    static void assertBadParameter(HttpResponse<String> response, String parameter) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = ApiHarness.json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo("bad_request");
        assertThat(error.get("parameter").asText()).isEqualTo(parameter);
        assertThat(error.get("message").asText()).contains(parameter);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test never released the step");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
