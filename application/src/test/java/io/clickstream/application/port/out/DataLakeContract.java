package io.clickstream.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.application.port.out.DataLake.LakeObject;
import io.clickstream.domain.DataZone;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.ZonePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole {@link DataLake} port contract as a reusable JUnit 5 specification: an adapter's test extends this
 * class and supplies a fresh, empty lake per test.
 */
public abstract class DataLakeContract {

    private static final ZonePath BATCH = ZonePath.of(DataZone.LANDING, "clickstream/source=weblog/dt=2026-11-21/b1.csv");

    /** The lake under test: created by {@link #newLake()} before each test. */
    protected DataLake lake;

    /** A new, empty lake; called once before every test. */
    protected abstract DataLake newLake();

    @BeforeEach
    void createLake() {
        lake = newLake();
    }

    // ---- write and read

    @Test
    void written_bytes_read_back_unchanged() {
        lake.write(BATCH, utf8("event_id,event_time\nabc,2026-11-21T10:00:00Z\n"));

        assertThat(lake.read(BATCH)).hasValueSatisfying(
                bytes -> assertThat(bytes).isEqualTo(utf8("event_id,event_time\nabc,2026-11-21T10:00:00Z\n")));
    }

    @Test
    void writing_creates_every_missing_folder_on_the_way() {
        ZonePath deep = ZonePath.of(DataZone.ANALYTICS, "models/v1/deep/deeper/model.zip");

        lake.write(deep, utf8("zip"));

        assertThat(lake.read(deep)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(utf8("zip")));
    }

    @Test
    void empty_content_is_an_object_of_size_zero() {
        lake.write(BATCH, new byte[0]);

        assertThat(lake.exists(BATCH)).isTrue();
        assertThat(lake.read(BATCH)).hasValueSatisfying(bytes -> assertThat(bytes).isEmpty());
        assertThat(lake.list(ZonePath.root(DataZone.LANDING))).singleElement()
                .satisfies(o -> assertThat(o.size()).isZero());
    }

    @Test
    void overwrite_replaces_the_whole_content() {
        lake.write(BATCH, utf8("a much longer first version of the content"));

        lake.write(BATCH, utf8("short"));

        assertThat(lake.read(BATCH)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(utf8("short")));
        assertThat(lake.list(ZonePath.root(DataZone.LANDING))).singleElement()
                .satisfies(o -> assertThat(o.size()).isEqualTo(5));
    }

    @Test
    void content_writer_may_write_in_many_pieces() {
        lake.write(BATCH, out -> {
            for (int i = 0; i < 1000; i++) {
                out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.write('!');
        });

        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            expected.append("line ").append(i).append('\n');
        }
        expected.append('!');
        assertThat(lake.read(BATCH)).hasValueSatisfying(
                bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(expected.toString()));
    }

    @Test
    void changing_arrays_after_write_or_read_does_not_change_the_stored_object() {
        byte[] written = utf8("original");
        lake.write(BATCH, written);
        written[0] = 'X';

        byte[] firstRead = lake.read(BATCH).orElseThrow();
        firstRead[1] = 'Y';

        assertThat(lake.read(BATCH)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(utf8("original")));
    }

    @Test
    void every_byte_value_survives_a_round_trip() {
        byte[] all = new byte[256 * 4];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }

        lake.write(BATCH, all);

