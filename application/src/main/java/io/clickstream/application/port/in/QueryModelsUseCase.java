package io.clickstream.application.port.in;

import io.clickstream.domain.ModelVersion;
import java.util.List;
import java.util.Optional;

/** Lists stored model versions and tells which one is published and which one this process serves. */
public interface QueryModelsUseCase {

    /** Every stored version, newest first. */
    List<ModelVersion> list();

    /** The published version, if any. */
    Optional<ModelVersion> current();

    /** The version this process is serving right now, if it has loaded one. */
    Optional<String> served();
}
