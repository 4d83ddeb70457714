package io.clickstream.adapter.spark;

import java.net.URI;
import org.apache.spark.sql.SparkSession;

/**
 * The plain engine's job that {@code bin/pipeline bench stage} compares the stage job with: read the landing CSV
 * (header row, no cleaning) and write it as Parquet partitioned like the landing zone, on the same Spark session the
 * stage job uses. Measures nothing itself.
 */
public final class PlainSparkJob {
    private PlainSparkJob() {
    }

    /** Starts (or reuses) the process's Spark session with these settings; returns when it is ready. */
    public static void startSession(SparkStagingSettings settings) {
        SparkSessions.getOrCreate(settings);
    }

    /**
     * Reads every {@code source=*}/{@code dt=*}/*.csv under {@code landing} and writes it as Parquet under
     * {@code out}, partitioned by source and event type.
     *
     * @return the rows written, counted by reading the Parquet back (not part of the job)
     */
    public static long csvToParquet(SparkStagingSettings settings, URI landing, URI out) {
        SparkSession spark = SparkSessions.getOrCreate(settings);
        String from = trim(landing.toString()) + "/source=*/dt=*/*.csv";
        String to = trim(out.toString());
        spark.read().option("header", "true").option("multiLine", "false").csv(from)
                .write().mode("overwrite").partitionBy("source", "event_type").parquet(to);
        return spark.read().parquet(to).count();
    }

    private static String trim(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
