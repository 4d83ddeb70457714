package io.clickstream.domain;

import java.util.Map;
import java.util.Objects;

/**
 * How a pipeline step ended when it did not fail: SUCCEEDED, or SKIPPED with the reason.
 *
 * @param counts   whole counts ({@code landed}, {@code published})
 * @param measures decimal figures ({@code candidate.MRR@20}), none for most steps
 */
public record StepOutcome(JobState state, String message, Map<String, Long> counts, Map<String, Double> measures) {
    public StepOutcome {
        Objects.requireNonNull(state, "state");
        if (state != JobState.SUCCEEDED && state != JobState.SKIPPED) {
            throw new IllegalArgumentException("a step outcome is SUCCEEDED or SKIPPED; failures are exceptions");
        }
        counts = Map.copyOf(counts);
        measures = Map.copyOf(measures);
    }

    public static StepOutcome succeeded(String message, Map<String, Long> counts) {
        return new StepOutcome(JobState.SUCCEEDED, message, counts, Map.of());
    }

    public static StepOutcome skipped(String reason, Map<String, Long> counts) {
        return new StepOutcome(JobState.SKIPPED, Objects.requireNonNull(reason, "reason"), counts, Map.of());
    }

    /** This outcome with these measures. */
    public StepOutcome withMeasures(Map<String, Double> newMeasures) {
        return new StepOutcome(state, message, counts, newMeasures);
    }
}
