package io.clickstream.adapter.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Configuration of the S3 data lake: where it is ({@code s3://bucket/prefix}), how to reach an S3-compatible
 * store, when to switch to multipart upload, and how hard to retry before calling S3 unavailable.
 *
 * @param lakeUri                 {@code s3://bucket} or {@code s3://bucket/some/prefix} ({@code lake.uri})
 * @param endpoint                endpoint override for S3-compatible stores such as {@code http://127.0.0.1:9090};
 *                                null for AWS ({@code lake.s3.endpoint})
 * @param pathStyle               {@code http://host/bucket/key} instead of {@code http://bucket.host/key}; most
 *                                S3-compatible stores need it ({@code lake.s3.path.style})
 * @param region                  signing region ({@code lake.s3.region})
 * @param multipartThresholdBytes objects of at least this size are sent as a multipart upload
 * @param partSizeBytes           size of each part but the last; AWS requires at least 5 MiB
 * @param maxAttempts             attempts per S3 call, the first included, on retryable failures
 * @param initialBackoff          wait before the second attempt; doubled for each further one
 * @param maxBackoff              upper bound of one wait
 * @param circuitOpenDuration     how long calls fail fast after S3 kept failing, before trying again
 * @param connectTimeout          TCP connect timeout
 * @param socketTimeout           longest silence on an open connection
 */
public record S3LakeSettings(
        URI lakeUri,
        URI endpoint,
        boolean pathStyle,
        String region,
        long multipartThresholdBytes,
        int partSizeBytes,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration circuitOpenDuration,
        Duration connectTimeout,
        Duration socketTimeout) {

    public static final String DEFAULT_REGION = "us-east-1";
    /** The AWS CLI's defaults; also below S3Mock's 10 MB request cap. */
    public static final long DEFAULT_MULTIPART_THRESHOLD = 8L * 1024 * 1024;
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CIRCUIT_OPEN = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(60);

    // S3 bucket naming rules: 3-63 characters, lower-case letters, digits, dots and hyphens, alphanumeric at both ends.
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public S3LakeSettings {
        Objects.requireNonNull(lakeUri, "lake.uri");
        parseLocation(lakeUri);
        if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null
                || !(endpoint.getScheme().equals("http") || endpoint.getScheme().equals("https")))) {
            throw new IllegalArgumentException(
                    "lake.s3.endpoint must be an http(s) URL such as http://127.0.0.1:9090, got '" + endpoint + "'");
        }
        region = region == null || region.isBlank() ? DEFAULT_REGION : region.trim();
        requirePositive(multipartThresholdBytes, "multipart threshold");
        requirePositive(partSizeBytes, "part size");
        requirePositive(maxAttempts, "max attempts");
        requirePositive(initialBackoff, "initial backoff");
        requirePositive(maxBackoff, "max backoff");
        requirePositive(circuitOpenDuration, "circuit open duration");
        requirePositive(connectTimeout, "connect timeout");
        requirePositive(socketTimeout, "socket timeout");
    }

    /** Settings for {@code lakeUri} on AWS, every other value at its default. */
    public static S3LakeSettings of(URI lakeUri) {
        return new S3LakeSettings(lakeUri, null, false, DEFAULT_REGION, DEFAULT_MULTIPART_THRESHOLD,
                DEFAULT_PART_SIZE, DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF,
                DEFAULT_CIRCUIT_OPEN, DEFAULT_CONNECT_TIMEOUT, DEFAULT_SOCKET_TIMEOUT);
    }

    /** An S3-compatible store at {@code endpoint} (null for AWS) with path-style access on or off. */
    public S3LakeSettings withEndpoint(URI endpoint, boolean pathStyle) {
        return new S3LakeSettings(lakeUri, endpoint, pathStyle, region, multipartThresholdBytes, partSizeBytes,
                maxAttempts, initialBackoff, maxBackoff, circuitOpenDuration, connectTimeout, socketTimeout);
    }

    public S3LakeSettings withRegion(String region) {
        return new S3LakeSettings(lakeUri, endpoint, pathStyle, region, multipartThresholdBytes, partSizeBytes,
                maxAttempts, initialBackoff, maxBackoff, circuitOpenDuration, connectTimeout, socketTimeout);
    }

    public S3LakeSettings withMultipart(long thresholdBytes, int partSizeBytes) {
        return new S3LakeSettings(lakeUri, endpoint, pathStyle, region, thresholdBytes, partSizeBytes,
                maxAttempts, initialBackoff, maxBackoff, circuitOpenDuration, connectTimeout, socketTimeout);
    }

    public S3LakeSettings withRetry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        return new S3LakeSettings(lakeUri, endpoint, pathStyle, region, multipartThresholdBytes, partSizeBytes,
                maxAttempts, initialBackoff, maxBackoff, circuitOpenDuration, connectTimeout, socketTimeout);
    }

    public S3LakeSettings withCircuitOpenDuration(Duration circuitOpenDuration) {
        return new S3LakeSettings(lakeUri, endpoint, pathStyle, region, multipartThresholdBytes, partSizeBytes,
                maxAttempts, initialBackoff, maxBackoff, circuitOpenDuration, connectTimeout, socketTimeout);
    }

    public S3LakeSettings withTimeouts(Duration connectTimeout, Duration socketTimeout) {
        return new S3LakeSettings(lakeUri, endpoint, pathStyle, region, multipartThresholdBytes, partSizeBytes,
                maxAttempts, initialBackoff, maxBackoff, circuitOpenDuration, connectTimeout, socketTimeout);
    }

    public Optional<URI> endpointOverride() {
        return Optional.ofNullable(endpoint);
    }

    /** The bucket named by {@link #lakeUri()}. */
    public String bucket() {
        return parseLocation(lakeUri)[0];
    }

    /** The key prefix of the lake inside the bucket, without leading or trailing slash; empty for the bucket root. */
    public String prefix() {
        return parseLocation(lakeUri)[1];
    }

    /** The endpoint as named in logs and errors: the override, or the regional AWS endpoint. */
    public String endpointName() {
        return endpoint != null ? endpoint.toString() : "https://s3." + region + ".amazonaws.com";
    }

    private static String[] parseLocation(URI uri) {
        String text = uri.toString();
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("s3")) {
            throw new IllegalArgumentException(
                    "lake.uri must look like s3://bucket/prefix, got '" + text + "' (scheme is not s3)");
        }
        if (uri.isOpaque() || uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
            throw new IllegalArgumentException("lake.uri must name a bucket, as in s3://bucket/prefix, got '" + text + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("lake.uri may not have a query or fragment, got '" + text + "'");
        }
        String bucket = uri.getRawAuthority();
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("lake.uri names an invalid bucket '" + bucket + "' in '" + text
                    + "': 3-63 lower-case letters, digits, dots or hyphens, starting and ending with a letter or digit");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String prefix = trimSlashes(path);
        if (!prefix.isEmpty()) {
            for (String segment : prefix.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    throw new IllegalArgumentException(
                            "lake.uri has an empty, '.' or '..' segment in its prefix: '" + text + "'");
                }
            }
        }
        return new String[] {bucket, prefix};
    }

    private static String trimSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException("S3 lake " + name + " must be positive, got " + value);
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("S3 lake " + name + " must be a positive duration, got " + value);
        }
    }
}
