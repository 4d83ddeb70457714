package io.clickstream.adapter.weblog;

import java.nio.file.Path;

/**
 * One log file found at the start of a run.
 *
 * @param path     absolute path
 * @param name     path relative to the configured directory or glob base, used in rejection origins
 * @param fileKey  the file system's identity of the file (device and inode on Linux), or null
 * @param mtime    last modification, in nanoseconds since the epoch
 * @param size     size on disk when found (compressed size for gzip)
 * @param gzip     true when the content starts with the gzip magic bytes
 * @param rotation N of a {@code .N} or {@code .N.gz} rotation suffix, 0 for none
 * @param head     the first (decompressed) bytes, up to {@link LogFiles#HEAD_BYTES}: the content fingerprint
 */
record LogFile(Path path, String name, String fileKey, long mtime, long size, boolean gzip, int rotation,
               byte[] head) {

    /** How far plain content may be read this run; gzip files are read to their end. */
    long readLimit() {
        return gzip ? Long.MAX_VALUE : size;
    }
}
