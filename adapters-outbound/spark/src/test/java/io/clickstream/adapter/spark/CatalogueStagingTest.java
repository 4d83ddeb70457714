package io.clickstream.adapter.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.adapter.localfs.LocalFsDataLakeAdapter;
import io.clickstream.domain.LakeLayout;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The landed catalogue staged as a Hive table, the newest row per item, on a lake on local disk. */
class CatalogueStagingTest {
    private static final String HEADER = "item_id,categories,available,hidden,updated_at\r\n";

    @Test
    void the_table_holds_the_newest_row_of_each_item_and_follows_a_later_change() {
        LocalFsDataLakeAdapter lake = new LocalFsDataLakeAdapter(TestEnvironment.freshDir("catalogue").resolve("lake"));
        String db = TestEnvironment.unique("catalogue");
        SparkSession spark = TestEnvironment.spark();
        spark.sql("CREATE DATABASE IF NOT EXISTS " + db);
        CatalogueStaging staging = new CatalogueStaging(spark, db, lake, Clock.systemUTC());
        assertThat(staging.stage()).isEqualTo(-1);

        land(lake, "csv", "b1", "i1,a|b,true,false,2026-03-01T00:00:00Z\r\ni2,c,true,false,2026-03-01T00:00:00Z\r\n"
                + "'=i3,,false,true,2026-03-01T00:00:00Z\r\n");
        land(lake, "opensearch", "b2", "i1,a,false,false,2026-03-02T00:00:00Z\r\ni2,d,true,false,2026-02-01T00:00:00Z\r\n");

        assertThat(staging.stage()).isEqualTo(3);
        assertThat(rows(spark, staging)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "=i3", "[]|false|true|2026-03-01T00:00:00Z",
                "i1", "[a]|false|false|2026-03-02T00:00:00Z",
                "i2", "[c]|true|false|2026-03-01T00:00:00Z")));

        land(lake, "csv", "b3", "i2,c|e,false,false,2026-03-03T00:00:00Z\r\n");

        assertThat(staging.stage()).isEqualTo(3);
        assertThat(rows(spark, staging).get("i2")).isEqualTo("[c, e]|false|false|2026-03-03T00:00:00Z");
    }

    private static void land(LocalFsDataLakeAdapter lake, String source, String batch, String rows) {
        lake.write(LakeLayout.landingCatalogueBatch(source, batch), (HEADER + rows).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> rows(SparkSession spark, CatalogueStaging staging) {
        Map<String, String> rows = new TreeMap<>();
        for (Row r : spark.sql("SELECT item_id, categories, available, hidden, "
                + "date_format(updated_at, \"yyyy-MM-dd'T'HH:mm:ss'Z'\") FROM " + staging.table()).collectAsList()) {
            List<String> categories = r.getList(1);
            rows.put(r.getString(0), categories.stream().sorted().toList() + "|" + r.getBoolean(2) + "|" + r.getBoolean(3)
                    + "|" + r.getString(4));
        }
        return rows;
    }
}
