package io.clickstream.application.port.out;

import io.clickstream.domain.ZonePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The data lake: one directory or bucket with the landing, staging and analytics zones. Writes are atomic: a
 * reader sees the old content or the whole new content, never part of a file. Failures are
 * {@link UncheckedIOException}s naming the path. Implementations are thread-safe.
 */
public interface DataLake {

    /** Writes the whole content at {@code path}, replacing what was there, atomically. */
    void write(ZonePath path, ContentWriter content);

    default void write(ZonePath path, byte[] bytes) {
        write(path, out -> out.write(bytes));
    }

    /** The content at {@code path}, or empty if there is none. */
    Optional<byte[]> read(ZonePath path);

    /** Opens the content at {@code path} for streaming; empty if there is none. The caller closes it. */
    Optional<InputStream> open(ZonePath path);

    /** Every object under {@code prefix} (recursively), sorted by key. Folders are not listed. */
    List<LakeObject> list(ZonePath prefix);

    boolean exists(ZonePath path);

    /** Deletes the object at {@code path}; false if there was none. */
    boolean delete(ZonePath path);

    /** Where an engine that reads the lake itself (Spark) finds {@code path}: {@code file:/...} or {@code s3a://...}. */
    URI location(ZonePath path);

    /** A short description for health and logs, such as {@code localfs:/data/lake}. */
    String describe();

    /** Writes content to a stream that the lake makes durable and visible only when the writer returns. */
    @FunctionalInterface
    interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /** One object in a listing. */
    record LakeObject(ZonePath path, long size, Instant lastModified) {
    }
}
