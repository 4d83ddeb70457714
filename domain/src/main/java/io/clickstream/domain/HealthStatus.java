package io.clickstream.domain;

import java.util.Objects;

/**
 * Whether one component (an adapter, the served model) is ready, with a short human detail.
 *
 * @param starting the component is being started right now: the check did not wait for it, and it does not make
 *                 the process unready (what needs it waits for the start)
 */
public record HealthStatus(String component, boolean up, String detail, boolean starting) {
    public HealthStatus {
        Objects.requireNonNull(component, "component");
        detail = detail == null ? "" : detail;
    }

    public HealthStatus(String component, boolean up, String detail) {
        this(component, up, detail, false);
    }

    public static HealthStatus starting(String component, String detail) {
        return new HealthStatus(component, true, detail, true);
    }

    public static HealthStatus up(String component, String detail) {
        return new HealthStatus(component, true, detail);
    }

    public static HealthStatus down(String component, String detail) {
        return new HealthStatus(component, false, detail);
    }
}
