package io.clickstream.adapter.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.from_csv;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.clickstream.application.port.out.LandingFormat;
import io.clickstream.domain.EventType;
import io.clickstream.domain.Source;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The cleaning rules of staging as Spark column expressions: parse the landing CSV row of each raw-topic message,
 * give a quarantine reason to rows that fail the schema, normalise ids and text, and derive the client of a
 * weblog row from its original access-log line. Pure functions of a batch, so a replayed batch cleans identically.
 */
final class EventCleaning {
    static final String REASON = "reason";

    static final String UNPARSEABLE_CSV = "unparseable_csv";
    static final String OVERSIZED_FIELD = "oversized_field";
    static final String MISSING_EVENT_ID = "missing_event_id";
    static final String BAD_TIME = "bad_time";
    static final String UNKNOWN_SOURCE = "unknown_source";
    static final String UNKNOWN_EVENT_TYPE = "unknown_event_type";
    static final String MISSING_ITEM = "missing_item";
    /** Every quarantine reason, in the order the rules are tried. */
    static final List<String> REASONS = List.of(UNPARSEABLE_CSV, OVERSIZED_FIELD, MISSING_EVENT_ID, BAD_TIME,
            UNKNOWN_SOURCE, UNKNOWN_EVENT_TYPE, MISSING_ITEM);

    private static final List<String> FIELDS = List.of("event_id", "event_time", "source", "event_type", "user_id",
            "session_id", "item_id", "query", "raw");
    private static final String CORRUPT = "_corrupt";
    private static final StructType CSV_SCHEMA = csvSchema();
    /** ISO-8601 with a UTC offset, as the landing CSV writes instants ({@code 2026-11-21T10:00:00.123Z}). */
    private static final String ISO_INSTANT = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$";
    /** The client address: the first field of common and combined log lines. */
    private static final String CLIENT_ADDRESS = "^(\\S+) ";
    /**
     * The user agent: the quoted field after status, bytes and referer of a combined line. Each quoted field is
     * {@code "(?:[^"\\]|\\.)*"} written as an unrolled loop of possessive runs: the same language, matched in one
     * pass without a backtracking frame per character (regexes were a fifth of the stage job's CPU before, see
     * docs/PERFORMANCE.md).
     */
    private static final String USER_AGENT = "^\\S++ \\S++ \\S++ \\[[^\\]]*+\\] " + quoted(false) + " \\d{3} \\S++ "
            + quoted(false) + " " + quoted(true);
    /** White space and control characters, {@code [\s\p{Cntrl}]}: U+0000..U+0020 and U+007F. */
    private static final String EDGE_CHARACTERS = edgeCharacters();

    private final int maxFieldLength;
    private final int maxRawLength;

    EventCleaning(int maxFieldLength, int maxRawLength) {
        this.maxFieldLength = maxFieldLength;
        this.maxRawLength = maxRawLength;
    }

