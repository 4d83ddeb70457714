package io.clickstream.adapter.spark;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The staging tables in the Hive metastore: external Parquet tables over the lake's staging zone, created when
 * missing, with partitions added as batches publish files into them.
 */
final class StagingTables {
    static final String INTERACTIONS = "interactions";
    static final String QUARANTINE = "quarantine";

    /** Data columns of {@code interactions}, in table order; partitioned by source, event_type, dt. */
    static final List<String> INTERACTION_COLUMNS = List.of("event_id", "event_time", "user_id", "session_id",
            "session_inferred", "item_id", "query", "client_id", "batch_id");
    static final List<String> INTERACTION_PARTITIONS = List.of("source", "event_type", "dt");
    /** Data columns of {@code quarantine}; partitioned by dt, the UTC day the message reached the topic. */
    static final List<String> QUARANTINE_COLUMNS = List.of("reason", "event_id", "value", "batch_id",
            "kafka_partition", "kafka_offset", "kafka_timestamp");
    static final List<String> QUARANTINE_PARTITIONS = List.of("dt");

    private final SparkSession spark;
    private final String database;

    StagingTables(SparkSession spark, String database) {
        this.spark = spark;
        this.database = database;
    }

    String interactions() {
        return database + "." + INTERACTIONS;
    }

    String quarantine() {
        return database + "." + QUARANTINE;
    }

    /** Creates the database and both tables if missing; refuses tables that point somewhere else. */
    void ensure(URI interactionsLocation, URI quarantineLocation) {
        // asked first: the Hive client logs an error with a stack trace for IF NOT EXISTS on an existing database
        if (!spark.catalog().databaseExists(database)) {
            spark.sql("CREATE DATABASE IF NOT EXISTS " + database);
        }
        spark.sql("CREATE EXTERNAL TABLE IF NOT EXISTS " + interactions() + " ("
                + "event_id STRING, event_time TIMESTAMP, user_id STRING, session_id STRING, "
                + "session_inferred BOOLEAN, item_id STRING, query STRING, client_id STRING, batch_id STRING) "
                + "COMMENT 'cleaned clickstream: deduplicated, bots removed, sessions assigned' "
                + "PARTITIONED BY (source STRING, event_type STRING, dt STRING) STORED AS PARQUET "
                + "LOCATION '" + literal(interactionsLocation) + "'");
        spark.sql("CREATE EXTERNAL TABLE IF NOT EXISTS " + quarantine() + " ("
                + "reason STRING, event_id STRING, value STRING, batch_id STRING, kafka_partition INT, "
                + "kafka_offset BIGINT, kafka_timestamp TIMESTAMP) "
                + "COMMENT 'raw-topic messages that failed the landing schema, with the reason' "
                + "PARTITIONED BY (dt STRING) STORED AS PARQUET "
                + "LOCATION '" + literal(quarantineLocation) + "'");
        requireLocation(interactions(), interactionsLocation);
        requireLocation(quarantine(), quarantineLocation);
    }

    /**
     * Registers partitions (each a list of {@code column=value} in partition-column order); ones that exist are
     * left alone, so a replayed batch may call this again.
     */
    void addPartitions(String table, Collection<List<String>> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        String specs = partitions.stream()
                .map(spec -> spec.stream().map(StagingTables::partitionValue).collect(Collectors.joining(", ",
                        "PARTITION (", ")")))
                .collect(Collectors.joining(" "));
        spark.sql("ALTER TABLE " + table + " ADD IF NOT EXISTS " + specs);
        spark.catalog().refreshTable(table);
    }

    /** The staged rows of some days, for deduplication and session continuation against earlier batches. */
    Dataset<Row> stagedOn(Collection<String> days) {
        return spark.table(interactions()).where(org.apache.spark.sql.functions.col("dt").isin(days.toArray()));
    }

    void refresh() {
        spark.catalog().refreshTable(interactions());
        spark.catalog().refreshTable(quarantine());
    }

    private void requireLocation(String table, URI expected) {
        Row location = spark.sql("DESCRIBE FORMATTED " + table).where("col_name = 'Location'").first();
        String actual = trimSlash(location.getString(1));
        String wanted = trimSlash(expected.toString());
        if (!sameLocation(actual, wanted)) {
            throw new IllegalStateException("table " + table + " is at " + actual + ", but the lake's staging zone is "
                    + wanted + ": drop the table (it is external, no data is lost) or use another "
                    + "staging.hive.database");
        }
    }

    // The metastore may spell file:/x as file:///x
    private static boolean sameLocation(String a, String b) {
        return a.replaceFirst("^file:/+", "file:/").equals(b.replaceFirst("^file:/+", "file:/"));
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** {@code source=weblog} becomes {@code source='weblog'}; values come from validated columns only. */
    private static String partitionValue(String assignment) {
        int eq = assignment.indexOf('=');
        String value = assignment.substring(eq + 1);
        if (!value.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("unexpected partition value in " + assignment);
        }
        return assignment.substring(0, eq) + "='" + value + "'";
    }

    /** A lake location as an SQL string literal's content, without a trailing slash. */
    static String literal(URI uri) {
        String text = trimSlash(uri.toString());
        if (text.contains("'") || text.contains("\\")) {
            throw new IllegalArgumentException("lake location " + text + " holds a quote or backslash");
        }
        return text;
    }
}
