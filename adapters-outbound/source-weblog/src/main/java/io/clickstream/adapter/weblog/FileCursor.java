package io.clickstream.adapter.weblog;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * How far one log file has been read: the offset (in decompressed bytes for gzip) after the last consumed line,
 * and the file's identity: its last path and file key, and a hash of its first bytes, which survives renaming,
 * copying and compression.
 *
 * @param headLength how many leading bytes {@code headHash} covers: at most min(offset, {@link LogFiles#HEAD_BYTES})
 * @param lines      lines consumed, so rejections can name a line number
 */
record FileCursor(String path, String fileKey, int headLength, String headHash, long offset, long lines) {

    static FileCursor of(LogFile file, long offset, long lines) {
        // A gzip file still being written may have grown past the head read when the run began.
        int len = (int) Math.min(Math.min(offset, LogFiles.HEAD_BYTES), file.head().length);
        return new FileCursor(file.path().toString(), file.fileKey(), len, hash(file.head(), len), offset, lines);
    }

    /** True when the file starts with the bytes this cursor's file started with. */
    boolean sameContentAs(LogFile file) {
        return headLength > 0 && file.head().length >= headLength && hash(file.head(), headLength).equals(headHash);
    }

    /** This cursor, moved to the file's current name and key (after a rename or compression). */
    FileCursor at(LogFile file) {
        return new FileCursor(file.path().toString(), file.fileKey(), headLength, headHash, offset, lines);
    }

    static String hash(byte[] bytes, int length) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes, 0, length);
            return HexFormat.of().formatHex(Arrays.copyOf(sha.digest(), 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
