package io.clickstream.adapter.http;

import io.clickstream.adapter.http.HttpDtos.JobListResponse;
import io.clickstream.adapter.http.HttpDtos.SubmitJobRequest;
import io.clickstream.application.port.in.JobsUseCase;
import io.clickstream.application.port.in.JobsUseCase.ListJobsQuery;
import io.clickstream.application.port.in.JobsUseCase.SubmitJobCommand;
import io.clickstream.domain.InvalidParameterException;
import io.clickstream.domain.Job;
import io.clickstream.domain.JobType;
import io.clickstream.domain.NotFoundException;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The job endpoints: start a pipeline step, poll it, list recent jobs. */
final class JobHandlers {
    static final int DEFAULT_LIMIT = 20;
    private static final String TYPES = Arrays.stream(JobType.values()).map(JobType::wireName).collect(Collectors.joining(", "));

    private final JobsUseCase jobs;
    private final JsonCodec json;
    private final RequestBodies bodies;

    JobHandlers(JobsUseCase jobs, JsonCodec json, RequestBodies bodies) {
        this.jobs = jobs;
        this.json = json;
        this.bodies = bodies;
    }

    void submit(HttpServerExchange exchange) {
        String name = RequestParams.path(exchange, "job");
        // A path naming no job type is a resource that does not exist (it may be a job's own URL).
        JobType type = JobType.parse(name).orElseThrow(() -> new NotFoundException("there is no job type '" + name
                + "' to submit; one of " + TYPES));
        SubmitJobRequest body = bodies.read(exchange, SubmitJobRequest.class).orElse(SubmitJobRequest.EMPTY);
        Job job = jobs.submit(new SubmitJobCommand(type, body.runId()));
        exchange.getResponseHeaders().put(Headers.LOCATION, HttpMapper.selfLink(job));
        json.send(exchange, 202, HttpMapper.job(job));
    }

    void find(HttpServerExchange exchange) {
        String jobId = RequestParams.path(exchange, "job");
        Job job = jobs.find(jobId).orElseThrow(() -> new NotFoundException("job '" + jobId
                + "' does not exist (or is older than the jobs.retained newest finished ones)"));
        json.send(exchange, 200, HttpMapper.job(job));
    }

    void list(HttpServerExchange exchange) {
        JobType type = RequestParams.query(exchange, "type").map(t -> jobType(t, "type")).orElse(null);
        int limit = RequestParams.intQuery(exchange, "limit", DEFAULT_LIMIT);
        var found = jobs.list(new ListJobsQuery(type, limit));
        json.send(exchange, 200, new JobListResponse(found.stream().map(HttpMapper::job).toList()));
    }

    private static JobType jobType(String name, String parameter) {
        return JobType.parse(name).orElseThrow(() ->
                new InvalidParameterException(parameter, "unknown job type '" + name + "'; one of " + TYPES));
    }
}