        assertThat(lake.read(BATCH)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(all));
    }

    @Test
    void keys_with_equals_signs_dashes_and_dots_round_trip() {
        ZonePath odd = ZonePath.of(DataZone.STAGING, "interactions/source=weblog/event_type=view/dt=2026-11-21/part-00000.snappy.parquet");

        lake.write(odd, utf8("p"));

        assertThat(lake.read(odd)).isPresent();
        assertThat(lake.list(ZonePath.of(DataZone.STAGING, "interactions"))).extracting(LakeObject::path)
                .containsExactly(odd);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_20_mb_object_streams_in_and_out_whole() throws Exception {
        int size = 20 * 1024 * 1024;
        int blockSize = 64 * 1024;
        ZonePath big = ZonePath.of(DataZone.ANALYTICS, "models/v-big/model.zip");
        MessageDigest written = sha256();
        for (int done = 0; done < size; done += blockSize) {
            written.update(block(done, blockSize));
        }

        // The content is a function of its position, so an adapter that retries the writer still writes the same.
        lake.write(big, out -> {
            for (int done = 0; done < size; done += blockSize) {
                out.write(block(done, blockSize));
            }
        });

        MessageDigest read = sha256();
        long total = 0;
        try (InputStream in = lake.open(big).orElseThrow()) {
            byte[] buffer = new byte[32 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                read.update(buffer, 0, n);
                total += n;
            }
        }
        assertThat(total).isEqualTo(size);
        assertThat(read.digest()).isEqualTo(written.digest());
        assertThat(lake.list(ZonePath.of(DataZone.ANALYTICS, "models/v-big"))).singleElement()
                .satisfies(o -> assertThat(o.size()).isEqualTo(size));
    }

    // ---- open and read of what is not there

    @Test
    void open_streams_the_content() throws IOException {
        lake.write(BATCH, utf8("streamed"));

        Optional<InputStream> opened = lake.open(BATCH);

        assertThat(opened).isPresent();
        try (InputStream in = opened.get()) {
            assertThat(in.readAllBytes()).isEqualTo(utf8("streamed"));
        }
    }

    @Test
    void missing_object_reads_and_opens_as_empty() {
        assertThat(lake.read(BATCH)).isEmpty();
        assertThat(lake.open(BATCH)).isEmpty();
        assertThat(lake.exists(BATCH)).isFalse();
    }

    @Test
    void a_folder_is_not_an_object() {
        lake.write(BATCH, utf8("x"));
        ZonePath folder = ZonePath.of(DataZone.LANDING, "clickstream/source=weblog");

        assertThat(lake.exists(folder)).isFalse();
        assertThat(lake.read(folder)).isEmpty();
        assertThat(lake.open(folder)).isEmpty();
    }

    // ---- list

    @Test
    void list_returns_every_object_under_the_prefix_recursively_sorted_by_key() {
        ZonePath c = ZonePath.of(DataZone.LANDING, "clickstream/source=weblog/dt=2026-11-22/c.csv");
        ZonePath a = ZonePath.of(DataZone.LANDING, "clickstream/source=search/dt=2026-11-21/a.csv");
        ZonePath b = ZonePath.of(DataZone.LANDING, "clickstream/source=weblog/dt=2026-11-21/b.csv");
        ZonePath top = ZonePath.of(DataZone.LANDING, "clickstream/top.txt");
        lake.write(c, utf8("ccc"));
        lake.write(a, utf8("a"));
        lake.write(top, utf8("tt"));
        lake.write(b, utf8("bb"));

        List<LakeObject> listed = lake.list(LakeLayout.landingClickstream());

        assertThat(listed).extracting(LakeObject::path).containsExactly(a, b, c, top);
        assertThat(listed).extracting(LakeObject::size).containsExactly(1L, 2L, 3L, 2L);
        assertThat(listed).allSatisfy(o -> assertThat(o.lastModified()).isNotNull());
    }

    @Test
    void list_sorts_by_full_key_not_by_folder_depth() {
        ZonePath nested = ZonePath.of(DataZone.LANDING, "x/a/z.csv");
        ZonePath dashed = ZonePath.of(DataZone.LANDING, "x/a-b.csv");
        ZonePath flat = ZonePath.of(DataZone.LANDING, "x/b.csv");
        lake.write(flat, utf8("1"));
        lake.write(nested, utf8("1"));
        lake.write(dashed, utf8("1"));

        List<ZonePath> keys = lake.list(ZonePath.of(DataZone.LANDING, "x")).stream().map(LakeObject::path).toList();

        List<ZonePath> sorted = new ArrayList<>(keys);
        sorted.sort(null);
        assertThat(keys).containsExactlyInAnyOrder(nested, dashed, flat).isEqualTo(sorted);
    }

    @Test
    void list_excludes_keys_that_only_share_the_prefix_text() {
        ZonePath inA = ZonePath.of(DataZone.LANDING, "a/x");
        ZonePath inAb = ZonePath.of(DataZone.LANDING, "ab/x");
        ZonePath aFile = ZonePath.of(DataZone.LANDING, "a.csv");
        lake.write(inA, utf8("1"));
        lake.write(inAb, utf8("2"));
        lake.write(aFile, utf8("3"));

        assertThat(lake.list(ZonePath.of(DataZone.LANDING, "a"))).extracting(LakeObject::path).containsExactly(inA);
    }

    @Test
    void list_of_a_zone_root_excludes_other_zones() {
        ZonePath landing = ZonePath.of(DataZone.LANDING, "clickstream/a.csv");
        ZonePath staging = ZonePath.of(DataZone.STAGING, "clickstream/a.csv");
        ZonePath analytics = ZonePath.of(DataZone.ANALYTICS, "models/CURRENT");
        lake.write(landing, utf8("1"));
        lake.write(staging, utf8("2"));
        lake.write(analytics, utf8("3"));

        assertThat(lake.list(ZonePath.root(DataZone.STAGING))).extracting(LakeObject::path).containsExactly(staging);
        assertThat(lake.list(ZonePath.root(DataZone.LANDING))).extracting(LakeObject::path).containsExactly(landing);
    }

    @Test
    void list_of_a_missing_or_empty_prefix_is_empty() {
        assertThat(lake.list(ZonePath.root(DataZone.LANDING))).isEmpty();
        assertThat(lake.list(ZonePath.of(DataZone.STAGING, "nothing/here"))).isEmpty();

        lake.write(BATCH, utf8("x"));
        lake.delete(BATCH);

        assertThat(lake.list(LakeLayout.landingClickstream())).isEmpty();
    }

    // ---- exists and delete

    @Test
    void exists_is_true_only_for_a_written_object() {
        assertThat(lake.exists(BATCH)).isFalse();

        lake.write(BATCH, utf8("x"));

        assertThat(lake.exists(BATCH)).isTrue();
    }

    @Test
    void delete_removes_the_object_and_says_so() {
        lake.write(BATCH, utf8("x"));

        assertThat(lake.delete(BATCH)).isTrue();

        assertThat(lake.exists(BATCH)).isFalse();
        assertThat(lake.read(BATCH)).isEmpty();
        assertThat(lake.list(ZonePath.root(DataZone.LANDING))).isEmpty();
    }

    @Test
    void delete_of_a_missing_object_returns_false() {
        assertThat(lake.delete(BATCH)).isFalse();
    }

    @Test
    void delete_leaves_neighbours_alone() {
        ZonePath sibling = ZonePath.of(DataZone.LANDING, "clickstream/source=weblog/dt=2026-11-21/b2.csv");
        lake.write(BATCH, utf8("1"));
        lake.write(sibling, utf8("2"));

        lake.delete(BATCH);

        assertThat(lake.exists(sibling)).isTrue();
        assertThat(lake.list(ZonePath.root(DataZone.LANDING))).extracting(LakeObject::path).containsExactly(sibling);
    }

    // ---- atomicity

    @Test
    void a_writer_failing_midway_leaves_the_old_content() {
        lake.write(BATCH, utf8("old content"));

        assertThatThrownBy(() -> lake.write(BATCH, out -> {
            out.write(utf8("new content that never fini"));
            throw new IOException("disk on fire");
        })).isInstanceOf(UncheckedIOException.class).hasMessageContaining(BATCH.key());

        assertThat(lake.read(BATCH)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(utf8("old content")));
        assertThat(lake.list(ZonePath.root(DataZone.LANDING))).singleElement()
                .satisfies(o -> assertThat(o.size()).isEqualTo(utf8("old content").length));
    }

    @Test
    void a_writer_failing_midway_on_a_new_key_leaves_nothing() {
        assertThatThrownBy(() -> lake.write(BATCH, out -> {
            out.write(utf8("partial"));
            throw new IOException("source went away");
        })).isInstanceOf(UncheckedIOException.class);

        assertThat(lake.exists(BATCH)).isFalse();
        assertThat(lake.read(BATCH)).isEmpty();
        assertThat(lake.list(ZonePath.root(DataZone.LANDING))).isEmpty();
    }

    @Test
    void a_writer_throwing_an_unchecked_exception_also_leaves_nothing() {
        RuntimeException bug = new IllegalStateException("bug in the writer");

        assertThatThrownBy(() -> lake.write(BATCH, out -> {
            out.write(utf8("partial"));
            throw bug;
        })).isInstanceOf(RuntimeException.class);

        assertThat(lake.exists(BATCH)).isFalse();
        assertThat(lake.list(ZonePath.root(DataZone.LANDING))).isEmpty();
    }

    @Test
    void a_reader_never_sees_a_partly_written_object() throws Exception {
        byte[] first = filled((byte) 'a', 256 * 1024);
        lake.write(BATCH, first);
        CountDownLatch halfWritten = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> write = writer.submit(() -> lake.write(BATCH, out -> {
                out.write(filled((byte) 'b', 128 * 1024));
                out.flush();
                halfWritten.countDown();
                await(checked);
                out.write(filled((byte) 'b', 128 * 1024));
            }));
            assertThat(halfWritten.await(30, TimeUnit.SECONDS)).isTrue();

            assertThat(lake.read(BATCH)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(first));
            assertThat(lake.list(ZonePath.root(DataZone.LANDING))).extracting(LakeObject::path).containsExactly(BATCH);

            checked.countDown();
            write.get(30, TimeUnit.SECONDS);
            assertThat(lake.read(BATCH)).hasValueSatisfying(
                    bytes -> assertThat(bytes).isEqualTo(filled((byte) 'b', 256 * 1024)));
        } finally {
            checked.countDown();
            writer.shutdownNow();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void concurrent_writes_to_one_key_leave_one_whole_content() throws Exception {
        int writers = 6;
        int size = 128 * 1024;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> torn = new ConcurrentLinkedQueue<>();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                byte value = (byte) ('A' + w);
                futures.add(pool.submit(() -> {
                    await(start);
                    for (int round = 0; round < 5; round++) {
                        lake.write(BATCH, out -> {
                            for (int i = 0; i < 4; i++) {
                                out.write(filled(value, size / 4));
                            }
                        });
                    }
                    return null;
                }));
            }
            Future<?> reader = pool.submit(() -> {
                await(start);
                while (writing.get()) {
                    lake.read(BATCH).ifPresent(bytes -> {
                        if (!isWhole(bytes, size)) {
                            torn.add("read " + bytes.length + " bytes"
                                    + (bytes.length == 0 ? "" : " starting with " + (char) bytes[0]));
                        }
                    });
                }
                return null;
            });
            start.countDown();
            for (Future<?> f : futures) {
                f.get(100, TimeUnit.SECONDS);
            }
            writing.set(false);
            reader.get(30, TimeUnit.SECONDS);
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }

        assertThat(torn).as("reads that saw a mix of two writes or a partial object").isEmpty();
        byte[] last = lake.read(BATCH).orElseThrow();
        assertThat(isWhole(last, size)).as("final content is one writer's whole content").isTrue();
        assertThat(lake.list(ZonePath.root(DataZone.LANDING))).extracting(LakeObject::path).containsExactly(BATCH);
    }

    // ---- location and description

    @Test
    void location_is_an_absolute_uri_ending_in_the_key() {
        URI location = lake.location(BATCH);

        assertThat(location.isAbsolute()).as("absolute: " + location).isTrue();
        assertThat(location.getScheme()).isNotBlank();
        assertThat(location.toString()).endsWith(BATCH.key());
    }

    @Test
    void location_of_a_zone_root_names_the_zone_folder() {
        URI location = lake.location(ZonePath.root(DataZone.STAGING));

        assertThat(location.isAbsolute()).isTrue();
        assertThat(location.toString().replaceAll("/+$", "")).endsWith("/staging");
    }

    @Test
    void describe_names_the_lake() {
        assertThat(lake.describe()).isNotBlank();
    }

    // ---- helpers

    protected static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] filled(byte value, int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, value);
        return bytes;
    }

    /** Pseudo-random but reproducible bytes for the block at {@code offset}, every byte value included. */
    private static byte[] block(int offset, int size) {
        byte[] bytes = new byte[size];
        long x = offset * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < size; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            bytes[i] = (byte) x;
        }
        return bytes;
    }

    private static boolean isWhole(byte[] bytes, int size) {
        if (bytes.length != size) {
            return false;
        }
        for (byte b : bytes) {
            if (b != bytes[0]) {
                return false;
            }
        }
        return true;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
