package io.clickstream.adapter.s3;

import io.clickstream.testing.S3MockExtension;
import io.clickstream.testing.S3MockServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.application.port.out.DataLake.LakeObject;
import io.clickstream.domain.DataZone;
import io.clickstream.domain.DependencyUnavailableException;
import io.clickstream.domain.HealthStatus;
import io.clickstream.domain.ZonePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** What the S3 lake does beyond the port contract: key layout, multipart uploads, failures of S3 itself. */
@ExtendWith(S3MockExtension.class)
class S3DataLakeAdapterTest {

    private static final int MIB = 1024 * 1024;
    private static final ZonePath BATCH = ZonePath.of(DataZone.LANDING, "clickstream/source=weblog/dt=2026-11-21/b1.csv");

    private static S3MockServer server;
    private static S3Client raw;
    private final List<S3DataLakeAdapter> adapters = new ArrayList<>();
    private final String prefix = "s3test/" + UUID.randomUUID();

    @BeforeAll
    static void connect(S3MockServer s3mock) {
        server = s3mock;
        raw = S3Client.builder()
                .endpointOverride(server.endpoint())
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .build();
    }

    @AfterAll
    static void disconnect() {
        raw.close();
    }

    @AfterEach
    void closeAdapters() {
        adapters.forEach(S3DataLakeAdapter::close);
    }

    @Test
    void objects_live_under_the_prefix_of_the_lake_uri() {
        S3DataLakeAdapter lake = lake(settings());

        lake.write(BATCH, "x".getBytes(StandardCharsets.UTF_8));

        assertThat(rawKeys(prefix)).containsExactly(prefix + "/" + BATCH.key());
        assertThat(lake.location(BATCH)).isEqualTo(URI.create("s3a://lake/" + prefix + "/" + BATCH.key()));
        assertThat(lake.describe()).isEqualTo("s3://lake/" + prefix);
    }

    @Test
    void a_lake_at_the_bucket_root_uses_the_zone_as_first_key_segment() {
        S3DataLakeAdapter lake = lake(settings(URI.create("s3://lake")));
        ZonePath path = ZonePath.of(DataZone.ANALYTICS, "reports/" + UUID.randomUUID() + ".json");

        lake.write(path, "{}".getBytes(StandardCharsets.UTF_8));
        try {
            assertThat(rawKeys("analytics/reports/")).contains(path.key());
            assertThat(lake.location(path)).isEqualTo(URI.create("s3a://lake/" + path.key()));
            assertThat(lake.describe()).isEqualTo("s3://lake");
        } finally {
            lake.delete(path);
        }
    }

    @Test
    void an_object_above_the_threshold_goes_up_in_parts_and_reads_back_whole() throws IOException {
        S3DataLakeAdapter lake = lake(settings().withMultipart(5 * MIB, 5 * MIB));
        ZonePath model = ZonePath.of(DataZone.ANALYTICS, "models/v1/model.zip");
        byte[] content = pattern(12 * MIB);

        lake.write(model, out -> {
            for (int off = 0; off < content.length; off += 100_000) {
                out.write(content, off, Math.min(100_000, content.length - off));
            }
        });

        String etag = raw.headObject(b -> b.bucket("lake").key(prefix + "/" + model.key())).eTag();
        assertThat(etag).as("multipart ETag names its part count").endsWith("-3\"");
        assertThat(lake.read(model)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(content));
        assertThat(pendingUploads()).isEmpty();
        assertThat(stagingFiles()).isEmpty();
    }

    @Test
    void a_writer_failing_after_the_threshold_leaves_the_old_object_and_no_pending_upload() {
        S3DataLakeAdapter lake = lake(settings().withMultipart(5 * MIB, 5 * MIB));
        lake.write(BATCH, "old".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> lake.write(BATCH, out -> {
            out.write(pattern(7 * MIB));
            throw new IOException("source went away");
        })).isInstanceOf(UncheckedIOException.class).hasMessageContaining(BATCH.key());

        assertThat(lake.read(BATCH)).hasValueSatisfying(bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo("old"));
        assertThat(pendingUploads()).isEmpty();
        assertThat(stagingFiles()).isEmpty();
    }

