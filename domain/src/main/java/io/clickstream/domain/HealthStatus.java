package io.clickstream.domain;

import java.util.Objects;

/** Whether one component (an adapter, the served model) is ready, with a short human detail. */
public record HealthStatus(String component, boolean up, String detail) {
    public HealthStatus {
        Objects.requireNonNull(component, "component");
        detail = detail == null ? "" : detail;
    }

    public static HealthStatus up(String component, String detail) {
        return new HealthStatus(component, true, detail);
    }

    public static HealthStatus down(String component, String detail) {
        return new HealthStatus(component, false, detail);
    }
}
