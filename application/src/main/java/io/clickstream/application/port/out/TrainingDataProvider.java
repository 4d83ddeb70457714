package io.clickstream.application.port.out;

import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.ZonePath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Builds training examples from the staged tables for a window that ends at the newest staged event. The
 * examples are written to the lake and passed on by reference, never as engine types or in memory.
 */
public interface TrainingDataProvider {

    TrainingDataset prepare(Duration window, Duration holdout, JobMonitor monitor);

    /**
     * @param id         the dataset's id: the same staged content gives the same id, so a trainer knows what it has seen
     * @param location   folder in the lake holding the examples, vocabulary and splits
     * @param partitions the staging partitions the examples came from (lineage)
     */
    record TrainingDataset(String id, ZonePath location, Instant windowStart, Instant windowEnd, long trainingSequences,
                           long holdoutSequences, long vocabularySize, List<String> partitions) {
        public TrainingDataset {
            partitions = List.copyOf(partitions);
        }
    }
}
