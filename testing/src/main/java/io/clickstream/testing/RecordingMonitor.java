package io.clickstream.testing;

import io.clickstream.domain.JobMonitor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link JobMonitor} that remembers what a step reported and can be told to ask the step to stop. Thread-safe. */
public final class RecordingMonitor implements JobMonitor {
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, Double> measures = new LinkedHashMap<>();
    private final List<Double> progress = new ArrayList<>();
    private volatile boolean stop;

    @Override
    public synchronized void progress(double fraction) {
        progress.add(fraction);
    }

    @Override
    public synchronized void count(String counter, long delta) {
        counts.merge(counter, delta, Long::sum);
    }

    @Override
    public synchronized void set(String counter, long value) {
        counts.put(counter, value);
    }

    @Override
    public boolean stopRequested() {
        return stop;
    }

    public void requestStop() {
        stop = true;
    }

    @Override
    public synchronized void measure(String name, double value) {
        measures.put(name, value);
    }

    public synchronized Map<String, Double> measures() {
        return Map.copyOf(measures);
    }

    public synchronized Map<String, Long> counts() {
        return Map.copyOf(counts);
    }

    public synchronized long count(String counter) {
        return counts.getOrDefault(counter, 0L);
    }

    public synchronized List<Double> progress() {
        return List.copyOf(progress);
    }
}
