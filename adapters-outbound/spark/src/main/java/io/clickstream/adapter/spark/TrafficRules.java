package io.clickstream.adapter.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.Duration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * What happens to each valid event of a batch: a duplicate (by event id, within the batch or of an earlier one),
 * bot traffic (by user agent, or by an implausible event rate in its session), or staged with a session, inferred
 * by inactivity per user or client when the source had none. Inferred sessions continue sessions staged earlier.
 */
final class TrafficRules {
    static final String FATE = "fate";
    static final String STAGED = "staged";
    static final String DUPLICATE = "duplicate";
    static final String BOT_USER_AGENT = "bot_user_agent";
    static final String BOT_RATE = "bot_rate";

    private static final long MINUTE_MILLIS = 60_000;

    private final String botUserAgentPattern;
    private final long sessionGapSeconds;
    private final int maxEventsPerMinute;

    TrafficRules(String botUserAgentPattern, Duration sessionGap, int maxEventsPerMinute) {
        this.botUserAgentPattern = botUserAgentPattern;
        this.sessionGapSeconds = sessionGap.toSeconds();
        this.maxEventsPerMinute = maxEventsPerMinute;
    }

    /**
     * Marks duplicates and user-agent bots among the valid rows (column {@link #FATE}; null for the rest).
     *
     * @param earlier staged rows of the days the batch touches
     */
    Dataset<Row> screen(Dataset<Row> valid, Dataset<Row> earlier) {
        WindowSpec copies = Window.partitionBy("event_id").orderBy("kafka_partition", "kafka_offset");
        Dataset<Row> seen = earlier.select(col("event_id").as("seen_id")).distinct();
        Dataset<Row> joined = valid.withColumn("copy", row_number().over(copies))
                .join(seen, col("event_id").equalTo(col("seen_id")), "left");
        Column botAgent = botUserAgentPattern.isEmpty() ? lit(false)
                : coalesce(col("user_agent").rlike(botUserAgentPattern), lit(false));
        return joined
                .withColumn(FATE, when(col("copy").gt(1).or(col("seen_id").isNotNull()), lit(DUPLICATE))
                        .when(botAgent, lit(BOT_USER_AGENT)))
                .drop("copy", "seen_id");
    }

    /**
     * Gives every unscreened row a session (its own, or one inferred by inactivity) and marks rows of sessions
     * whose event rate is implausible for a person as {@link #BOT_RATE}, the rest as {@link #STAGED}.
     *
     * @param candidates rows that are neither duplicates nor user-agent bots
     * @param earlier    staged rows of the days the batch touches and the days before
     */
    Dataset<Row> sessionize(Dataset<Row> candidates, Dataset<Row> earlier) {
        Dataset<Row> given = candidates.where(col("session_id").isNotNull())
                .withColumn("session_inferred", lit(false));
        Dataset<Row> needing = candidates.where(col("session_id").isNull()).withColumn("session_key", sessionKey());
        Dataset<Row> context = earlier.where(col("session_inferred"))
                .withColumn("session_key", sessionKey())
                .join(needing.select("session_key").distinct(), "session_key")
                .select(col("session_key"), col("event_time"), col("event_id"), col("session_id").as("known_session"));
        // The batch's rows go through the session windows whole, beside the earlier rows that give them context,
        // so no join by event id brings the inferred session back to them (two shuffles of the batch saved).
        Dataset<Row> timeline = needing.withColumn("known_session", lit(null).cast(DataTypes.StringType))
                .withColumn("in_batch", lit(true))
                .unionByName(context, true);
        WindowSpec byKey = Window.partitionBy("session_key").orderBy("event_time", "event_id");
        Column seconds = expr("unix_seconds(event_time)");
        Dataset<Row> grouped = timeline
                .withColumn("previous", lag(seconds, 1).over(byKey))
                .withColumn("starts", when(col("previous").isNull()
                        .or(seconds.minus(col("previous")).gt(sessionGapSeconds)), lit(1)).otherwise(lit(0)))
                .withColumn("visit", sum("starts").over(byKey.rowsBetween(Window.unboundedPreceding(),
                        Window.currentRow())));
        WindowSpec byVisit = Window.partitionBy("session_key", "visit");
        Dataset<Row> inferred = grouped
                .withColumn("inferred", coalesce(min("known_session").over(byVisit),
                        concat(lit("a-"), substring(sha2(concat(col("session_key"), lit("|"),
                                min("event_time").over(byVisit).cast(DataTypes.StringType)), 256), 1, 16))))
                .where(col("in_batch").isNotNull())
                .withColumn("session_id", col("inferred"))
                .withColumn("session_inferred", lit(true))
                .drop("known_session", "in_batch", "previous", "starts", "visit", "inferred", "session_key");
        Dataset<Row> sessions = given.unionByName(inferred);
        WindowSpec lastMinute = Window.partitionBy("session_id").orderBy(expr("unix_millis(event_time)"))
                .rangeBetween(-(MINUTE_MILLIS - 1), 0);
        return sessions
                .withColumn("per_minute", count(lit(1)).over(lastMinute))
                .withColumn("peak", max("per_minute").over(Window.partitionBy("session_id")))
                .withColumn(FATE, when(col("peak").gt(maxEventsPerMinute), lit(BOT_RATE)).otherwise(lit(STAGED)))
                .drop("per_minute", "peak");
    }

    /** Whose inactivity ends a session: the user when known, else the client (address and agent). */
    private static Column sessionKey() {
        return coalesce(concat(lit("u:"), col("user_id")), concat(lit("c:"), col("client_id")),
                concat(lit("e:"), col("event_id")));
    }
}
