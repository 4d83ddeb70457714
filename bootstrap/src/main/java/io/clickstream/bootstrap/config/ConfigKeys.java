package io.clickstream.bootstrap.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Every configuration key of the pipeline, with its default and meaning. The single place keys are defined. */
public final class ConfigKeys {
    private ConfigKeys() {
    }

    private static final Function<String, String> TEXT = s -> s;
    private static final Function<String, Path> PATH = Path::of;
    private static final Function<String, URI> URI_VALUE = URI::create;

    private static int port(String s) {
        int p = Integer.parseInt(s);
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("a port is 0..65535");
        }
        return p;
    }

    private static int positiveInt(String s) {
        int v = Integer.parseInt(s);
        if (v < 1) {
            throw new IllegalArgumentException("must be a positive integer");
        }
        return v;
    }

    private static String retrievalMode(String s) {
        String mode = s.trim().toLowerCase(Locale.ROOT);
        if (!List.of("exact", "approximate", "auto").contains(mode)) {
            throw new IllegalArgumentException("must be exact, approximate or auto");
        }
        return mode;
    }

    private static long positiveLong(String s) {
        long v = Long.parseLong(s);
        if (v < 1) {
            throw new IllegalArgumentException("must be a positive integer");
        }
        return v;
    }

    private static long nonNegativeLong(String s) {
        long v = Long.parseLong(s);
        if (v < 0) {
            throw new IllegalArgumentException("must be 0 or a positive integer");
        }
        return v;
    }

    private static double fraction(String s) {
        double v = Double.parseDouble(s);
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException("must be within 0..1");
        }
        return v;
    }

    private static double positiveDouble(String s) {
        double v = Double.parseDouble(s);
        if (!(v > 0)) {
            throw new IllegalArgumentException("must be a positive number");
        }
        return v;
    }

    private static double keepProbability(String s) {
        double v = Double.parseDouble(s);
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException("must lie in (0, 1]");
        }
        return v;
    }

    private static List<Double> fractions(String s) {
        if (s.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(s.split(",")).map(String::trim).map(w -> {
            double v = Double.parseDouble(w);
            if (!(v > 0 && v < 1)) {
                throw new IllegalArgumentException("each weight must lie strictly between 0 and 1, got " + w);
            }
            return v;
        }).toList();
    }

    private static List<String> commaSeparated(String s) {
        return java.util.Arrays.stream(s.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    private static boolean bool(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    /** ISO-8601 durations ({@code PT30S}, {@code P30D}) or a number with a unit: {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}. */
    static Duration duration(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            return Duration.parse(s.toUpperCase(Locale.ROOT));
        }
        if (!t.matches("\\d+(ms|s|m|h|d)")) {
            throw new IllegalArgumentException("a duration is like 30s, 5m, 2h, 7d or ISO-8601 PT30S");
        }
        long n = Long.parseLong(t.replaceAll("[a-z]+$", ""));
        return switch (t.replaceAll("^\\d+", "")) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static Duration positiveDuration(String s) {
        Duration d = duration(s);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("must be longer than zero");
        }
        return d;
    }

    public static final ConfigKey<Path> DATA_DIR = new ConfigKey<>("data.dir", "./data",
            "Folder for everything the pipeline keeps on local disk (lake, embedded broker, metastore, caches, temp files).", PATH);

    public static final ConfigKey<String> HTTP_HOST = new ConfigKey<>("http.host", "127.0.0.1",
            "Address the HTTP server binds. A non-loopback address requires api.token.", TEXT);
    public static final ConfigKey<Integer> HTTP_PORT = new ConfigKey<>("http.port", "8080",
            "HTTP port (0 picks a free one).", ConfigKeys::port);
    public static final ConfigKey<String> API_TOKEN = new ConfigKey<>("api.token", null,
            "Admin bearer token: jobs, promote and rollback (it opens the recommendation calls too). Unset: no "
                    + "authentication, loopback only.", TEXT);
    public static final ConfigKey<List<String>> API_CLIENT_KEYS = new ConfigKey<>("api.client.keys", null,
            "Comma-separated client keys: when set, the recommendation calls need Authorization: Bearer <one of them> "
                    + "(or the admin token); a client key opens nothing else. Unset: recommendations are open.",
            ConfigKeys::commaSeparated);
    public static final ConfigKey<Duration> HTTP_READ_TIMEOUT = new ConfigKey<>("http.read.timeout", "30s",
            "Longest wait for a client's next bytes (of a request body, or of any request on an open connection); "
                    + "the connection is closed after it.", ConfigKeys::positiveDuration);
    public static final ConfigKey<Duration> HTTP_IDLE_TIMEOUT = new ConfigKey<>("http.idle.timeout", "60s",
            "Longest a kept-alive connection may sit idle between requests.", ConfigKeys::positiveDuration);
    public static final ConfigKey<Duration> HTTP_REQUEST_PARSE_TIMEOUT = new ConfigKey<>("http.request.parse.timeout",
            "10s", "Longest a client may take to send a request's line and headers.", ConfigKeys::positiveDuration);
    public static final ConfigKey<Integer> HTTP_MAX_CONNECTIONS_PER_ADDRESS = new ConfigKey<>(
            "http.max.connections.per.address", "128",
            "Connections one client address may hold open; further ones get 429 and are closed.", ConfigKeys::positiveInt);
    public static final ConfigKey<Long> HTTP_MAX_BODY_BYTES = new ConfigKey<>("http.max.body.bytes", "1048576",
            "Largest request body accepted (413 above).", ConfigKeys::positiveLong);
    public static final ConfigKey<Duration> HTTP_DRAIN_TIMEOUT = new ConfigKey<>("http.drain.timeout", "30s",
            "On shutdown, how long in-flight requests and running jobs get to finish.", ConfigKeys::duration);
    public static final ConfigKey<Duration> HEALTH_MAX_AGE = new ConfigKey<>("health.max.age", "1s",
            "How long GET /health answers from the last check of the components (0 = check on every request).",
            ConfigKeys::duration);

    public static final ConfigKey<String> LAKE_URI = new ConfigKey<>("lake.uri", null,
            "The data lake: a local folder (path or file: URI) or s3://bucket/prefix. Default: <data.dir>/lake.", TEXT);
    public static final ConfigKey<URI> LAKE_S3_ENDPOINT = new ConfigKey<>("lake.s3.endpoint", null,
            "Endpoint of an S3-compatible store (unset: AWS). Credentials come from the AWS SDK's default chain.", URI_VALUE);
    public static final ConfigKey<Boolean> LAKE_S3_PATH_STYLE = new ConfigKey<>("lake.s3.path.style", "false",
            "Path-style S3 addressing, needed by most S3-compatible stores.", ConfigKeys::bool);
    public static final ConfigKey<String> LAKE_S3_REGION = new ConfigKey<>("lake.s3.region", "us-east-1",
            "S3 region.", TEXT);

    public static final ConfigKey<String> SOURCES_WEBLOG_PATH = new ConfigKey<>("sources.weblog.path", null,
            "Access logs to collect: a folder or a glob. Unset: no web-log source.", TEXT);
    public static final ConfigKey<String> SOURCES_WEBLOG_RULES = new ConfigKey<>("sources.weblog.rules", null,
            "URL-to-event rules replacing the defaults (syntax in the README).", TEXT);
    public static final ConfigKey<String> SOURCES_SEARCH_OPENSEARCH_URL = new ConfigKey<>("sources.search.opensearch.url", null,
            "Elasticsearch/OpenSearch base URL of the search-event index. Unset: no such source.", TEXT);
    public static final ConfigKey<String> SOURCES_SEARCH_OPENSEARCH_INDEX = new ConfigKey<>("sources.search.opensearch.index",
            "search-events", "Index holding the search events.", TEXT);
    public static final ConfigKey<String> SOURCES_SEARCH_SOLR_URL = new ConfigKey<>("sources.search.solr.url", null,
            "Solr base URL (http://host:8983/solr). Unset: no such source.", TEXT);
    public static final ConfigKey<String> SOURCES_SEARCH_SOLR_COLLECTION = new ConfigKey<>("sources.search.solr.collection",
            "search-events", "Solr collection or core holding the search events.", TEXT);
    public static final ConfigKey<String> SOURCES_CATALOGUE_OPENSEARCH_URL = new ConfigKey<>(
            "sources.catalogue.opensearch.url", null,
            "Elasticsearch/OpenSearch base URL of the shop's product index, collected into the catalogue. Unset: none.", TEXT);
    public static final ConfigKey<String> SOURCES_CATALOGUE_OPENSEARCH_INDEX = new ConfigKey<>(
            "sources.catalogue.opensearch.index", "products", "Index holding the shop's products.", TEXT);
    public static final ConfigKey<String> SOURCES_CATALOGUE_SOLR_URL = new ConfigKey<>("sources.catalogue.solr.url", null,
            "Solr base URL of the shop's product collection, collected into the catalogue. Unset: none.", TEXT);
    public static final ConfigKey<String> SOURCES_CATALOGUE_SOLR_COLLECTION = new ConfigKey<>(
            "sources.catalogue.solr.collection", "products", "Solr collection or core holding the shop's products.", TEXT);
    public static final ConfigKey<String> SOURCES_CATALOGUE_FIELD_ITEM_ID = new ConfigKey<>(
            "sources.catalogue.field.item.id", "item_id", "Product field with the item id (sortable; Solr's unique key).", TEXT);
    public static final ConfigKey<String> SOURCES_CATALOGUE_FIELD_CATEGORIES = new ConfigKey<>(
            "sources.catalogue.field.categories", "categories", "Product field with the categories (string or array).", TEXT);
    public static final ConfigKey<String> SOURCES_CATALOGUE_FIELD_AVAILABLE = new ConfigKey<>(
            "sources.catalogue.field.available", "available", "Product field saying whether it can be bought now.", TEXT);
    public static final ConfigKey<String> SOURCES_CATALOGUE_FIELD_HIDDEN = new ConfigKey<>(
            "sources.catalogue.field.hidden", "hidden", "Product field saying whether the shop hides it (absent: not).", TEXT);
    public static final ConfigKey<String> SOURCES_CATALOGUE_FIELD_UPDATED_AT = new ConfigKey<>(
            "sources.catalogue.field.updated.at", "updated_at",
            "Product date field of its last change: the collector reads forward by it.", TEXT);
    public static final ConfigKey<Integer> INGEST_CHUNK_SIZE = new ConfigKey<>("ingest.chunk.size", "100000",
            "Records collected per landing batch and checkpoint step.", ConfigKeys::positiveInt);

    public static final ConfigKey<String> KAFKA_BOOTSTRAP_SERVERS = new ConfigKey<>("kafka.bootstrap.servers", null,
            "Kafka brokers. Unset: an embedded single-node broker under <data.dir>/kafka.", TEXT);
    public static final ConfigKey<String> KAFKA_TOPIC_RAW = new ConfigKey<>("kafka.topic.raw", "clickstream.raw",
            "Topic the landed batches are published to; <name>.batches records which batches were published.", TEXT);
    public static final ConfigKey<Integer> KAFKA_TOPIC_PARTITIONS = new ConfigKey<>("kafka.topic.partitions", "3",
            "Partitions of the raw topic when the pipeline creates it.", ConfigKeys::positiveInt);

    public static final ConfigKey<String> KAFKA_TRANSACTIONAL_ID = new ConfigKey<>("kafka.transactional.id", null,
            "Transactional id of the ingest producer; unset: clickstream-ingest-<host>. Two processes on one host need different ids.", TEXT);

    public static final ConfigKey<String> SPARK_MASTER = new ConfigKey<>("spark.master", "local[*]",
            "Spark master of the staging and training-data jobs: local[*], spark://host:7077, yarn, k8s://...", TEXT);
    public static final ConfigKey<String> HIVE_METASTORE_URIS = new ConfigKey<>("hive.metastore.uris", null,
            "Hive metastore service (thrift://host:9083). Unset: an embedded Derby metastore under <data.dir>/metastore.", TEXT);
    public static final ConfigKey<Duration> STAGING_SESSION_GAP = new ConfigKey<>("staging.session.gap", "30m",
            "Inactivity that ends a session, for events that came without one.", ConfigKeys::duration);
    public static final ConfigKey<Integer> STAGING_BOT_MAX_EVENTS_PER_MINUTE = new ConfigKey<>(
            "staging.bot.max.events.per.minute", "60",
            "A session with more events in one minute is a bot and is removed (user-agent rules apply as well).",
            ConfigKeys::positiveInt);
    public static final ConfigKey<Long> STAGING_MAX_EVENTS_PER_BATCH = new ConfigKey<>(
            "staging.max.events.per.batch", "0",
            "Split a backlog into micro-batches of about this many raw events, each committed on its own; 0 = one batch per stage job.",
            ConfigKeys::nonNegativeLong);
    public static final ConfigKey<Duration> STAGING_LEASE_DURATION = new ConfigKey<>("staging.lease.duration", "2m",
            "How long the lease of a stage job that died on another host blocks the next one (one on this host is taken over at once).",
            ConfigKeys::positiveDuration);

    public static final ConfigKey<Integer> JOBS_RETAINED = new ConfigKey<>("jobs.retained", "1000",
            "Finished jobs kept for GET /api/v1/jobs.", ConfigKeys::positiveInt);

    public static final ConfigKey<Duration> TRAIN_WINDOW = new ConfigKey<>("train.window", "30d",
            "Training window, ending at the newest staged event.", ConfigKeys::duration);
    public static final ConfigKey<Duration> TRAIN_HOLDOUT = new ConfigKey<>("train.holdout", "1d",
            "The last part of the window held out for evaluation.", ConfigKeys::duration);
    public static final ConfigKey<Long> TRAIN_MIN_SEQUENCES = new ConfigKey<>("train.min.sequences", "100",
            "Fewer training sequences than this and training is SKIPPED.", ConfigKeys::positiveLong);

    public static final ConfigKey<Integer> TRAIN_VOCABULARY_MIN_SUPPORT = new ConfigKey<>("train.vocabulary.min.support", "2",
            "Items seen fewer times in the training part are mapped to unknown.", ConfigKeys::positiveInt);
    public static final ConfigKey<Integer> TRAIN_EPOCHS_MAX = new ConfigKey<>("train.epochs.max", "20",
            "Most training epochs; early stopping on the validation slice usually stops sooner.", ConfigKeys::positiveInt);
    public static final ConfigKey<Integer> TRAIN_EMBEDDING_SIZE = new ConfigKey<>("train.embedding.size", "64",
            "Item embedding dimensions of the network (also the width of its session vector and of the output layer).", ConfigKeys::positiveInt);
    public static final ConfigKey<Integer> TRAIN_HIDDEN_SIZE = new ConfigKey<>("train.hidden.size", "64",
            "Units of the network's attention layer (serving cost grows with it).", ConfigKeys::positiveInt);
    public static final ConfigKey<Boolean> TRAIN_REFIT_FULL_WINDOW = new ConfigKey<>("train.refit.full.window", "true",
            "After evaluation, refit on the whole window (holdout included) so the served model has seen the newest data.",
            ConfigKeys::bool);
    public static final ConfigKey<Integer> TRAIN_SEQUENCE_LENGTH = new ConfigKey<>("train.sequence.length", "10",
            "Recent items that feed one prediction of the network.", ConfigKeys::positiveInt);
    public static final ConfigKey<Integer> TRAIN_BATCH_SIZE = new ConfigKey<>("train.batch.size", "512",
            "Examples per gradient step (smaller suits small datasets: more steps per epoch).", ConfigKeys::positiveInt);
    public static final ConfigKey<Double> TRAIN_LEARNING_RATE = new ConfigKey<>("train.learning.rate", "0.005",
            "Adam step size.", ConfigKeys::positiveDouble);
    public static final ConfigKey<Integer> TRAIN_EPOCHS_PATIENCE = new ConfigKey<>("train.epochs.patience", "2",
            "Epochs without a better validation score before training stops.", ConfigKeys::positiveInt);
    public static final ConfigKey<Double> TRAIN_DROPOUT_KEEP = new ConfigKey<>("train.dropout.keep", "0.5",
            "Probability of keeping each value of the embeddings fed to the network's encoder while training.",
            ConfigKeys::keepProbability);
    public static final ConfigKey<Integer> TRAIN_NEGATIVES = new ConfigKey<>("train.negatives", "2048",
            "Items drawn by popularity per mini-batch for the sampled softmax, beside the batch's own targets; a catalogue "
                    + "under about twice this plus the batch size is trained with the full softmax.", ConfigKeys::positiveInt);
    public static final ConfigKey<List<Double>> TRAIN_BLEND_WEIGHTS = new ConfigKey<>("train.blend.weights", "0.3,0.5,0.7",
            "Network weights tried, on the validation split, for a blend with session-kNN; empty = never blend.",
            ConfigKeys::fractions);
    public static final ConfigKey<Long> TRAIN_SEED = new ConfigKey<>("train.seed", "42",
            "Seed of initialisation, shuffling and dropout.", Long::parseLong);

    public static final ConfigKey<String> PUBLISH_MAIN_METRIC = new ConfigKey<>("publish.main.metric", "MRR@20",
            "Metric the quality gate compares: HR@20, MRR@20 or NDCG@10.", TEXT);
    public static final ConfigKey<Double> PUBLISH_TOLERANCE = new ConfigKey<>("publish.tolerance", "0.0",
            "How much worse (absolute) a candidate may be and still be published.", ConfigKeys::fraction);
    public static final ConfigKey<Integer> PUBLISH_PROMOTIONS_RETAINED = new ConfigKey<>("publish.promotions.retained",
            "100", "Newest promotion records kept in analytics/models/_promotions/; older ones are deleted.",
            ConfigKeys::positiveInt);

    public static final ConfigKey<Duration> SERVING_REFRESH_INTERVAL = new ConfigKey<>("serving.refresh.interval", "10s",
            "How often a serving process checks analytics/models/CURRENT and swaps to a newly published model.", ConfigKeys::duration);
    public static final ConfigKey<Duration> SERVING_CATALOGUE_REFRESH_INTERVAL = new ConfigKey<>(
            "serving.catalogue.refresh.interval", "5s", "How often a serving process applies catalogue batches landed "
            + "under landing/catalogue/ (sold-out, hidden, re-categorised items), without a new model.", ConfigKeys::duration);
    public static final ConfigKey<Duration> SERVING_RETIRE_DELAY = new ConfigKey<>("serving.retire.delay", "30s",
            "How long a replaced model stays open for requests that were already using it.", ConfigKeys::duration);

    public static final ConfigKey<String> SERVING_RETRIEVAL = new ConfigKey<>("serving.retrieval", "auto",
            "How a request finds the items it scores exactly: exact (the whole catalogue), approximate (an HNSW graph over "
                    + "the output layer's item vectors, then the candidates only) or auto (approximate from "
                    + "serving.retrieval.auto.items items on). The trainer's report and the quality gate score the same way.",
            ConfigKeys::retrievalMode);
    public static final ConfigKey<Integer> SERVING_RETRIEVAL_AUTO_ITEMS = new ConfigKey<>("serving.retrieval.auto.items",
            "10000", "Catalogue size from which serving.retrieval=auto retrieves approximately.", ConfigKeys::positiveInt);
    public static final ConfigKey<Integer> SERVING_RETRIEVAL_CANDIDATES = new ConfigKey<>("serving.retrieval.candidates",
            "32", "Items the approximate retrieval hands to exact scoring per request (at least the k asked).",
            ConfigKeys::positiveInt);
    public static final ConfigKey<Integer> SERVING_HNSW_M = new ConfigKey<>("serving.hnsw.m", "16",
            "Neighbours per node of the HNSW graph (M): more is better recall, a larger graph, a slower build.",
            ConfigKeys::positiveInt);
    public static final ConfigKey<Integer> SERVING_HNSW_BEAM_WIDTH = new ConfigKey<>("serving.hnsw.beam.width", "100",
            "Candidates kept while linking an item into the HNSW graph (efConstruction): more is better recall, a slower build.",
            ConfigKeys::positiveInt);
    public static final ConfigKey<Integer> SERVING_HNSW_SEARCH_BEAM = new ConfigKey<>("serving.hnsw.search.beam", "32",
            "Candidates kept while searching the HNSW graph (ef), at least serving.retrieval.candidates: more is better "
                    + "recall, a slower request.", ConfigKeys::positiveInt);

    public static final ConfigKey<Integer> RECOMMEND_HISTORY_LENGTH = new ConfigKey<>("recommend.history.length", "10",
            "Recent items of a user fed to the model.", ConfigKeys::positiveInt);
    public static final ConfigKey<Boolean> RECOMMEND_EXCLUDE_PURCHASED = new ConfigKey<>("recommend.exclude.purchased", "true",
            "Never recommend items the user already bought.", ConfigKeys::bool);

    public static final ConfigKey<List<String>> EVENTS_KEYS = new ConfigKey<>("events.keys", null,
            "Comma-separated write-only ingest keys for POST /api/v1/events (Authorization: Bearer <key>, or ?key=<key> "
                    + "for navigator.sendBeacon); a key opens nothing else, and several let one be rotated out. Unset: "
                    + "events need the admin token, or are open when there is none.", ConfigKeys::commaSeparated);
    public static final ConfigKey<Integer> EVENTS_BATCH_MAX = new ConfigKey<>("events.batch.max", "500",
            "Most events one POST /api/v1/events may carry; more is a 413.", ConfigKeys::positiveInt);
    public static final ConfigKey<Integer> EVENTS_RATE_PER_ADDRESS = new ConfigKey<>("events.rate.per.address", "50",
            "Requests per second one client address may make to POST /api/v1/events on average; more get 429 with "
                    + "Retry-After.", ConfigKeys::positiveInt);
    public static final ConfigKey<Integer> EVENTS_RATE_BURST = new ConfigKey<>("events.rate.burst", "100",
            "Requests one address may make to POST /api/v1/events at once before events.rate.per.address applies.",
            ConfigKeys::positiveInt);
    public static final ConfigKey<Path> EVENTS_JOURNAL_DIR = new ConfigKey<>("events.journal.dir", null,
            "Local folder of the accepted events' journal (fsync'd before the 202), one per serving process. "
                    + "Unset: <data.dir>/events-journal.", PATH);
    public static final ConfigKey<Integer> EVENTS_LANDING_RECORDS = new ConfigKey<>("events.landing.records", "1000",
            "Accepted events per landed batch: a batch is landed and published once it holds this many, or once "
                    + "events.landing.interval has passed since its first event.",
            ConfigKeys::positiveInt);
    public static final ConfigKey<Duration> EVENTS_LANDING_INTERVAL = new ConfigKey<>("events.landing.interval", "1s",
            "Longest an accepted event waits in the journal before its batch is landed and published.", ConfigKeys::duration);
    public static final ConfigKey<Integer> EVENTS_HISTORY_USERS = new ConfigKey<>("events.history.users", "100000",
            "Users whose live events serving keeps in memory (the most recently active); each keeps "
                    + "recommend.history.length items and as many purchases.", ConfigKeys::positiveInt);
    public static final ConfigKey<Duration> EVENTS_FOLLOW_LOOKBACK = new ConfigKey<>("events.follow.lookback", "5m",
            "With kafka.bootstrap.servers set, serving follows other processes' live events on the raw topic, starting "
                    + "this long before its start.", ConfigKeys::duration);

    public static final List<ConfigKey<?>> ALL = List.of(DATA_DIR, HTTP_HOST, HTTP_PORT, API_TOKEN, API_CLIENT_KEYS,
            HTTP_MAX_BODY_BYTES, HTTP_READ_TIMEOUT, HTTP_IDLE_TIMEOUT, HTTP_REQUEST_PARSE_TIMEOUT,
            HTTP_MAX_CONNECTIONS_PER_ADDRESS, HTTP_DRAIN_TIMEOUT, HEALTH_MAX_AGE, LAKE_URI, LAKE_S3_ENDPOINT, LAKE_S3_PATH_STYLE, LAKE_S3_REGION, SOURCES_WEBLOG_PATH,
            SOURCES_WEBLOG_RULES, SOURCES_SEARCH_OPENSEARCH_URL, SOURCES_SEARCH_OPENSEARCH_INDEX, SOURCES_SEARCH_SOLR_URL,
            SOURCES_SEARCH_SOLR_COLLECTION, SOURCES_CATALOGUE_OPENSEARCH_URL, SOURCES_CATALOGUE_OPENSEARCH_INDEX,
            SOURCES_CATALOGUE_SOLR_URL, SOURCES_CATALOGUE_SOLR_COLLECTION, SOURCES_CATALOGUE_FIELD_ITEM_ID,
            SOURCES_CATALOGUE_FIELD_CATEGORIES, SOURCES_CATALOGUE_FIELD_AVAILABLE, SOURCES_CATALOGUE_FIELD_HIDDEN,
            SOURCES_CATALOGUE_FIELD_UPDATED_AT, INGEST_CHUNK_SIZE, KAFKA_BOOTSTRAP_SERVERS, KAFKA_TOPIC_RAW,
            KAFKA_TOPIC_PARTITIONS, KAFKA_TRANSACTIONAL_ID, SPARK_MASTER, HIVE_METASTORE_URIS,
            STAGING_SESSION_GAP, STAGING_BOT_MAX_EVENTS_PER_MINUTE, STAGING_MAX_EVENTS_PER_BATCH, STAGING_LEASE_DURATION,
            JOBS_RETAINED, TRAIN_WINDOW, TRAIN_HOLDOUT, TRAIN_MIN_SEQUENCES, TRAIN_VOCABULARY_MIN_SUPPORT, TRAIN_EPOCHS_MAX,
            TRAIN_EMBEDDING_SIZE, TRAIN_HIDDEN_SIZE, TRAIN_REFIT_FULL_WINDOW, TRAIN_SEQUENCE_LENGTH, TRAIN_BATCH_SIZE,
            TRAIN_LEARNING_RATE, TRAIN_EPOCHS_PATIENCE, TRAIN_DROPOUT_KEEP, TRAIN_NEGATIVES, TRAIN_BLEND_WEIGHTS, TRAIN_SEED,
            PUBLISH_MAIN_METRIC, PUBLISH_TOLERANCE, PUBLISH_PROMOTIONS_RETAINED, SERVING_REFRESH_INTERVAL, SERVING_CATALOGUE_REFRESH_INTERVAL, SERVING_RETIRE_DELAY,
            SERVING_RETRIEVAL, SERVING_RETRIEVAL_AUTO_ITEMS, SERVING_RETRIEVAL_CANDIDATES, SERVING_HNSW_M,
            SERVING_HNSW_BEAM_WIDTH, SERVING_HNSW_SEARCH_BEAM, RECOMMEND_HISTORY_LENGTH, RECOMMEND_EXCLUDE_PURCHASED,
            EVENTS_KEYS, EVENTS_BATCH_MAX, EVENTS_RATE_PER_ADDRESS, EVENTS_RATE_BURST, EVENTS_JOURNAL_DIR,
            EVENTS_LANDING_RECORDS, EVENTS_LANDING_INTERVAL, EVENTS_HISTORY_USERS, EVENTS_FOLLOW_LOOKBACK);
}
