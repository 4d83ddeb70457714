package io.clickstream.domain;

import java.util.Map;
import java.util.Objects;

/** How a pipeline step ended when it did not fail: SUCCEEDED, or SKIPPED with the reason. */
public record StepOutcome(JobState state, String message, Map<String, Long> counts) {
    public StepOutcome {
        Objects.requireNonNull(state, "state");
        if (state != JobState.SUCCEEDED && state != JobState.SKIPPED) {
            throw new IllegalArgumentException("a step outcome is SUCCEEDED or SKIPPED; failures are exceptions");
        }
        counts = Map.copyOf(counts);
    }

    public static StepOutcome succeeded(String message, Map<String, Long> counts) {
        return new StepOutcome(JobState.SUCCEEDED, message, counts);
    }

    public static StepOutcome skipped(String reason, Map<String, Long> counts) {
        return new StepOutcome(JobState.SKIPPED, Objects.requireNonNull(reason, "reason"), counts);
    }
}
