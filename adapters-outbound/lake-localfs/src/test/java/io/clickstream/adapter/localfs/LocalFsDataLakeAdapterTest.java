package io.clickstream.adapter.localfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.DataLake.LakeObject;
import io.clickstream.domain.DataZone;
import io.clickstream.domain.HealthStatus;
import io.clickstream.domain.ZonePath;
import io.clickstream.application.port.out.DataLakeContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The DataLake contract on a real directory, plus what only a local directory can get wrong. */
class LocalFsDataLakeAdapterTest extends DataLakeContract {
    private static final ZonePath BATCH = ZonePath.of(DataZone.LANDING, "clickstream/source=weblog/dt=2026-11-21/b1.csv");

    private Path workDir;
    private Path root;

    @Override
    protected DataLake newLake() {
        try {
            Path base = Files.createDirectories(Path.of("target", "tmp").toAbsolutePath());
            workDir = Files.createTempDirectory(base, "lake-test-");
            root = workDir.resolve("lake");
            return new LocalFsDataLakeAdapter(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void removeWorkDir() throws IOException {
        if (workDir != null && Files.exists(workDir)) {
            try (Stream<Path> files = Files.walk(workDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private LocalFsDataLakeAdapter local() {
        return (LocalFsDataLakeAdapter) lake;
    }

    @Test
    void constructor_creates_a_missing_root_with_its_parents() {
        Path nested = workDir.resolve("a/b/c/lake");

        new LocalFsDataLakeAdapter(new LocalFsLakeSettings(nested));

        assertThat(nested).isDirectory();
    }

    @Test
    void objects_land_under_root_zone_and_relative_path() throws IOException {
        lake.write(BATCH, utf8("x,y"));

        Path expected = root.resolve("landing/clickstream/source=weblog/dt=2026-11-21/b1.csv");
        assertThat(expected).isRegularFile();
        assertThat(Files.readAllBytes(expected)).isEqualTo(utf8("x,y"));
    }

    @Test
    void location_is_a_file_uri_of_the_object() {
        lake.write(BATCH, utf8("x"));

        assertThat(lake.location(BATCH).getScheme()).isEqualTo("file");
        assertThat(Path.of(lake.location(BATCH))).isEqualTo(local().root().resolve(BATCH.key()));
    }

    @Test
    void describe_names_the_root() {
        assertThat(lake.describe()).isEqualTo("localfs:" + local().root());
    }

    @Test
    void files_outside_the_zone_folders_are_not_listed() throws IOException {
        Files.writeString(workDir.resolve("beside-the-lake.csv"), "not in the lake");
        Files.createDirectories(root.resolve("landing"));
        Files.writeString(root.resolve("stray.txt"), "in the root but in no zone");

        assertThat(lake.list(ZonePath.root(DataZone.LANDING))).isEmpty();
    }

    @Test
    void leftover_temp_files_of_a_crashed_writer_are_not_listed_or_read() throws IOException {
        lake.write(BATCH, utf8("whole"));
        Path folder = root.resolve("landing/clickstream/source=weblog/dt=2026-11-21");
        Files.writeString(folder.resolve(".tmp-0b7c1f2e-crashed"), "half a fi");

        assertThat(lake.list(ZonePath.root(DataZone.LANDING))).extracting(LakeObject::path).containsExactly(BATCH);
        assertThat(lake.read(BATCH)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(utf8("whole")));
    }

    @Test
    void a_failing_writer_leaves_no_temp_file_on_disk() throws IOException {
        assertThatThrownBy(() -> lake.write(BATCH, out -> {
            out.write(utf8("partial"));
            throw new IOException("boom");
        })).isInstanceOf(UncheckedIOException.class);

        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void successful_writes_leave_no_temp_file_behind() throws IOException {
        for (int i = 0; i < 5; i++) {
            lake.write(BATCH, utf8("v" + i));
        }

        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .containsExactly("b1.csv");
        }
    }

    @Test
    void a_writer_may_close_the_stream_itself() {
        lake.write(BATCH, out -> {
            out.write(utf8("closed early"));
            out.close();
        });

        assertThat(lake.read(BATCH)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(utf8("closed early")));
    }

    @Test
    void names_reserved_for_temp_files_cannot_be_written() {
        ZonePath reserved = ZonePath.of(DataZone.LANDING, "x/.tmp-mine");

        assertThatThrownBy(() -> lake.write(reserved, utf8("x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(".tmp-");
    }

    @Test
    void a_symlinked_folder_leading_outside_the_root_is_refused() throws IOException {
        Path outside = Files.createDirectories(workDir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createDirectories(root.resolve("landing"));
        Files.createSymbolicLink(root.resolve("landing/escape"), outside);
        ZonePath secret = ZonePath.of(DataZone.LANDING, "escape/secret.txt");
        ZonePath planted = ZonePath.of(DataZone.LANDING, "escape/planted.txt");

        assertThatThrownBy(() -> lake.read(secret)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("outside the lake root");
        assertThatThrownBy(() -> lake.open(secret)).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> lake.exists(secret)).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> lake.delete(secret)).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> lake.list(ZonePath.of(DataZone.LANDING, "escape"))).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> lake.write(planted, utf8("planted"))).isInstanceOf(UncheckedIOException.class);

        assertThat(outside.resolve("planted.txt")).doesNotExist();
        assertThat(outside.resolve("secret.txt")).hasContent("secret");
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void a_symlinked_file_leading_outside_the_root_is_refused() throws IOException {
        Path secretFile = Files.writeString(workDir.resolve("passwd"), "root:x:0:0");
        Files.createDirectories(root.resolve("landing/clickstream"));
        Files.createSymbolicLink(root.resolve("landing/clickstream/link.csv"), secretFile);
        ZonePath link = ZonePath.of(DataZone.LANDING, "clickstream/link.csv");

        assertThatThrownBy(() -> lake.read(link)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(link.key());
        assertThatThrownBy(() -> lake.write(link, utf8("overwrite"))).isInstanceOf(UncheckedIOException.class);
        assertThat(secretFile).hasContent("root:x:0:0");
    }

    @Test
    void listing_a_zone_does_not_enter_a_symlink_leading_outside() throws IOException {
        Path outside = Files.createDirectories(workDir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        lake.write(BATCH, utf8("x"));
        Files.createSymbolicLink(root.resolve("landing/escape"), outside);

        assertThat(lake.list(ZonePath.root(DataZone.LANDING))).extracting(LakeObject::path).containsExactly(BATCH);
    }

    @Test
    void a_symlinked_zone_folder_leading_outside_is_refused() throws IOException {
        Path outside = Files.createDirectories(workDir.resolve("elsewhere"));
        Files.createSymbolicLink(root.resolve("staging"), outside);

        assertThatThrownBy(() -> lake.write(ZonePath.of(DataZone.STAGING, "t/x"), utf8("x")))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(outside.resolve("t")).doesNotExist();
    }

    @Test
    void a_symlink_staying_inside_the_root_is_followed() throws IOException {
        lake.write(BATCH, utf8("inside"));
        Files.createSymbolicLink(root.resolve("landing/alias"), root.resolve("landing/clickstream"));

        assertThat(lake.read(ZonePath.of(DataZone.LANDING, "alias/source=weblog/dt=2026-11-21/b1.csv")))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(utf8("inside")));
    }

    @Test
    void a_root_reached_through_a_symlink_works() throws IOException {
        Path linkToRoot = Files.createSymbolicLink(workDir.resolve("lake-link"), root);
        DataLake viaLink = new LocalFsDataLakeAdapter(linkToRoot);

        viaLink.write(BATCH, utf8("through the link"));

        assertThat(lake.read(BATCH)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(utf8("through the link")));
    }

    @Test
    void health_is_up_for_a_writable_root_and_leaves_no_probe_file() throws IOException {
        HealthStatus status = local().check();

        assertThat(status.up()).isTrue();
        assertThat(status.detail()).contains(root.getFileName().toString());
        try (Stream<Path> files = Files.list(local().root())) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void health_is_down_when_the_root_has_gone() throws IOException {
        Files.delete(root);

        HealthStatus status = local().check();

        assertThat(status.up()).isFalse();
        assertThat(status.detail()).contains("not a directory");
    }

    @Test
    void health_is_down_when_the_root_is_not_a_folder_we_can_write() throws IOException {
        Files.delete(root);
        // A file where the root was: writing into it fails even for root (permissions would not stop root).
        Files.writeString(root, "not a folder");

        assertThat(local().check().up()).isFalse();
    }
}
