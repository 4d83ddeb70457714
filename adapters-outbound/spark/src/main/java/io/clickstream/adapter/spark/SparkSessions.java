package io.clickstream.adapter.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one Spark session a process uses for staging (and later training data): Hive support with an
 * embedded Derby or a remote metastore, every scratch folder under the data dir, s3a wired for the lake.
 */
final class SparkSessions {

    private SparkSessions() {
    }

    /**
     * The process's session, created on first use. Spark allows one active context per JVM: a session that already
     * exists is reused as it is (its master and metastore were fixed when it started).
     */
    static synchronized SparkSession getOrCreate(SparkStagingSettings settings) {
        prepareFolders(settings);
        SparkSession.Builder builder = SparkSession.builder()
                .appName("clickstream-staging")
                .master(settings.sparkMaster())
                .enableHiveSupport();
        conf(settings).forEach(builder::config);
        SparkSession session = builder.getOrCreate();
        warmUp();
        return session;
    }

    /**
     * Pays one-time JVM costs at session start instead of in the first job: Spark 4's collation-aware string
     * functions fill ICU case-mapping tables in a static initialiser on first use (about 2 s of CPU here, measured
     * in the first stage job's profile).
     */
    private static void warmUp() {
        try {
            Class.forName("org.apache.spark.sql.catalyst.util.CollationAwareUTF8String", true,
                    SparkSessions.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // another Spark version: nothing to warm
        }
    }

    /** Every property the session starts with, so a test or an operator can see them in one place. */
    static Map<String, String> conf(SparkStagingSettings settings) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.sql.session.timeZone", "UTC");
        conf.put("spark.ui.enabled", "false");
        conf.put("spark.local.dir", settings.scratchDir().resolve("local").toString());
        conf.put("spark.sql.warehouse.dir", settings.warehouseDir().toUri().toString());
        conf.put("spark.sql.shuffle.partitions", "8");
        conf.put("spark.sql.adaptive.enabled", "true");
        // A stage batch is cached for a few passes and dropped: encoding it compressed cost more CPU than the passes
        conf.put("spark.sql.inMemoryColumnarStorage.compressed", "false");
        // Hive-compatible Parquet (INT96 timestamps), readable by Hive itself and by Spark
        conf.put("spark.sql.parquet.writeLegacyFormat", "true");
        conf.put("spark.sql.sources.partitionOverwriteMode", "static");
        if (settings.localMaster()) {
            conf.put("spark.driver.host", "127.0.0.1");
            conf.put("spark.driver.bindAddress", "127.0.0.1");
        }
        Path hiveScratch = settings.scratchDir().resolve("hive");
        conf.put("spark.hadoop.hive.exec.scratchdir", hiveScratch.resolve("scratch").toString());
        conf.put("spark.hadoop.hive.exec.local.scratchdir", hiveScratch.resolve("local").toString());
        conf.put("spark.hadoop.hive.downloaded.resources.dir", hiveScratch.resolve("resources").toString());
        conf.put("spark.hadoop.hive.querylog.location", hiveScratch.resolve("querylog").toString());
        if (settings.embeddedMetastore()) {
            conf.put("spark.hadoop.javax.jdo.option.ConnectionURL", "jdbc:derby:;databaseName="
                    + settings.metastoreDir().resolve("metastore_db") + ";create=true");
            conf.put("spark.hadoop.datanucleus.schema.autoCreateAll", "true");
            conf.put("spark.hadoop.hive.metastore.schema.verification", "false");
        } else {
            conf.put("spark.hadoop.hive.metastore.uris", settings.metastoreUris());
        }
        // only the s3a file system reads these, so they are harmless for a lake on local disk
        conf.putAll(s3a(settings.s3()));
        conf.put("spark.hadoop.fs.s3a.buffer.dir", settings.scratchDir().resolve("s3a").toString());
        conf.putAll(settings.sparkConf());
        return conf;
    }

    /**
     * Makes the lake's file system use this adapter's s3a options, also in a session that was started with other
     * settings, and opens it before the metastore does: Hadoop caches one file system per bucket, so the metastore
     * then reaches the bucket the same way (endpoint, path style, credentials).
     */
    static void useLake(SparkSession spark, SparkStagingSettings settings, URI lakeLocation) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        s3a(settings.s3()).forEach((key, value) -> hadoop.set(key.substring("spark.hadoop.".length()), value));
        try {
            new org.apache.hadoop.fs.Path(lakeLocation).getFileSystem(hadoop);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the lake at " + lakeLocation + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> s3a(SparkStagingSettings.S3aOptions s3) {
        Map<String, String> conf = new LinkedHashMap<>();
        String p = "spark.hadoop.fs.s3a.";
        if (!s3.endpoint().isEmpty()) {
            conf.put(p + "endpoint", s3.endpoint());
            conf.put(p + "connection.ssl.enabled", String.valueOf(s3.endpoint().startsWith("https")));
        }
        conf.put(p + "endpoint.region", s3.region());
        conf.put(p + "path.style.access", String.valueOf(s3.pathStyle()));
        if (s3.staticCredentials()) {
            conf.put(p + "aws.credentials.provider",
                    "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
            conf.put(p + "access.key", s3.accessKey());
            conf.put(p + "secret.key", s3.secretKey());
        } else {
            conf.put(p + "aws.credentials.provider",
                    "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider");
        }
        // S3-compatible stores rarely implement these; AWS works either way
        conf.put(p + "change.detection.mode", "none");
        conf.put(p + "bucket.probe", "0");
        conf.put(p + "committer.magic.enabled", "false");
        return conf;
    }

    private static void prepareFolders(SparkStagingSettings settings) {
        try {
            Files.createDirectories(settings.scratchDir().resolve("local"));
            Files.createDirectories(settings.warehouseDir());
            if (settings.embeddedMetastore()) {
                Files.createDirectories(settings.metastoreDir());
                // Derby writes derby.log into the working directory unless told otherwise
                if (System.getProperty("derby.system.home") == null) {
                    System.setProperty("derby.system.home", settings.metastoreDir().toString());
                }
                if (System.getProperty("derby.stream.error.file") == null) {
                    System.setProperty("derby.stream.error.file",
                            settings.metastoreDir().resolve("derby.log").toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Spark's folders under " + settings.scratchDir(), e);
        }
    }
}
