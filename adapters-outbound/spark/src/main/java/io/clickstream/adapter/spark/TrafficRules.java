package io.clickstream.adapter.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What happens to each valid event of a batch: a duplicate (by event id, within the batch or of an earlier one),
 * bot traffic (by user agent, or by an implausible event rate in its session), or staged with a session, inferred
 * by inactivity per user or client when the source had none. Inferred sessions continue sessions staged earlier.
 * All of it in one shuffle of the batch ({@link #decide}).
 */
final class TrafficRules {
    static final String FATE = "fate";
    static final String STAGED = "staged";
    static final String DUPLICATE = "duplicate";
    static final String BOT_USER_AGENT = "bot_user_agent";
    static final String BOT_RATE = "bot_rate";
    /** The shuffle key of {@link #decide}: {@code s:} and the given session id, or {@code k:} and the session key. */
    static final String GROUP_KEY = "group_key";

    private final String botUserAgentPattern;
    private final long sessionGapSeconds;
    private final int maxEventsPerMinute;

    TrafficRules(String botUserAgentPattern, Duration sessionGap, int maxEventsPerMinute) {
        this.botUserAgentPattern = botUserAgentPattern;
        this.sessionGapSeconds = sessionGap.toSeconds();
        this.maxEventsPerMinute = maxEventsPerMinute;
    }

    /**
     * Decides every valid row of a batch in one shuffle: by its group key (the session id the source gave, else the
     * session key), then one sorted pass per group beside the earlier staged rows of that key ({@link KeyGroupRules}).
     * Duplicates are found first, on ids and positions only ({@link #duplicates}).
     * Returns the valid rows with {@link #FATE}, {@code session_id} (given or inferred) and {@code session_inferred}
     * (null for duplicates and user-agent bots, which get no session).
     *
     * @param earlier staged rows of the days the batch touches and the days before
     */
    Dataset<Row> decide(Dataset<Row> valid, Dataset<Row> earlier) {
        Column botAgent = botUserAgentPattern.isEmpty() ? lit(false)
                : coalesce(col("user_agent").rlike(botUserAgentPattern), lit(false));
        Dataset<Row> batch = valid
                .join(broadcast(duplicates(valid, earlier)), CollectionConverters.asScala(List.of("kafka_partition",
                        "kafka_offset")).toSeq(), "left")
                .withColumn(DUPLICATE, coalesce(col(DUPLICATE), lit(false)))
                .withColumn(GROUP_KEY, when(col("session_id").isNotNull(), concat(lit("s:"), col("session_id")))
                        .otherwise(concat(lit("k:"), sessionKey())))
                .withColumn("in_batch", lit(true))
                .withColumn("bot_agent", botAgent);
        // Earlier inferred sessions join the group of their key, to be continued; only time, id and session count.
        Dataset<Row> context = earlier.where(col("session_inferred"))
                .select(col("event_id"), col("event_time"), concat(lit("k:"), sessionKey()).as(GROUP_KEY),
                        col("session_id").as("known_session"), lit(false).as("in_batch"));
        Dataset<Row> timeline = batch.unionByName(context, true);
        StructType decided = valid.schema()
                .add(FATE, DataTypes.StringType)
                .add("session_inferred", DataTypes.BooleanType)
                .add("visit_start", DataTypes.TimestampType)
                .add("session_key", DataTypes.StringType);
        KeyGroupRules groups = new KeyGroupRules(timeline.schema(), valid.schema(), sessionGapSeconds,
                maxEventsPerMinute);
        return timeline.repartition(col(GROUP_KEY))
                .sortWithinPartitions(GROUP_KEY, "event_time", "event_id")
                .mapPartitions(groups, Encoders.row(decided))
                // a new visit is named as before: by its key and its first event's time, hashed by Spark
                .withColumn("session_id", when(col("visit_start").isNotNull(), concat(lit("a-"),
                        substring(sha2(concat(col("session_key"), lit("|"),
                                col("visit_start").cast(DataTypes.StringType)), 256), 1, 16)))
                        .otherwise(col("session_id")))
                .drop("visit_start", "session_key");
    }

    /**
     * The topic positions of the batch's duplicates: a later copy (by partition and offset) of an event id in the
     * batch, or an id staged earlier. Ids and positions only: a narrow shuffle, and a result that is broadcast.
     */
    private static Dataset<Row> duplicates(Dataset<Row> valid, Dataset<Row> earlier) {
        WindowSpec copies = Window.partitionBy("event_id").orderBy("kafka_partition", "kafka_offset");
        Dataset<Row> seen = earlier.select(col("event_id").as("seen_id")).distinct();
        return valid.select("event_id", "kafka_partition", "kafka_offset")
                .withColumn("copy", row_number().over(copies))
                .join(seen, col("event_id").equalTo(col("seen_id")), "left")
                .where(col("copy").gt(1).or(col("seen_id").isNotNull()))
                .select(col("kafka_partition"), col("kafka_offset"), lit(true).as(DUPLICATE));
    }

    /**
     * Marks duplicates and user-agent bots among the valid rows (column {@link #FATE}; null for the rest): the first
     * half of {@link #decide}, with the rows' sessions as they came.
     *
     * @param earlier staged rows of the days the batch touches
     */
    Dataset<Row> screen(Dataset<Row> valid, Dataset<Row> earlier) {
        Column screenedOut = col(FATE).isin(DUPLICATE, BOT_USER_AGENT);
        return decide(valid, earlier)
                .withColumn(FATE, when(screenedOut, col(FATE)))
                .withColumn("session_id", when(col("session_inferred").equalTo(true), lit(null)
                        .cast(DataTypes.StringType)).otherwise(col("session_id")))
                .drop("session_inferred");
    }

    /**
     * Gives every unscreened row a session (its own, or one inferred by inactivity) and marks rows of sessions
     * whose event rate is implausible for a person as {@link #BOT_RATE}, the rest as {@link #STAGED}: the second
     * half of {@link #decide}.
     *
     * @param candidates rows that are neither duplicates nor user-agent bots
     * @param earlier    staged rows of the days the batch touches and the days before
     */
    Dataset<Row> sessionize(Dataset<Row> candidates, Dataset<Row> earlier) {
        return decide(candidates, earlier);
    }

    /** Whose inactivity ends a session: the user when known, else the client (address and agent). */
    private static Column sessionKey() {
        return coalesce(concat(lit("u:"), col("user_id")), concat(lit("c:"), col("client_id")),
                concat(lit("e:"), col("event_id")));
    }
}
