package io.clickstream.adapter.localfs;

import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.HealthIndicator;
import io.clickstream.domain.HealthStatus;
import io.clickstream.domain.ZonePath;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DataLake} on a local directory (the embedded default): one folder per zone, atomic writes by a hidden
 * temp file in the target's folder that is forced to disk and then renamed over the target.
 */
public final class LocalFsDataLakeAdapter implements DataLake, HealthIndicator {
    /** Names of in-flight (or crashed) writes; never listed, never a valid object name. */
    static final String TEMP_PREFIX = ".tmp-";

    private static final Logger log = LoggerFactory.getLogger(LocalFsDataLakeAdapter.class);
    private static final int BUFFER_SIZE = 64 * 1024;

    private final Path root;

    /** A lake rooted at {@code root}, created if missing. */
    public LocalFsDataLakeAdapter(Path root) {
        try {
            Files.createDirectories(root.toAbsolutePath().normalize());
            // The real path, so that a root reached through a symlink (/data -> /mnt/data) is compared correctly.
            this.root = root.toAbsolutePath().normalize().toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the lake root " + root + ": " + e.getMessage(), e);
        }
    }

    public LocalFsDataLakeAdapter(LocalFsLakeSettings settings) {
        this(settings.root());
    }

    /** The lake's root folder (its real path). */
    public Path root() {
        return root;
    }

    @Override
    public void write(ZonePath path, ContentWriter content) {
        if (path.name().startsWith(TEMP_PREFIX)) {
            throw new IllegalArgumentException("lake object names may not start with '" + TEMP_PREFIX
                    + "' (reserved for writes in progress): " + path.key());
        }
        Path target = resolve(path);
        Path temp = null;
        try {
            Path folder = target.getParent();
            Files.createDirectories(folder);
            temp = folder.resolve(TEMP_PREFIX + UUID.randomUUID());
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_SIZE);
                content.writeTo(new KeepOpen(out));
                out.flush();
                // Durable before visible: a crash after the rename must not leave an empty or partial file.
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            forceFolder(folder);
        } catch (IOException e) {
            throw failure("write", path, e);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    @Override
    public Optional<byte[]> read(ZonePath path) {
        Path file = resolve(path);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty(); // deleted between the check and the read
        } catch (IOException e) {
            throw failure("read", path, e);
        }
    }

    @Override
    public Optional<InputStream> open(ZonePath path) {
        Path file = resolve(path);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.newInputStream(file)) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("open", path, e);
        }
    }

    @Override
    public List<LakeObject> list(ZonePath prefix) {
        Path folder = resolve(prefix);
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<LakeObject> objects = new ArrayList<>();
        try {
            // walkFileTree does not follow links by default: a symlink inside the lake is neither listed nor entered.
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !file.getFileName().toString().startsWith(TEMP_PREFIX)) {
                        toObject(file, attrs).ifPresent(objects::add);
                    } else if (attrs.isSymbolicLink()) {
                        log.warn("not listing symbolic link {} in the lake {}", file, root);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // deleted or renamed while we walked
                    }
                    throw e;
                }
            });
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw failure("list", prefix, e);
        }
        objects.sort(Comparator.comparing(LakeObject::path));
        return objects;
    }

    @Override
    public boolean exists(ZonePath path) {
        return Files.isRegularFile(resolve(path));
    }

    @Override
    public boolean delete(ZonePath path) {
        Path file = resolve(path);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw failure("delete", path, e);
        }
    }

    @Override
    public URI location(ZonePath path) {
        return resolve(path).toUri();
    }

    @Override
    public String describe() {
        return "localfs:" + root;
    }

    /** Up when the root is a folder we can create a file in; the probe file is removed again. */
    @Override
    public HealthStatus check() {
        if (!Files.isDirectory(root)) {
            return HealthStatus.down("lake", describe() + " is not a directory");
        }
        Path probe = root.resolve(TEMP_PREFIX + "health-" + UUID.randomUUID());
        try {
            Files.write(probe, new byte[] {1}, StandardOpenOption.CREATE_NEW);
            return HealthStatus.up("lake", describe());
        } catch (IOException e) {
            return HealthStatus.down("lake", describe() + " is not writable: " + e);
        } finally {
            deleteQuietly(probe);
        }
    }

    /**
     * The file for {@code path}, refused if it leaves the root: by its normalised name (ZonePath already forbids
     * '..', this is the second lock) or through a symbolic link somewhere on the way.
     */
    Path resolve(ZonePath path) {
        Path candidate = root.resolve(path.zone().prefix());
        if (!path.relative().isEmpty()) {
            candidate = candidate.resolve(path.relative());
        }
        candidate = candidate.normalize();
        if (!candidate.startsWith(root)) {
            throw escape(path, candidate + " is outside the lake root");
        }
        // The deepest part that exists decides where the rest would land; links are followed only to check that.
        for (Path existing = candidate; existing != null && existing.startsWith(root); existing = existing.getParent()) {
            if (Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                Path real;
                try {
                    real = existing.toRealPath();
                } catch (IOException e) {
                    throw escape(path, existing + " is a dangling symbolic link");
                }
                if (!real.startsWith(root)) {
                    throw escape(path, existing + " leads outside the lake root to " + real);
                }
                break;
            }
        }
        return candidate;
    }

    private Optional<LakeObject> toObject(Path file, BasicFileAttributes attrs) {
        String key = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        try {
            ZonePath path = ZonePath.parseKey(key);
            return Optional.of(new LakeObject(path, attrs.size(), attrs.lastModifiedTime().toInstant()));
        } catch (IllegalArgumentException e) {
            log.warn("not listing {}: its name is not a valid lake path ({})", file, e.getMessage());
            return Optional.empty();
        }
    }

    private static void forceFolder(Path folder) {
        // Makes the rename itself durable; some file systems cannot fsync a folder, which only costs durability.
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            log.debug("cannot fsync folder {}: {}", folder, e.toString());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot remove temp file {}: {}", file, e.toString());
        }
    }

    private UncheckedIOException failure(String action, ZonePath path, IOException e) {
        String reason = e instanceof AccessDeniedException ? "permission denied"
                : e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : e.toString();
        return new UncheckedIOException("cannot " + action + " " + path.key() + " in " + describe() + ": " + reason, e);
    }

    private UncheckedIOException escape(ZonePath path, String why) {
        String message = "refused lake path " + path.key() + ": " + why;
        return new UncheckedIOException(message, new IOException(message));
    }

    /** Lets a writer close its stream without closing the channel we still have to force. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