    /**
     * One row per raw-topic message: its Kafka position, the parsed and normalised landing fields, the quarantine
     * {@link #REASON} (null for a valid row), and for valid rows the event time, {@code dt}, client and user agent.
     */
    Dataset<Row> classify(Dataset<Row> kafka) {
        Dataset<Row> messages = kafka.select(
                col("partition").as("kafka_partition"),
                col("offset").as("kafka_offset"),
                col("timestamp").as("kafka_timestamp"),
                col("value").cast(DataTypes.StringType).as("value"),
                expr("try_element_at(transform(filter(headers, h -> h.key = 'batch_id'), "
                        + "h -> CAST(h.value AS STRING)), 1)").as("batch_id"));
        Dataset<Row> parsed = messages.withColumn("csv", from_csv(col("value"), lit(CSV_SCHEMA.toDDL()),
                Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT, "escape", "\"")))
                .withColumn("csv", unescapedCells());
        Dataset<Row> fields = parsed.select(
                col("kafka_partition"), col("kafka_offset"), col("kafka_timestamp"), col("value"), col("batch_id"),
                col("csv." + CORRUPT).as(CORRUPT),
                clean(col("csv.event_id")).as("event_id_text"),
                lower(clean(col("csv.event_id"))).as("event_id"),
                clean(col("csv.event_time")).as("event_time_text"),
                lower(clean(col("csv.source"))).as("source"),
                lower(clean(col("csv.event_type"))).as("event_type"),
                absentAsNull(clean(col("csv.user_id"))).as("user_id"),
                absentAsNull(clean(col("csv.session_id"))).as("session_id"),
                lower(absentAsNull(clean(col("csv.item_id")))).as("item_id"),
                nullif(lower(regexp_replace(clean(col("csv.query")), "\\s+", " ")), lit("")).as("query"),
                col("csv.raw").as("raw"));
        Dataset<Row> reasoned = fields
                .withColumn("event_time", expr("try_cast(event_time_text AS TIMESTAMP)"))
                .withColumn(REASON, reason());
        Column weblog = col("source").equalTo(Source.WEBLOG.wireName()).and(col(REASON).isNull());
        Column address = nullif(regexp_extract(col("raw"), CLIENT_ADDRESS, 1), lit(""));
        Column agent = regexp_extract(col("raw"), USER_AGENT, 1);
        return reasoned
                .withColumn("dt", date_format(col("event_time"), "yyyy-MM-dd"))
                .withColumn("user_agent", when(weblog, agent))
                .withColumn("client_id", when(weblog.and(address.isNotNull()),
                        substring(sha2(concat(address, lit("|"), agent), 256), 1, 16)))
                // the message text is kept only where the quarantine needs it: the batch is cached, and the
                // original record would triple its size for nothing staging keeps
                .withColumn("value", when(col(REASON).isNotNull(), col("value")))
                .drop(CORRUPT, "event_id_text", "event_time_text", "raw");
    }

    private Column reason() {
        Column value = col("value");
        Column oversized = greatest(length(col("event_id_text")), length(col("event_time_text")), length(col("source")),
                length(col("event_type")), length(col("user_id")), length(col("session_id")), length(col("item_id")),
                length(col("query")), lit(0));
        List<String> eventTypes = Arrays.stream(EventType.values()).map(EventType::wireName).toList();
        List<String> itemTypes = Arrays.stream(EventType.values()).filter(EventType::requiresItem)
                .map(EventType::wireName).toList();
        List<String> sources = Arrays.stream(Source.values()).map(Source::wireName).toList();
        return when(value.isNull().or(value.equalTo("")).or(col(CORRUPT).isNotNull()), lit(UNPARSEABLE_CSV))
                .when(oversized.gt(maxFieldLength).or(coalesce(length(col("raw")), lit(0)).gt(maxRawLength)),
                        lit(OVERSIZED_FIELD))
                .when(col("event_id").isNull(), lit(MISSING_EVENT_ID))
                .when(col("event_time_text").isNull().or(col("event_time_text").rlike(ISO_INSTANT).unary_$bang())
                        .or(col("event_time").isNull()), lit(BAD_TIME))
                .when(col("source").isNull().or(col("source").isin(sources.toArray()).unary_$bang()),
                        lit(UNKNOWN_SOURCE))
                .when(col("event_type").isNull().or(col("event_type").isin(eventTypes.toArray()).unary_$bang()),
                        lit(UNKNOWN_EVENT_TYPE))
                .when(col("event_type").isin(itemTypes.toArray()).and(col("item_id").isNull()), lit(MISSING_ITEM));
    }

    /** Trims white space and control characters at both ends; an empty value is absent. */
    private static Column clean(Column c) {
        return nullif(trim(c, EDGE_CHARACTERS), lit(""));
    }

    /** A double-quoted field with backslash escapes; {@code capture}: the text between the quotes is group 1. */
    private static String quoted(boolean capture) {
        String body = "[^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+";
        return "\"" + (capture ? "(" + body + ")" : body) + "\"";
    }

    private static String edgeCharacters() {
        StringBuilder chars = new StringBuilder();
        for (char c = 0; c <= ' '; c++) {
            chars.append(c);
        }
        return chars.append('\u007f').toString();
    }

    /** Access logs write {@code -} for "none". */
    private static Column absentAsNull(Column c) {
        return when(c.equalTo("-"), lit(null).cast(DataTypes.StringType)).otherwise(c);
    }

    /** The parsed cells with the landing format's formula escape removed ({@link LandingFormat#unescapeCell}). */
    private static Column unescapedCells() {
        String escaped = "^" + Pattern.quote(String.valueOf(LandingFormat.CELL_ESCAPE));
        Column[] cells = Arrays.stream(CSV_SCHEMA.fieldNames())
                .map(f -> (f.equals(CORRUPT) ? col("csv." + f) : regexp_replace(col("csv." + f), escaped, "")).as(f))
                .toArray(Column[]::new);
        return struct(cells);
    }

    private static StructType csvSchema() {
        StructType schema = new StructType();
        for (String field : FIELDS) {
            schema = schema.add(field, DataTypes.StringType);
        }
        return schema.add(CORRUPT, DataTypes.StringType);
    }
}
