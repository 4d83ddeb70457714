package io.clickstream.application.port.in;

import io.clickstream.domain.Job;
import io.clickstream.domain.JobType;
import io.clickstream.domain.InvalidParameterException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Starts long pipeline jobs asynchronously and reports on them. */
public interface JobsUseCase {

    /**
     * Queues a job, or returns the existing job when one of this type already has this runId.
     *
     * @throws io.clickstream.domain.JobConflictException while another job of the type is queued or running
     */
    Job submit(SubmitJobCommand command);

    Optional<Job> find(String jobId);

    /** Recent jobs, newest first. */
    List<Job> list(ListJobsQuery query);

    /** @param runId the caller's idempotency key; null or blank means a fresh one */
    record SubmitJobCommand(JobType type, String runId) {
        private static final Pattern RUN_ID = Pattern.compile("[\\p{Alnum}._:+\\-]{1,200}");

        public SubmitJobCommand {
            if (type == null) {
                throw new InvalidParameterException("type", "is required");
            }
            if (runId != null && !RUN_ID.matcher(runId).matches()) {
                throw new InvalidParameterException("runId",
                        "must be 1-200 letters, digits or . _ : + - (an Airflow run id fits)");
            }
        }
    }

    /** @param type null for every type */
    record ListJobsQuery(JobType type, int limit) {
        public static final int MAX_LIMIT = 500;

        public ListJobsQuery {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new InvalidParameterException("limit", "must be between 1 and " + MAX_LIMIT + ", got " + limit);
            }
        }
    }
}
