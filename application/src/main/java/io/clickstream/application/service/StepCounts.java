package io.clickstream.application.service;

import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.Source;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A step's counters, added in one call each: reported to the job's monitor as they grow (live progress) and kept for
 * the step's outcome. A count by source also adds to the total of that name ({@code weblog.read} and {@code read}).
 */
final class StepCounts {
    private final JobMonitor monitor;
    private final Map<String, Long> counts = new LinkedHashMap<>();

    StepCounts(JobMonitor monitor) {
        this.monitor = monitor;
    }

    void add(String counter, long delta) {
        counts.merge(counter, delta, Long::sum);
        monitor.count(counter, delta);
    }

    /** Adds to {@code <source>.<counter>} and to the total {@code <counter>}. */
    void addWithTotal(Source source, String counter, long delta) {
        add(source.wireName() + "." + counter, delta);
        add(counter, delta);
    }

    long get(String counter) {
        return counts.getOrDefault(counter, 0L);
    }

    Map<String, Long> all() {
        return new LinkedHashMap<>(counts);
    }
}
