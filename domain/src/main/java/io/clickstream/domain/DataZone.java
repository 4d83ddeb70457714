package io.clickstream.domain;

import java.util.Locale;

/** The three zones of the data lake: raw as collected, cleaned and partitioned, and models with their reports. */
public enum DataZone {
    LANDING, STAGING, ANALYTICS;

    /** The top-level folder (or key prefix) of the zone inside the lake. */
    public String prefix() {
        return name().toLowerCase(Locale.ROOT);
    }
}
