package io.clickstream.adapter.memory;

import io.clickstream.application.port.out.TrainingDataProvider;
import io.clickstream.domain.DataZone;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.ZonePath;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A {@link TrainingDataProvider} that reports the dataset size the test set, ending the window at the clock's now. */
public final class InMemoryTrainingDataProvider implements TrainingDataProvider {
    private final Clock clock;
    private final List<Duration> requestedWindows = new ArrayList<>();
    private long trainingSequences;
    private long holdoutSequences;
    private long vocabularySize;
    private int prepared;

    public InMemoryTrainingDataProvider(Clock clock) {
        this.clock = clock;
    }

    public synchronized InMemoryTrainingDataProvider withData(long training, long holdout, long vocabulary) {
        this.trainingSequences = training;
        this.holdoutSequences = holdout;
        this.vocabularySize = vocabulary;
        return this;
    }

    @Override
    public synchronized TrainingDataset prepare(Duration window, Duration holdout, JobMonitor monitor) {
        requestedWindows.add(window);
        prepared++;
        Instant end = clock.instant();
        monitor.progress(1.0);
        // Like the real provider: the dataset id follows the newest data, so unchanged data gives the same dataset.
        return new TrainingDataset("d-" + end.toEpochMilli(), ZonePath.of(DataZone.ANALYTICS, "datasets/d-" + end.toEpochMilli()), end.minus(window), end,
                trainingSequences, holdoutSequences, vocabularySize, List.of("staging/interactions"));
    }

    public synchronized List<Duration> requestedWindows() {
        return List.copyOf(requestedWindows);
    }
}
