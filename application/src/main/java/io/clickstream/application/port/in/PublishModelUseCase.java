package io.clickstream.application.port.in;

import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.InvalidParameterException;
import io.clickstream.domain.ModelVersion;
import io.clickstream.domain.StepOutcome;
import java.util.Objects;
import java.util.regex.Pattern;

/** Publishes models: the quality gate for the newest candidate, and manual promotion or rollback. */
public interface PublishModelUseCase {

    /** Publishes the newest candidate if it passes the gate; SKIPPED with both scores otherwise. */
    StepOutcome publish(PublishCommand command);

    /** Publishes a given stored version regardless of the gate (manual promote, rollback). */
    ModelVersion promote(PromoteModelCommand command);

    record PublishCommand(JobMonitor monitor) {
        public PublishCommand {
            Objects.requireNonNull(monitor, "monitor");
        }
    }

    record PromoteModelCommand(String version, String reason) {
        private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

        public PromoteModelCommand {
            if (version == null || !VERSION.matcher(version).matches()) {
                throw new InvalidParameterException("version", "must be a model version id, got '" + version + "'");
            }
            reason = reason == null || reason.isBlank() ? "manual promotion" : reason;
        }
    }
}
