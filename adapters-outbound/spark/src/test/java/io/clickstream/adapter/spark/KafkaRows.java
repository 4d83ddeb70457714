package io.clickstream.adapter.spark;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Builds a Dataset shaped like what Spark's Kafka source yields, from message values. */
final class KafkaRows {
    static final StructType SCHEMA = new StructType()
            .add("key", DataTypes.BinaryType)
            .add("value", DataTypes.BinaryType)
            .add("topic", DataTypes.StringType)
            .add("partition", DataTypes.IntegerType)
            .add("offset", DataTypes.LongType)
            .add("timestamp", DataTypes.TimestampType)
            .add("timestampType", DataTypes.IntegerType)
            .add("headers", DataTypes.createArrayType(new StructType()
                    .add("key", DataTypes.StringType).add("value", DataTypes.BinaryType)));

    private KafkaRows() {
    }

    static Dataset<Row> of(SparkSession spark, List<String> values) {
        List<Row> rows = new ArrayList<>();
        Timestamp at = Timestamp.from(Instant.parse("2026-11-22T08:00:00Z"));
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            rows.add(RowFactory.create(null, v == null ? null : v.getBytes(StandardCharsets.UTF_8), "t", 0, (long) i,
                    at, 0, List.of(RowFactory.create("batch_id", "b1".getBytes(StandardCharsets.UTF_8)))));
        }
        return spark.createDataFrame(rows, SCHEMA);
    }
}
