package io.clickstream.adapter.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class TrafficRulesTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final StructType TABLE = new StructType()
            .add("event_id", DataTypes.StringType).add("event_time", DataTypes.TimestampType)
            .add("user_id", DataTypes.StringType).add("session_id", DataTypes.StringType)
            .add("session_inferred", DataTypes.BooleanType).add("item_id", DataTypes.StringType)
            .add("query", DataTypes.StringType).add("client_id", DataTypes.StringType)
            .add("batch_id", DataTypes.StringType).add("source", DataTypes.StringType)
            .add("event_type", DataTypes.StringType).add("dt", DataTypes.StringType);

    private final TrafficRules rules = new TrafficRules(
            SparkStagingSettings.botUserAgentPattern(SparkStagingSettings.DEFAULT_BOT_USER_AGENTS),
            Duration.ofMinutes(30), 60);
    private final EventCleaning cleaning = new EventCleaning(1024, 65536);
    private final List<String> rows = new ArrayList<>();

    private void view(String id, Instant at, String ip, String user, String agent) {
        String line = ip + " - " + (user == null ? "-" : user) + " [21/Nov/2026:10:00:00 +0000] \"GET /product/i1 "
                + "HTTP/1.1\" 200 100 \"-\" \"" + agent + "\" \"-\"";
        rows.add(String.join(",", id, at.toString(), "weblog", "view", user == null ? "" : user, "", "i1", "",
                "\"" + line.replace("\"", "\"\"") + "\""));
    }

    private Map<String, Row> decide(Dataset<Row> earlier) {
        SparkSession spark = TestEnvironment.spark();
        Dataset<Row> valid = cleaning.classify(KafkaRows.of(spark, rows)).where(col("reason").isNull());
        Dataset<Row> screened = rules.screen(valid, earlier);
        Map<String, Row> byId = new HashMap<>();
        screened.where(col("fate").isNotNull()).collectAsList().forEach(r -> byId.put(r.getAs("event_id"), r));
        rules.sessionize(screened.where(col("fate").isNull()).drop("fate"), earlier).collectAsList()
                .forEach(r -> byId.put(r.getAs("event_id"), r));
        return byId;
    }

    @Test
    void a_browser_fetching_pages_faster_than_a_person_is_a_bot_and_crawlers_are_known_by_their_agent() {
        for (int i = 0; i < 70; i++) {
            view("fast" + i, T0.plusMillis(400L * i), "198.51.100.9", null, "Mozilla/5.0 (Windows NT 10.0)");
        }
        for (int i = 0; i < 5; i++) {
            view("calm" + i, T0.plusSeconds(120L * i), "198.51.100.10", null, "Mozilla/5.0 (Windows NT 10.0)");
        }
        view("crawler", T0, "66.249.66.1", null, "Mozilla/5.0 (compatible; Googlebot/2.1)");
        Map<String, Row> out = decide(TestEnvironment.spark().createDataFrame(List.of(), TABLE));
        assertThat(out).hasSize(76);
        for (int i = 0; i < 70; i++) {
            assertThat((String) out.get("fast" + i).getAs("fate")).isEqualTo("bot_rate");
        }
        assertThat((String) out.get("crawler").getAs("fate")).isEqualTo("bot_user_agent");
        String session = out.get("calm0").getAs("session_id");
        for (int i = 0; i < 5; i++) {
            assertThat((String) out.get("calm" + i).getAs("fate")).isEqualTo("staged");
            assertThat((String) out.get("calm" + i).getAs("session_id")).isEqualTo(session).startsWith("a-");
        }
    }

    @Test
    void inactivity_ends_a_session_and_an_earlier_staged_session_is_continued() {
        Timestamp earlierTime = Timestamp.from(T0.minus(Duration.ofMinutes(20)));
        Dataset<Row> earlier = TestEnvironment.spark().createDataFrame(List.of(
                RowFactory.create("old1", earlierTime, "u9", "a-old", true, "i1", null, null, "b0", "weblog", "view",
                        "2026-11-21"),
                RowFactory.create("dup", earlierTime, "u8", "s-x", false, "i1", null, null, "b0", "weblog", "view",
                        "2026-11-21")), TABLE);
        view("near", T0, "203.0.113.5", "u9", "Mozilla/5.0");
        view("later", T0.plus(Duration.ofMinutes(45)), "203.0.113.5", "u9", "Mozilla/5.0");
        view("dup", T0, "203.0.113.6", "u8", "Mozilla/5.0");
        Map<String, Row> out = decide(earlier);
        assertThat((String) out.get("near").getAs("session_id")).isEqualTo("a-old");
        assertThat((String) out.get("later").getAs("session_id")).startsWith("a-").isNotEqualTo("a-old");
        assertThat((boolean) out.get("later").getAs("session_inferred")).isTrue();
        assertThat((String) out.get("dup").getAs("fate")).isEqualTo("duplicate");
    }
}
