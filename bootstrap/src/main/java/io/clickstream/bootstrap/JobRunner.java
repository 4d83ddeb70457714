package io.clickstream.bootstrap;

import io.clickstream.application.port.in.JobsUseCase.SubmitJobCommand;
import io.clickstream.application.service.JobService;
import io.clickstream.domain.Job;
import io.clickstream.domain.JobType;
import java.io.PrintWriter;

/** Runs a job in this process to its end, printing its progress. */
final class JobRunner {
    private JobRunner() {
    }

    /** Prints a line whenever the job's state, progress or counts change. */
    static Job runToEnd(JobService jobs, JobType type, String runId, PrintWriter out) throws InterruptedException {
        Job job = jobs.submit(new SubmitJobCommand(type, runId));
        String last = "";
        while (!job.state().isTerminal()) {
            Thread.sleep(500);
            job = jobs.find(job.jobId()).orElseThrow();
            String line = String.format("%-9s %3.0f%%  %s", job.state(), job.progress() * 100, job.counts());
            if (!line.equals(last)) {
                out.println(line);
                out.flush();
                last = line;
            }
        }
        out.println(type.wireName() + " " + job.state().name().toLowerCase(java.util.Locale.ROOT)
                + (job.message() == null ? "" : ": " + job.message()));
        out.flush();
        return job;
    }
}
