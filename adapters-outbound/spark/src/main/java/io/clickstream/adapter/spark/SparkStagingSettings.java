package io.clickstream.adapter.spark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Configuration of the Spark staging job: where Spark runs, which metastore holds the tables, where the raw topic
 * is, and the cleaning rules. Every component has a config key (see README.md of this module).
 *
 * @param sparkMaster             {@code spark.master}: {@code local[*]}, {@code spark://host:7077}, {@code yarn}, ...
 * @param metastoreUris           {@code hive.metastore.uris}: {@code thrift://host:9083}; blank for an embedded Derby
 *                                metastore under {@code metastoreDir}
 * @param hiveDatabase            {@code staging.hive.database}: database of the tables (default {@code clickstream})
 * @param metastoreDir            folder of the embedded Derby metastore ({@code <data.dir>/metastore})
 * @param warehouseDir            {@code spark.sql.warehouse.dir} ({@code <data.dir>/warehouse}); the tables
 *                                themselves are external and live in the lake
 * @param scratchDir              Spark's local dir and Hive's scratch dirs ({@code <data.dir>/spark})
 * @param kafkaBootstrapServers   {@code kafka.bootstrap.servers}
 * @param rawTopic                {@code kafka.topic.raw}
 * @param s3                      s3a options, used when the lake is on S3 (its locations are {@code s3a://})
 * @param sessionGap              {@code staging.session.gap}: inactivity that ends an inferred session (30 min)
 * @param botUserAgents           {@code staging.bot.user.agents}: case-insensitive regexes; a match anywhere in the
 *                                user agent marks the event as bot traffic
 * @param maxEventsPerMinute      {@code staging.bot.max.events.per.minute}: a session with more events than this in
 *                                any 60-second window is a bot
 * @param maxFieldLength          {@code staging.max.field.length}: longest id, type or query value (characters)
 * @param maxRawLength            {@code staging.max.raw.length}: longest original record ({@code raw})
 * @param maxEventsPerBatch       {@code staging.max.events.per.batch}: split a large backlog into micro-batches of
 *                                about this many messages; 0 = one batch per run
 * @param maxRecordsPerFile       {@code staging.max.records.per.file}: Parquet file size cap, in rows
 * @param leaseDuration           {@code staging.lease.duration}: how long a dead stage job blocks others
 * @param sparkConf               further Spark properties ({@code spark.*} keys, e.g. executor memory, spark.jars)
 * @param kafkaOptions            further Kafka source options ({@code kafka.security.protocol}, ...)
 */
public record SparkStagingSettings(String sparkMaster, String metastoreUris, String hiveDatabase, Path metastoreDir,
                                   Path warehouseDir, Path scratchDir, String kafkaBootstrapServers, String rawTopic,
                                   S3aOptions s3, Duration sessionGap, List<String> botUserAgents,
                                   int maxEventsPerMinute, int maxFieldLength, int maxRawLength, long maxEventsPerBatch,
                                   long maxRecordsPerFile, Duration leaseDuration, Map<String, String> sparkConf,
                                   Map<String, String> kafkaOptions) {

    public static final String DEFAULT_MASTER = "local[*]";
    public static final String DEFAULT_DATABASE = "clickstream";
    public static final String DEFAULT_TOPIC = "clickstream.raw";
    public static final Duration DEFAULT_SESSION_GAP = Duration.ofMinutes(30);
    /** Self-declared crawlers and the HTTP libraries scrapers use; browsers never send these words. */
    public static final List<String> DEFAULT_BOT_USER_AGENTS = List.of(
            "bot\\b", "bot/", "crawl", "spider", "slurp", "scrapy", "python-requests", "python-urllib", "curl/",
            "wget/", "go-http-client", "okhttp", "java/", "libwww", "httpclient", "headlesschrome", "phantomjs");
    public static final int DEFAULT_MAX_EVENTS_PER_MINUTE = 60;
    public static final int DEFAULT_MAX_FIELD_LENGTH = 1024;
    public static final int DEFAULT_MAX_RAW_LENGTH = 65536;
    public static final long DEFAULT_MAX_RECORDS_PER_FILE = 2_000_000;
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);
    private static final Pattern DATABASE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public SparkStagingSettings {
        sparkMaster = sparkMaster == null || sparkMaster.isBlank() ? DEFAULT_MASTER : sparkMaster.trim();
        metastoreUris = metastoreUris == null ? "" : metastoreUris.trim();
        hiveDatabase = hiveDatabase == null || hiveDatabase.isBlank() ? DEFAULT_DATABASE : hiveDatabase.trim();
        if (!DATABASE.matcher(hiveDatabase).matches()) {
            throw new IllegalArgumentException("staging.hive.database must be lower-case letters, digits and '_', "
                    + "starting with a letter, got '" + hiveDatabase + "'");
        }
        metastoreDir = absolute(metastoreDir, "metastore dir");
        warehouseDir = absolute(warehouseDir, "warehouse dir");
        scratchDir = absolute(scratchDir, "scratch dir");
        // Blank is allowed: training-data preparation shares these settings and reads no topic; staging checks it.
        kafkaBootstrapServers = kafkaBootstrapServers == null ? "" : kafkaBootstrapServers.trim();
        rawTopic = rawTopic == null || rawTopic.isBlank() ? DEFAULT_TOPIC : rawTopic.trim();
        if (!rawTopic.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new IllegalArgumentException("kafka.topic.raw is not a valid topic name: " + rawTopic);
        }
        s3 = s3 == null ? S3aOptions.defaultChain() : s3;
        sessionGap = positive(sessionGap == null ? DEFAULT_SESSION_GAP : sessionGap, "staging.session.gap");
        botUserAgents = List.copyOf(botUserAgents == null ? DEFAULT_BOT_USER_AGENTS : botUserAgents);
        botUserAgentPattern(botUserAgents);
        if (maxEventsPerMinute < 1) {
            throw new IllegalArgumentException("staging.bot.max.events.per.minute must be positive, got "
                    + maxEventsPerMinute);
        }
        if (maxFieldLength < 16) {
            throw new IllegalArgumentException("staging.max.field.length must be at least 16, got " + maxFieldLength);
        }
        if (maxRawLength < maxFieldLength) {
            throw new IllegalArgumentException("staging.max.raw.length must be at least staging.max.field.length, got "
                    + maxRawLength);
        }
        if (maxEventsPerBatch < 0) {
            throw new IllegalArgumentException("staging.max.events.per.batch must be 0 (unlimited) or positive");
        }
        if (maxRecordsPerFile < 1) {
            throw new IllegalArgumentException("staging.max.records.per.file must be positive");
        }
        leaseDuration = positive(leaseDuration == null ? DEFAULT_LEASE : leaseDuration, "staging.lease.duration");
        sparkConf = Map.copyOf(sparkConf == null ? Map.of() : sparkConf);
        kafkaOptions = Map.copyOf(kafkaOptions == null ? Map.of() : kafkaOptions);
    }

    /**
     * The embedded default: {@code local[*]}, a Derby metastore, warehouse and scratch space under {@code dataDir},
     * every rule at its default.
     */
    public static SparkStagingSettings defaults(Path dataDir, String kafkaBootstrapServers) {
        Path data = dataDir.toAbsolutePath().normalize();
        return new SparkStagingSettings(DEFAULT_MASTER, "", DEFAULT_DATABASE, data.resolve("metastore"),
                data.resolve("warehouse"), data.resolve("spark"), kafkaBootstrapServers, DEFAULT_TOPIC,
                S3aOptions.defaultChain(), DEFAULT_SESSION_GAP, DEFAULT_BOT_USER_AGENTS, DEFAULT_MAX_EVENTS_PER_MINUTE,
                DEFAULT_MAX_FIELD_LENGTH, DEFAULT_MAX_RAW_LENGTH, 0, DEFAULT_MAX_RECORDS_PER_FILE, DEFAULT_LEASE,
                Map.of(), Map.of());
    }

    public SparkStagingSettings withMaster(String master) {
        return new SparkStagingSettings(master, metastoreUris, hiveDatabase, metastoreDir, warehouseDir, scratchDir,
                kafkaBootstrapServers, rawTopic, s3, sessionGap, botUserAgents, maxEventsPerMinute,
                maxFieldLength, maxRawLength, maxEventsPerBatch, maxRecordsPerFile, leaseDuration, sparkConf,
                kafkaOptions);
    }

    public SparkStagingSettings withMetastore(String uris, String database) {
        return new SparkStagingSettings(sparkMaster, uris, database, metastoreDir, warehouseDir, scratchDir,
                kafkaBootstrapServers, rawTopic, s3, sessionGap, botUserAgents, maxEventsPerMinute,
                maxFieldLength, maxRawLength, maxEventsPerBatch, maxRecordsPerFile, leaseDuration, sparkConf,
                kafkaOptions);
    }

    public SparkStagingSettings withTopic(String topic) {
        return new SparkStagingSettings(sparkMaster, metastoreUris, hiveDatabase, metastoreDir, warehouseDir,
                scratchDir, kafkaBootstrapServers, topic, s3, sessionGap, botUserAgents, maxEventsPerMinute,
                maxFieldLength, maxRawLength, maxEventsPerBatch, maxRecordsPerFile, leaseDuration, sparkConf,
                kafkaOptions);
    }

    public SparkStagingSettings withS3(S3aOptions options) {
        return new SparkStagingSettings(sparkMaster, metastoreUris, hiveDatabase, metastoreDir, warehouseDir,
                scratchDir, kafkaBootstrapServers, rawTopic, options, sessionGap, botUserAgents,
                maxEventsPerMinute, maxFieldLength, maxRawLength, maxEventsPerBatch, maxRecordsPerFile, leaseDuration,
                sparkConf, kafkaOptions);
    }

    public SparkStagingSettings withRules(Duration gap, List<String> userAgents, int eventsPerMinute,
                                          int fieldLength, int rawLength) {
        return new SparkStagingSettings(sparkMaster, metastoreUris, hiveDatabase, metastoreDir, warehouseDir,
                scratchDir, kafkaBootstrapServers, rawTopic, s3, gap, userAgents, eventsPerMinute,
                fieldLength, rawLength, maxEventsPerBatch, maxRecordsPerFile, leaseDuration, sparkConf, kafkaOptions);
    }

    public SparkStagingSettings withBatching(long eventsPerBatch, long recordsPerFile) {
        return new SparkStagingSettings(sparkMaster, metastoreUris, hiveDatabase, metastoreDir, warehouseDir,
                scratchDir, kafkaBootstrapServers, rawTopic, s3, sessionGap, botUserAgents,
                maxEventsPerMinute, maxFieldLength, maxRawLength, eventsPerBatch, recordsPerFile, leaseDuration,
                sparkConf, kafkaOptions);
    }

    public SparkStagingSettings withLease(Duration lease) {
        return new SparkStagingSettings(sparkMaster, metastoreUris, hiveDatabase, metastoreDir, warehouseDir,
                scratchDir, kafkaBootstrapServers, rawTopic, s3, sessionGap, botUserAgents,
                maxEventsPerMinute, maxFieldLength, maxRawLength, maxEventsPerBatch, maxRecordsPerFile, lease,
                sparkConf, kafkaOptions);
    }

    /** Adds Spark properties over the ones already set. */
    public SparkStagingSettings withSparkConf(Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(sparkConf);
        merged.putAll(more);
        return new SparkStagingSettings(sparkMaster, metastoreUris, hiveDatabase, metastoreDir, warehouseDir,
                scratchDir, kafkaBootstrapServers, rawTopic, s3, sessionGap, botUserAgents,
                maxEventsPerMinute, maxFieldLength, maxRawLength, maxEventsPerBatch, maxRecordsPerFile, leaseDuration,
                merged, kafkaOptions);
    }

    public SparkStagingSettings withKafkaOptions(Map<String, String> options) {
        return new SparkStagingSettings(sparkMaster, metastoreUris, hiveDatabase, metastoreDir, warehouseDir,
                scratchDir, kafkaBootstrapServers, rawTopic, s3, sessionGap, botUserAgents,
                maxEventsPerMinute, maxFieldLength, maxRawLength, maxEventsPerBatch, maxRecordsPerFile, leaseDuration,
                sparkConf, options);
    }

    public boolean embeddedMetastore() {
        return metastoreUris.isEmpty();
    }

    public boolean localMaster() {
        return sparkMaster.startsWith("local");
    }

    /** One case-insensitive regex of all bot user-agent patterns. */
    static String botUserAgentPattern(List<String> patterns) {
        if (patterns.isEmpty()) {
            return "";
        }
        StringBuilder joined = new StringBuilder("(?i)");
        for (int i = 0; i < patterns.size(); i++) {
            if (i > 0) {
                joined.append('|');
            }
            joined.append("(?:").append(patterns.get(i)).append(')');
        }
        try {
            Pattern.compile(joined.toString());
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("staging.bot.user.agents holds an invalid regex: " + e.getMessage(), e);
        }
        return joined.toString();
    }

    private static Path absolute(Path path, String what) {
        Objects.requireNonNull(path, what);
        return path.toAbsolutePath().normalize();
    }

    private static Duration positive(Duration d, String key) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(key + " must be positive, got " + d);
        }
        return d;
    }

    /**
     * How s3a reaches the lake's bucket.
     *
     * @param endpoint  {@code lake.s3.endpoint} for S3-compatible stores; blank for AWS
     * @param pathStyle {@code lake.s3.path.style}
     * @param region    {@code lake.s3.region}
     * @param accessKey static credentials (tests); blank = the AWS default credential chain
     * @param secretKey static credentials (tests)
     */
    public record S3aOptions(String endpoint, boolean pathStyle, String region, String accessKey, String secretKey) {
        public S3aOptions {
            endpoint = endpoint == null ? "" : endpoint.trim();
            region = region == null || region.isBlank() ? "us-east-1" : region.trim();
            accessKey = accessKey == null ? "" : accessKey;
            secretKey = secretKey == null ? "" : secretKey;
            if (accessKey.isEmpty() != secretKey.isEmpty()) {
                throw new IllegalArgumentException("give both the s3a access key and secret key, or neither");
            }
        }

        public static S3aOptions defaultChain() {
            return new S3aOptions("", false, "us-east-1", "", "");
        }

        public boolean staticCredentials() {
            return !accessKey.isEmpty();
        }

        @Override
        public String toString() {
            return "S3aOptions[endpoint=" + endpoint + ", pathStyle=" + pathStyle + ", region=" + region
                    + ", credentials=" + (staticCredentials() ? "static" : "default chain") + "]";
        }
    }
}