    @Test
    void a_multipart_upload_that_s3_refuses_is_aborted_and_leaves_nothing() {
        // S3 refuses to complete an upload whose parts but the last are below 5 MiB.
        S3DataLakeAdapter lake = lake(settings().withMultipart(MIB, MIB));

        assertThatThrownBy(() -> lake.write(BATCH, pattern(3 * MIB)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(BATCH.key())
                .hasMessageContaining("EntityTooSmall");

        assertThat(lake.exists(BATCH)).isFalse();
        assertThat(pendingUploads()).isEmpty();
        assertThat(stagingFiles()).isEmpty();
    }

    @Test
    void listing_follows_continuation_pages() {
        S3DataLakeAdapter lake = new S3DataLakeAdapter(settings(), 2);
        adapters.add(lake);
        List<ZonePath> written = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ZonePath path = ZonePath.of(DataZone.STAGING, "interactions/dt=2026-11-2" + i + "/part-0.parquet");
            lake.write(path, new byte[i]);
            written.add(path);
        }

        List<LakeObject> listed = lake.list(ZonePath.of(DataZone.STAGING, "interactions"));

        assertThat(listed).extracting(LakeObject::path).containsExactlyElementsOf(written);
        assertThat(listed).extracting(LakeObject::size).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void folder_markers_made_by_other_tools_are_not_listed() {
        S3DataLakeAdapter lake = lake(settings());
        raw.putObject(b -> b.bucket("lake").key(prefix + "/landing/clickstream/"), RequestBody.empty());
        lake.write(BATCH, "x".getBytes(StandardCharsets.UTF_8));

        assertThat(lake.list(ZonePath.root(DataZone.LANDING))).extracting(LakeObject::path).containsExactly(BATCH);
    }

    @Test
    void health_is_up_when_the_bucket_answers() {
        HealthStatus health = lake(settings()).check();

        assertThat(health.up()).as(health.detail()).isTrue();
        assertThat(health.detail()).contains("s3://lake/" + prefix);
    }

    @Test
    void a_missing_bucket_is_a_refusal_reported_at_once_without_retries() {
        // A retry would wait 5 s first: finishing well before that shows the 404 was not retried.
        S3DataLakeAdapter lake = lake(settings(URI.create("s3://no-such-bucket/p"))
                .withRetry(4, Duration.ofSeconds(5), Duration.ofSeconds(5)));

        long start = System.nanoTime();
        assertThatThrownBy(() -> lake.write(BATCH, "x".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UncheckedIOException.class)
                .isNotInstanceOf(DependencyUnavailableException.class)
                .hasMessageContaining("p/" + BATCH.key())
                .hasMessageContaining("NoSuchBucket");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));

        HealthStatus health = lake.check();
        assertThat(health.up()).isFalse();
        assertThat(health.detail()).contains("no-such-bucket");
    }

    @Test
    void an_unreachable_s3_fails_with_dependency_unavailable_after_quick_retries() throws IOException {
        URI closed = URI.create("http://127.0.0.1:" + closedPort());
        S3DataLakeAdapter lake = lake(settings().withEndpoint(closed, true)
                .withRetry(3, Duration.ofMillis(20), Duration.ofMillis(100)));

        long start = System.nanoTime();
        assertThatThrownBy(() -> lake.write(BATCH, "x".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(DependencyUnavailableException.class, e -> {
                    assertThat(e.dependency()).isEqualTo("S3 (" + closed + ")");
                    assertThat(e.getMessage()).startsWith("S3 (" + closed + ") is unavailable")
                            .contains("after 3 attempts").contains(BATCH.key());
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThatThrownBy(() -> lake.read(BATCH)).isInstanceOf(DependencyUnavailableException.class);
        assertThatThrownBy(() -> lake.list(ZonePath.root(DataZone.LANDING)))
                .isInstanceOf(DependencyUnavailableException.class);
        assertThat(stagingFiles()).isEmpty();
        assertThat(lake.check().up()).isFalse();
    }

    @Test
    void s3_that_keeps_failing_opens_the_circuit_and_calls_then_fail_fast() throws IOException {
        URI closed = URI.create("http://127.0.0.1:" + closedPort());
        S3DataLakeAdapter lake = lake(settings().withEndpoint(closed, true)
                .withRetry(2, Duration.ofMillis(10), Duration.ofMillis(10))
                .withCircuitOpenDuration(Duration.ofMinutes(5)));

        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            try {
                lake.exists(BATCH);
            } catch (DependencyUnavailableException e) {
                assertThat(e.dependency()).isEqualTo("S3 (" + closed + ")");
                messages.add(e.getMessage());
            }
        }

        assertThat(messages).hasSize(8);
        assertThat(messages.get(0)).contains("after 2 attempts");
        assertThat(messages.get(7)).contains("circuit breaker open");
        HealthStatus health = lake.check();
        assertThat(health.up()).isFalse();
        assertThat(health.detail()).contains("circuit breaker open");
    }

    @Test
    void retries_ride_out_a_short_outage_and_nothing_is_lost() throws Exception {
        try (TcpProxy proxy = new TcpProxy(server.port())) {
            S3DataLakeAdapter lake = lake(settings()
                    .withEndpoint(URI.create("http://127.0.0.1:" + proxy.port()), true)
                    .withRetry(6, Duration.ofMillis(200), Duration.ofSeconds(1)));
            Thread comesBack = new Thread(() -> {
                sleep(Duration.ofMillis(500));
                proxy.up();
            });
            comesBack.start();

            lake.write(BATCH, "landed while S3 restarted".getBytes(StandardCharsets.UTF_8));

            comesBack.join();
            assertThat(lake.read(BATCH)).hasValueSatisfying(bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8))
                    .isEqualTo("landed while S3 restarted"));
        }
    }

    @Test
    void after_an_outage_the_circuit_closes_again_once_s3_answers() {
        try (TcpProxy proxy = new TcpProxy(server.port())) {
            S3DataLakeAdapter lake = lake(settings()
                    .withEndpoint(URI.create("http://127.0.0.1:" + proxy.port()), true)
                    .withRetry(2, Duration.ofMillis(10), Duration.ofMillis(10))
                    .withCircuitOpenDuration(Duration.ofMillis(500)));
            String last = "";
            for (int i = 0; i < 10 && !last.contains("circuit breaker open"); i++) {
                try {
                    lake.exists(BATCH);
                } catch (DependencyUnavailableException e) {
                    last = e.getMessage();
                }
            }
            assertThat(last).contains("circuit breaker open");
            assertThat(lake.check().up()).isFalse();

            proxy.up();
            assertThat(lake.check().up()).as("health asks S3 itself, whatever the breaker says").isTrue();
            sleep(Duration.ofMillis(600));

            lake.write(BATCH, "back".getBytes(StandardCharsets.UTF_8));
            assertThat(lake.exists(BATCH)).isTrue();
            assertThat(lake.check().detail()).doesNotContain("circuit breaker open");
        }
    }

    // ---- helpers

    private S3LakeSettings settings() {
        return settings(URI.create("s3://lake/" + prefix));
    }

    private static S3LakeSettings settings(URI lakeUri) {
        return S3LakeSettings.of(lakeUri)
                .withEndpoint(server.endpoint(), true)
                .withRetry(3, Duration.ofMillis(50), Duration.ofMillis(200));
    }

    private S3DataLakeAdapter lake(S3LakeSettings settings) {
        S3DataLakeAdapter lake = new S3DataLakeAdapter(settings);
        adapters.add(lake);
        return lake;
    }

    private static List<String> rawKeys(String keyPrefix) {
        return raw.listObjectsV2Paginator(b -> b.bucket("lake").prefix(keyPrefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    private List<String> pendingUploads() {
        return raw.listMultipartUploads(b -> b.bucket("lake").prefix(prefix)).uploads().stream()
                .map(u -> u.key() + " " + u.uploadId()).toList();
    }

    private static List<Path> stagingFiles() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(f -> f.getFileName().toString().startsWith("s3lake-")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Reproducible bytes that differ from one position to the next, so a misplaced part shows. */
    private static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) ((i * 31L + (i >>> 10)) % 251);
        }
        return bytes;
    }
}
