package io.clickstream.adapter.spark;

import io.clickstream.adapter.localfs.LocalFsDataLakeAdapter;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.ZonePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A lake on local disk with its own Hive database whose staging tables hold rows a test writes directly, as
 * staging would: Parquet files in partition folders, then the partitions registered. Shares the JVM's one Spark
 * session; started here, its embedded Derby metastore is under {@code target/spark-train-it/spark}, apart from the
 * staging tests' one, because an embedded Derby database admits only one JVM at a time.
 */
final class StagedRowsFixture {
    static final Path TARGET = Path.of(System.getProperty("basedir", "."), "target").toAbsolutePath().normalize();
    private static final StructType SCHEMA = new StructType()
            .add("event_id", DataTypes.StringType).add("event_time", DataTypes.TimestampType)
            .add("user_id", DataTypes.StringType).add("session_id", DataTypes.StringType)
            .add("session_inferred", DataTypes.BooleanType).add("item_id", DataTypes.StringType)
            .add("query", DataTypes.StringType).add("client_id", DataTypes.StringType)
            .add("batch_id", DataTypes.StringType).add("source", DataTypes.StringType)
            .add("event_type", DataTypes.StringType).add("dt", DataTypes.StringType);

    final String database;
    final DataLake lake;
    final SparkStagingSettings spark;

    private StagedRowsFixture(String database, DataLake lake, SparkStagingSettings spark) {
        this.database = database;
        this.lake = lake;
        this.spark = spark;
    }

    /** A fresh lake on local disk and database; {@code withTables} false leaves the metastore without tables. */
    static StagedRowsFixture create(String name, boolean withTables) {
        Path dir = TARGET.resolve("spark-train-it").resolve(name);
        deleteRecursively(dir);
        return create(name, new LocalFsDataLakeAdapter(dir.resolve("lake")), null, withTables);
    }

    /** A fresh database over {@code lake}; {@code s3} for a lake in an S3-compatible store, else null. */
    static StagedRowsFixture create(String name, DataLake lake, SparkStagingSettings.S3aOptions s3,
                                    boolean withTables) {
        String database = "train_" + name + "_" + ProcessHandle.current().pid();
        SparkStagingSettings settings = SparkStagingSettings.defaults(TARGET.resolve("spark-train-it").resolve("spark"),
                        "127.0.0.1:9")
                .withMetastore("", database)
                .withSparkConf(Map.of("spark.sql.shuffle.partitions", "4"))
                .withMaster("local[2]");
        if (s3 != null) {
            settings = settings.withS3(s3);
        }
        StagedRowsFixture fixture = new StagedRowsFixture(database, lake, settings);
        if (withTables) {
            SparkSessions.useLake(fixture.session(), settings, lake.location(LakeLayout.stagingInteractions()));
            fixture.tables().ensure(lake.location(LakeLayout.stagingInteractions()),
                    lake.location(LakeLayout.stagingQuarantine()));
        }
        return fixture;
    }

    SparkSession session() {
        return SparkSessions.getOrCreate(spark);
    }

    StagingTables tables() {
        return new StagingTables(session(), database);
    }

    /** Writes the events into their partition folders and registers the partitions, as a staging batch does. */
    void stage(List<Event> events) {
        List<Row> rows = new ArrayList<>();
        Set<List<String>> partitions = new LinkedHashSet<>();
        for (Event e : events) {
            String dt = e.time().atOffset(ZoneOffset.UTC).toLocalDate().toString();
            rows.add(RowFactory.create(e.id(), Timestamp.from(e.time()), e.user(), e.session(), false, e.item(),
                    e.item() == null ? "shoes" : null, "c1", "b1", e.source(), e.type(), dt));
            partitions.add(List.of("source=" + e.source(), "event_type=" + e.type(), "dt=" + dt));
        }
        session().createDataFrame(rows, SCHEMA).write().mode(SaveMode.Append)
                .partitionBy("source", "event_type", "dt")
                .parquet(lake.location(LakeLayout.stagingInteractions()).toString());
        StagingTables tables = tables();
        tables.addPartitions(tables.interactions(), partitions);
    }

    /** The lines of a sequence file as the trainer reads it: the file, or its folder's part files in name order. */
    static List<String> lines(DataLake lake, ZonePath dataset, String name) {
        ZonePath single = dataset.resolve(name);
        List<String> lines = new ArrayList<>();
        lake.list(dataset).stream().map(DataLake.LakeObject::path)
                .filter(p -> p.equals(single) || (p.relative().startsWith(single.relative() + "/")
                        && p.name().startsWith("part-") && !p.name().endsWith(".crc")))
                .sorted()
                .forEach(p -> new String(lake.read(p).orElseThrow(), StandardCharsets.UTF_8).lines()
                        .filter(l -> !l.isEmpty()).forEach(lines::add));
        return lines;
    }

    static String text(DataLake lake, ZonePath path) {
        return new String(lake.read(path).orElseThrow(() -> new AssertionError(path + " is missing")),
                StandardCharsets.UTF_8);
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One staged event; {@code item} null for a search. */
    record Event(String id, Instant time, String source, String type, String user, String session, String item) {
        static Event view(String id, String time, String user, String session, String item) {
            return new Event(id, Instant.parse(time), "weblog", "view", user, session, item);
        }

        static Event of(String id, String time, String source, String type, String user, String session,
                        String item) {
            return new Event(id, Instant.parse(time), source, type, user, session, item);
        }
    }
}
