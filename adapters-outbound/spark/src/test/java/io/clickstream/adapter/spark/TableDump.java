package io.clickstream.adapter.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Both staging tables as sorted text lines (partitions, then every row), to compare two lakes exactly. */
final class TableDump {
    private TableDump() {
    }

    static List<String> of(SparkSession spark, String database) {
        List<String> lines = new ArrayList<>();
        for (String table : List.of("interactions", "quarantine")) {
            String name = database + "." + table;
            spark.catalog().refreshTable(name);
            spark.sql("SHOW PARTITIONS " + name).collectAsList()
                    .forEach(r -> lines.add("partition " + table + " " + r.getString(0)));
            // sorted in Spark, columns in a fixed order (the table's), every value as text
            spark.sql("SELECT * FROM " + name).collectAsList().stream()
                    .map(r -> table + " " + text(r))
                    .sorted()
                    .forEach(lines::add);
        }
        return lines;
    }

    private static String text(Row r) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < r.length(); i++) {
            values.add(r.isNullAt(i) ? "\\N" : String.valueOf(r.get(i)));
        }
        return values.stream().collect(Collectors.joining("\t"));
    }
}
