package io.clickstream.application.port.out;

import io.clickstream.domain.JobMonitor;
import java.util.Map;

/**
 * Stages what is new on the raw topic: clean, deduplicate, remove bots, quarantine bad rows with a reason,
 * write partitioned Parquet to the staging zone and register it as tables. Owns its consumed-offset
 * checkpoints, so a second run over the same input stages nothing.
 */
public interface StagingProcessor {

    StagingReport stage(JobMonitor monitor);

    /** @param counts read, staged per group, quarantined per reason, duplicates and bots removed */
    record StagingReport(long read, long staged, Map<String, Long> counts) {
        public StagingReport {
            counts = Map.copyOf(counts);
        }
    }
}
