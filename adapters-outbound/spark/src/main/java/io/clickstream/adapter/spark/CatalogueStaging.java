package io.clickstream.adapter.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.to_timestamp;

import io.clickstream.application.port.out.DataLake;
import io.clickstream.domain.LakeLayout;
import java.time.Clock;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * The landed catalogue as the Hive table {@code catalogue}: the newest row per item (by {@code updated_at}, then the
 * later batch path and row), rewritten whole on every stage into a new {@code staging/catalogue/snapshot=<ms>} folder
 * that the table is then pointed at, so a reader sees the old snapshot or the new one, never half of one. The simplest
 * correct thing: the catalogue is small next to the clickstream.
 */
final class CatalogueStaging {
    static final String TABLE = "catalogue";

    private final SparkSession spark;
    private final String database;
    private final DataLake lake;
    private final Clock clock;

    CatalogueStaging(SparkSession spark, String database, DataLake lake, Clock clock) {
        this.spark = spark;
        this.database = database;
        this.lake = lake;
        this.clock = clock;
    }

    String table() {
        return database + "." + TABLE;
    }

    /** Stages the catalogue; returns how many items it holds, or -1 when no catalogue was ever landed. */
    long stage() {
        if (lake.list(LakeLayout.landingCatalogue()).stream().noneMatch(o -> o.path().name().endsWith(".csv"))) {
            return -1;
        }
        Dataset<Row> rows = spark.read().option("header", "true").option("recursiveFileLookup", "true")
                .option("pathGlobFilter", "*.csv").option("multiLine", "true")
                .csv(StagingTables.literal(lake.location(LakeLayout.landingCatalogue())))
                .withColumn("file", input_file_name())
                .withColumn("row", monotonically_increasing_id());
        Dataset<Row> newest = rows
                .withColumn("updated", to_timestamp(col("updated_at")))
                .withColumn("rank", row_number().over(Window.partitionBy(unescaped("item_id"))
                        .orderBy(col("updated").desc(), col("file").desc(), col("row").desc())))
                .where(col("rank").equalTo(1))
                .select(unescaped("item_id").as("item_id"),
                        expr("filter(split(regexp_replace(coalesce(categories, ''), '^''', ''), '[|]'), c -> c != '')")
                                .as("categories"),
                        col("available").equalTo("true").as("available"),
                        col("hidden").equalTo("true").as("hidden"),
                        col("updated").as("updated_at"));
        String snapshot = StagingTables.literal(lake.location(LakeLayout.stagingCatalogue().resolve("snapshot=" + clock.millis())));
        newest.write().parquet(snapshot);
        spark.sql("CREATE EXTERNAL TABLE IF NOT EXISTS " + table() + " (item_id STRING, categories ARRAY<STRING>, "
                + "available BOOLEAN, hidden BOOLEAN, updated_at TIMESTAMP) "
                + "COMMENT 'the shop catalogue: newest row per item' STORED AS PARQUET LOCATION '" + snapshot + "'");
        spark.sql("ALTER TABLE " + table() + " SET LOCATION '" + snapshot + "'");
        spark.catalog().refreshTable(table());
        return spark.table(table()).count();
    }

    /** The landing CSV escapes a cell a spreadsheet would run as a formula with a leading quote. */
    private static Column unescaped(String column) {
        return regexp_replace(col(column), "^'", "");
    }
}
