package io.clickstream.adapter.spark;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.clickstream.domain.EventType;
import io.clickstream.domain.InteractionSequence;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The Spark SQL that turns staged interactions into {@link InteractionSequence} lines: item events of a window,
 * grouped into sessions and user histories, each sorted by time (ties by event id) and cut to its latest steps.
 */
final class SequenceQueries {
    static final String TRAIN = "train";
    static final String HOLDOUT = "holdout";
    /** Event types that are sequence steps: the ones about an item (a search without an item is not). */
    static final List<String> STEP_TYPES = Arrays.stream(EventType.values()).filter(EventType::requiresItem)
            .map(EventType::wireName).toList();
    /** A token of the line format may hold no white space or control character. */
    private static final String NOT_A_TOKEN = "[\\s\\p{Cntrl}]";

    private SequenceQueries() {
    }

    /** Item events of the staged table inside {@code [start, end]}; reads only the partitions the window touches. */
    static Dataset<Row> windowRows(Dataset<Row> interactions, TrainingWindow window) {
        return interactions
                .where(col("dt").geq(window.firstDay()).and(col("dt").leq(window.lastDay())))
                .where(col("event_type").isin(STEP_TYPES.toArray()))
                .where(col("item_id").isNotNull())
                .where(col("event_time").geq(lit(window.start())).and(col("event_time").leq(lit(window.end()))));
    }

    /** An item id the line format cannot carry; such steps are skipped and counted, never written broken. */
    static Column invalidItem() {
        return col("item_id").rlike(NOT_A_TOKEN);
    }

    /** A user id the line format cannot carry: the step is kept, as an anonymous one. */
    static Column invalidUser() {
        return col("user_id").isNotNull().and(col("user_id").rlike(NOT_A_TOKEN));
    }

    /**
     * Per staging partition that gave rows to the window: {@code source, event_type, dt}, its number of rows and of
     * rows skipped or changed. One row per partition, not per event: small enough for the driver.
     */
    static List<Row> inputByPartition(Dataset<Row> rows) {
        return rows.groupBy("source", "event_type", "dt").agg(count(lit(1)).as("events"),
                count(when(invalidItem(), lit(1))).as("invalid_items"),
                count(when(invalidItem().unary_$bang().and(col("session_id").isNull()), lit(1))).as("no_session"),
                count(when(invalidUser(), lit(1))).as("invalid_users")).collectAsList();
    }

    /**
     * One row per session: {@code sequence_id}, {@code user_id} (the last known user of the session),
     * {@code start} (its first step in the window), {@code steps} (count of steps kept), {@code split}
     * ({@link #HOLDOUT} when it starts at or after {@code holdoutStart}), {@code items} and the {@code line}.
     */
    static Dataset<Row> sessions(Dataset<Row> rows, Instant holdoutStart, int maxLength) {
        Dataset<Row> steps = rows
                .where(invalidItem().unary_$bang().and(col("session_id").isNotNull()))
                .select(regexp_replace(col("session_id"), NOT_A_TOKEN, "_").as("sequence_id"),
                        struct(col("event_time").as("t"), col("event_id").as("id"), col("item_id").as("item"),
                                stepCode().as("code"), when(invalidUser().unary_$bang(), col("user_id")).as("user"))
                                .as("step"));
        // structs sort field by field: by time, then event id, so equal times always come out in the same order
        return steps.groupBy("sequence_id").agg(array_sort(collect_list("step")).as("all"))
                .select(col("sequence_id"),
                        expr("try_element_at(filter(all, s -> s.user IS NOT NULL), -1).user").as("user_id"),
                        expr("all[0].t").as("start"),
                        latest("all", maxLength).as("kept"))
                .select(col("sequence_id"), col("user_id"), col("start"),
                        size(col("kept")).as("steps"),
                        when(col("start").geq(lit(holdoutStart)), lit(HOLDOUT)).otherwise(lit(TRAIN)).as("split"),
                        expr("transform(kept, s -> s.item)").as("items"),
                        line(col("sequence_id"), coalesce(col("user_id"), lit("")), "kept").as("line"));
    }

    /** One row per known user: {@code user_id}, {@code steps} and the {@code line} of the latest steps. */
    static Dataset<Row> userHistories(Dataset<Row> rows, int maxLength) {
        return rows.where(invalidItem().unary_$bang().and(col("user_id").isNotNull())
                        .and(invalidUser().unary_$bang()))
                .select(col("user_id"), struct(col("event_time").as("t"), col("event_id").as("id"),
                        col("item_id").as("item"), stepCode().as("code")).as("step"))
                .groupBy("user_id").agg(array_sort(collect_list("step")).as("all"))
                .select(col("user_id"), latest("all", maxLength).as("kept"))
                .select(col("user_id"), size(col("kept")).as("steps"),
                        line(col("user_id"), col("user_id"), "kept").as("line"));
    }

    private static Column latest(String sortedSteps, int maxLength) {
        return expr("slice(" + sortedSteps + ", greatest(1, size(" + sortedSteps + ") - " + maxLength + " + 1), "
                + maxLength + ")");
    }

    /** {@code id TAB user TAB item:code:millis ...}, the format {@link InteractionSequence#toLine()} defines. */
    private static Column line(Column sequenceId, Column userId, String steps) {
        return concat_ws("\t", sequenceId, userId, expr("array_join(transform(" + steps
                + ", s -> concat(s.item, ':', s.code, ':', CAST(unix_millis(s.t) AS STRING))), ' ')"));
    }

    private static Column stepCode() {
        Column code = null;
        for (String type : STEP_TYPES) {
            Column branch = col("event_type").equalTo(type);
            code = code == null ? when(branch, lit(codeOf(type))) : code.when(branch, lit(codeOf(type)));
        }
        return code;
    }

    /** The step code as the domain writes it, taken from {@link InteractionSequence#toLine()} so both always agree. */
    static String codeOf(String eventType) {
        String line = new InteractionSequence("x", null, List.of(new InteractionSequence.Step("i",
                EventType.fromWireName(eventType), Instant.EPOCH))).toLine();
        String step = line.substring(line.lastIndexOf('\t') + 1);
        return step.substring(step.indexOf(':') + 1, step.lastIndexOf(':'));
    }
}
