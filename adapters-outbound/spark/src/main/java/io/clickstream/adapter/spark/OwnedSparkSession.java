package io.clickstream.adapter.spark;

import org.apache.spark.sql.SparkSession;

/**
 * An adapter's Spark session: started on first use, shared with any session already running in this JVM, and
 * stopped on close only if this holder started it (a session the host or another adapter started is theirs to stop).
 */
final class OwnedSparkSession implements AutoCloseable {
    private final SparkStagingSettings settings;
    private SparkSession spark;
    private boolean startedHere;

    OwnedSparkSession(SparkStagingSettings settings) {
        this.settings = settings;
    }

    synchronized SparkSession get() {
        if (spark == null) {
            startedHere = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
            spark = SparkSessions.getOrCreate(settings);
        }
        return spark;
    }

    @Override
    public synchronized void close() {
        if (spark != null && startedHere) {
            spark.stop();
        }
        spark = null;
    }
}
