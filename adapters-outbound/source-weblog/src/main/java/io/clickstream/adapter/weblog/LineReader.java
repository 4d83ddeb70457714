package io.clickstream.adapter.weblog;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * Splits a byte stream into {@code \n}-terminated lines with exact byte offsets. A line longer than the limit is
 * skipped through rather than held in memory; an unterminated last line is returned only when the stream is known
 * to be final (a complete gzip member), because a plain log's last line may still be being written.
 */
final class LineReader {

    static final int SNIPPET_BYTES = 4096;

    /** A view of the current line, valid until the next call to {@link #next()}. */
    static final class Line {
        byte[] bytes;
        int start;
        /** Length without the {@code \n} and a trailing {@code \r}; for an over-long line, of the snippet. */
        int length;
        long offset;
        long endOffset;
        boolean tooLong;
        long fullLength;
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final long limit;
    private final boolean finalAtCleanEnd;
    private final byte[] buf;
    private final Line line = new Line();
    private int start;
    private int end;
    private long bufOffset;
    private boolean eof;
    private String brokenReason;
    private boolean partialLeft;

    /**
     * @param in              positioned at {@code offset}
     * @param limit           stream offset not to read past (the size seen when the run started), or Long.MAX_VALUE
     * @param finalAtCleanEnd true when the content can no longer grow, so an unterminated last line is complete
     */
    LineReader(InputStream in, long offset, long limit, int maxLineBytes, boolean finalAtCleanEnd) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.limit = limit;
        this.finalAtCleanEnd = finalAtCleanEnd;
        this.buf = new byte[Math.max(128 * 1024, maxLineBytes + 2)];
        this.bufOffset = offset;
    }

    /** The next line, or null at the end of what can be consumed now. */
    Line next() throws IOException {
        int scanFrom = start;
        while (true) {
            int nl = indexOfNewline(scanFrom, end);
            if (nl >= 0) {
                return complete(start, nl, nl + 1);
            }
            if (end - start > maxLineBytes) {
                return skipLongLine();
            }
            if (eof) {
                if (start == end) {
                    return null;
                }
                if (finalAtCleanEnd && brokenReason == null) {
                    return complete(start, end, end);
                }
                partialLeft = true;
                return null;
            }
            int scanned = end - start;
            fill(); // may move the unconsumed bytes to the front of the buffer
            scanFrom = start + scanned;
        }
    }

    /** Why the stream ended early (a gzip file cut short or corrupt), or null. */
    String brokenReason() {
        return brokenReason;
    }

    /** True when an unterminated last line was left for later. */
    boolean partialLeft() {
        return partialLeft;
    }

    private Line complete(int from, int nl, int next) {
        int to = nl;
        if (to > from && buf[to - 1] == '\r') {
            to--;
        }
        line.bytes = buf;
        line.start = from;
        line.length = to - from;
        line.offset = bufOffset + from;
        line.endOffset = bufOffset + next;
        line.tooLong = false;
        line.fullLength = to - from;
        start = next;
        return line;
    }

    private Line skipLongLine() throws IOException {
        byte[] snippet = new byte[Math.min(SNIPPET_BYTES, end - start)];
        System.arraycopy(buf, start, snippet, 0, snippet.length);
        long lineOffset = bufOffset + start;
        while (true) {
            int nl = indexOfNewline(start, end);
            if (nl >= 0) {
                start = nl + 1;
                return tooLong(snippet, lineOffset, bufOffset + nl, bufOffset + nl + 1);
            }
            if (eof) {
                if (finalAtCleanEnd && brokenReason == null) {
                    start = end;
                    return tooLong(snippet, lineOffset, bufOffset + end, bufOffset + end);
                }
                partialLeft = true;
                return null;
            }
            // Drop what was scanned: the line is rejected whole, only its first bytes are kept.
            bufOffset += end;
            start = 0;
            end = 0;
            fill();
        }
    }

    private Line tooLong(byte[] snippet, long lineOffset, long lineEnd, long next) {
        line.bytes = snippet;
        line.start = 0;
        line.length = snippet.length;
        line.offset = lineOffset;
        line.endOffset = next;
        line.tooLong = true;
        line.fullLength = lineEnd - lineOffset;
        return line;
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            bufOffset += start;
            end -= start;
            start = 0;
        }
        long room = Math.min(buf.length - end, limit - (bufOffset + end));
        if (room <= 0) {
            eof = true;
            return;
        }
        try {
            int n = in.read(buf, end, (int) room);
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
        } catch (EOFException | ZipException e) {
            // Only gzip streams throw these: a file still being compressed, or a corrupt one.
            eof = true;
            brokenReason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    private int indexOfNewline(int from, int to) {
        byte[] b = buf;
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
