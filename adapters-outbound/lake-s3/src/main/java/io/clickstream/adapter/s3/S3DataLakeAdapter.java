package io.clickstream.adapter.s3;

import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.HealthIndicator;
import io.clickstream.domain.HealthStatus;
import io.clickstream.domain.ZonePath;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.utils.IoUtils;

/**
 * The data lake in an S3 bucket (AWS or any S3-compatible store): each lake path is the key
 * {@code <prefix>/<zone>/<relative>}, written whole by a single PUT or a completed multipart upload.
 */
public final class S3DataLakeAdapter implements DataLake, HealthIndicator, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3DataLakeAdapter.class);
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

    private final S3LakeSettings settings;
    private final String bucket;
    private final String prefix;
    private final AwsCredentialsProvider credentials;
    private final S3Client s3;
    private final S3Calls calls;
    private final S3ObjectUploader uploader;
    private final int listPageSize;

    /** Connects with credentials from the SDK's default chain (environment, system properties, profile, role). */
    public S3DataLakeAdapter(S3LakeSettings settings) {
        this(settings, 1000);
    }

    /** With smaller listing pages than S3's 1000 keys, so that tests can see paging at work. */
    S3DataLakeAdapter(S3LakeSettings settings, int listPageSize) {
        this.settings = settings;
        this.listPageSize = listPageSize;
        this.bucket = settings.bucket();
        this.prefix = settings.prefix();
        this.credentials = DefaultCredentialsProvider.builder().build();
        this.s3 = buildClient(settings, credentials);
        this.calls = new S3Calls(settings);
        this.uploader = new S3ObjectUploader(s3, calls, bucket, settings.multipartThresholdBytes(),
                settings.partSizeBytes());
    }

    private static S3Client buildClient(S3LakeSettings settings, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(settings.connectTimeout())
                        .socketTimeout(settings.socketTimeout()))
                // resilience4j retries (with a breaker shared by all calls); SDK retries on top would multiply attempts.
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        settings.endpointOverride().ifPresent(endpoint -> builder
                .endpointOverride(endpoint)
                // Flexible checksums (SDK 2.30+ default) are not understood by every S3-compatible store.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
        return builder.build();
    }

    @Override
    public void write(ZonePath path, ContentWriter content) {
        String key = key(path);
        Path staged = stage(path, content);
        try {
            uploader.upload(key, staged);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot upload " + path + " to " + describe(), e);
        } finally {
            deleteQuietly(staged);
        }
    }

    // The writer streams to a local file first: the object then goes up whole, and a failing writer sends nothing.
    private static Path stage(ZonePath path, ContentWriter content) {
        Path staged = null;
        try {
            staged = Files.createTempFile("s3lake-", ".part");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(staged), 64 * 1024)) {
                content.writeTo(out);
            }
            return staged;
        } catch (IOException e) {
            deleteQuietly(staged);
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(staged);
            throw e;
        }
    }

    @Override
    public Optional<byte[]> read(ZonePath path) {
        String key = key(path);
        // Fetch and read in one call, so that a connection dropped mid-body is retried like a refused one.
        return calls.call("get", key, () -> {
            try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key))) {
                return Optional.of(IoUtils.toByteArray(in));
            } catch (NoSuchKeyException e) {
                return Optional.<byte[]>empty();
            } catch (IOException e) {
                throw SdkClientException.create("reading the body of " + key + " failed: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public Optional<InputStream> open(ZonePath path) {
        String key = key(path);
        return calls.call("get", key, () -> {
            try {
                ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key));
                return Optional.<InputStream>of(in);
            } catch (NoSuchKeyException e) {
                return Optional.<InputStream>empty();
            }
        });
    }

    @Override
    public List<LakeObject> list(ZonePath prefixPath) {
        // The trailing slash keeps landing/a from matching landing/ab/...
        String listPrefix = key(prefixPath) + "/";
        List<LakeObject> objects = new ArrayList<>();
        String token = null;
        do {
            String continuation = token;
            ListObjectsV2Response page = calls.call("list", listPrefix, () -> s3.listObjectsV2(b -> b
                    .bucket(bucket).prefix(listPrefix).maxKeys(listPageSize).continuationToken(continuation)));
            for (S3Object object : page.contents()) {
                toLakeObject(object).ifPresent(objects::add);
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        objects.sort(Comparator.comparing(LakeObject::path));
        return objects;
    }

    private Optional<LakeObject> toLakeObject(S3Object object) {
        String key = object.key();
        // Zero-byte "folder/" markers made by consoles and other tools are not files of the lake.
        if (key.endsWith("/")) {
            return Optional.empty();
        }
        String lakeKey = prefix.isEmpty() ? key : key.substring(prefix.length() + 1);
        try {
            return Optional.of(new LakeObject(ZonePath.parseKey(lakeKey), object.size(), object.lastModified()));
        } catch (IllegalArgumentException e) {
            LOG.warn("skipping object s3://{}/{} in a listing: not a valid lake path ({})", bucket, key, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public boolean exists(ZonePath path) {
        String key = key(path);
        return calls.call("head", key, () -> headExists(key));
    }

    @Override
    public boolean delete(ZonePath path) {
        String key = key(path);
        // S3 answers a delete of a missing key with success, so ask first to report whether there was one.
        if (!exists(path)) {
            return false;
        }
        calls.run("delete", key, () -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
        return true;
    }

    private boolean headExists(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (SdkException e) {
            // A HEAD has no body to carry an error code: a missing key is a bare 404.
            if (e instanceof NoSuchKeyException || S3Calls.hasStatus(e, 404)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public URI location(ZonePath path) {
        return URI.create("s3a://" + bucket + "/" + key(path));
    }

    @Override
    public String describe() {
        return prefix.isEmpty() ? "s3://" + bucket : "s3://" + bucket + "/" + prefix;
    }

    @Override
    public HealthStatus check() {
        String where = describe() + " at " + settings.endpointName();
        // Ask S3 itself even while the breaker is open: an open breaker only moves on when a call is attempted.
        String breaker = calls.circuitOpen() ? " (circuit breaker open after repeated failures)" : "";
        try {
            s3.headBucket(b -> b.bucket(bucket).overrideConfiguration(o -> o.apiCallTimeout(HEALTH_TIMEOUT)));
            return HealthStatus.up("lake", where + breaker);
        } catch (SdkException e) {
            String reason = S3Calls.hasStatus(e, 404) ? "bucket " + bucket + " does not exist"
                    : S3Calls.hasStatus(e, 403) ? "access to bucket " + bucket + " denied"
                    : e.getMessage();
            return HealthStatus.down("lake", where + ": " + reason + breaker);
        }
    }

    @Override
    public void close() {
        s3.close();
        if (credentials instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("closing the credentials provider failed", e);
            }
        }
    }

    private String key(ZonePath path) {
        return prefix.isEmpty() ? path.key() : prefix + "/" + path.key();
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete staging file {}", file, e);
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
