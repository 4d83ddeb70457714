package io.clickstream.application.port.out;

import io.clickstream.domain.Job;
import java.util.List;

/**
 * Where job records outlive the process: the job service saves a job at each change of state and reads them all
 * back when it starts, so a client polling across a restart still finds its job.
 */
public interface JobStore {
    /** Keeps nothing: jobs live only in memory. */
    JobStore NONE = new JobStore() {
        @Override
        public void save(Job job) {
        }

        @Override
        public List<Job> loadAll() {
            return List.of();
        }

        @Override
        public void delete(String jobId) {
        }
    };

    /** Stores the job, replacing an earlier record of the same job id. */
    void save(Job job);

    /**
     * Every stored finished job, and each queued or running one whose process is known to be gone (the caller
     * records those as interrupted); in no particular order. A record that cannot be read is skipped (and logged).
     */
    List<Job> loadAll();

    /** Forgets a job; nothing happens if it is not stored. */
    void delete(String jobId);
}
