package io.clickstream.adapter.weblog;

import io.clickstream.domain.ClickstreamRecord;
import io.clickstream.domain.Interaction;
import io.clickstream.domain.RejectedRecord;
import io.clickstream.domain.Source;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Sorts the lines of one collect call into landed records, unmatched requests (counted only) and rejections
 * with their reason. Not thread-safe: one per call.
 */
final class LineClassifier {

    private final AccessLogParser parser = new AccessLogParser();
    private final EventMapper mapper;
    private final int maxLineBytes;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private CharBuffer chars = CharBuffer.allocate(1024);

    final List<ClickstreamRecord> records = new ArrayList<>();
    final List<RejectedRecord> rejected = new ArrayList<>();
    long lines;
    long unmatched;

    LineClassifier(EventMapper mapper, int maxLineBytes) {
        this.mapper = mapper;
        this.maxLineBytes = maxLineBytes;
    }

    /** Classifies one line; {@code file} and {@code lineNo} name it in a rejection ({@code file:lineNo}). */
    void accept(LineReader.Line line, String file, long lineNo) {
        lines++;
        if (line.tooLong) {
            reject(file, lineNo, "line of " + line.fullLength + " bytes is longer than the limit of "
                    + maxLineBytes + " bytes (" + WeblogSettings.MAX_LINE_BYTES_KEY + "); raw holds its first " + line.length
                    + " bytes", lenient(line));
            return;
        }
        byte[] b = line.bytes;
        boolean ascii = true;
        for (int i = line.start, end = line.start + line.length; i < end; i++) {
            byte c = b[i];
            if (c < 0) {
                ascii = false;
            } else if (c < 0x20 && c != '\t') {
                reject(file, lineNo, String.format("control character 0x%02X at byte %d: binary garbage, not a log "
                        + "line", c, i - line.start + 1), lenient(line));
                return;
            }
        }
        String raw;
        if (ascii) {
            raw = new String(b, line.start, line.length, StandardCharsets.ISO_8859_1);
        } else {
            raw = strictUtf8(line, file, lineNo);
            if (raw == null) {
                return;
            }
        }
        try {
            Interaction interaction = mapper.map(raw, parser.parse(raw));
            if (interaction == null) {
                unmatched++;
            } else {
                records.add(new ClickstreamRecord(interaction, raw));
            }
        } catch (MalformedLineException e) {
            reject(file, lineNo, e.getMessage(), raw);
        }
    }

    private String strictUtf8(LineReader.Line line, String file, long lineNo) {
        if (chars.capacity() < line.length) {
            chars = CharBuffer.allocate(Math.max(line.length, chars.capacity() * 2));
        }
        chars.clear();
        ByteBuffer in = ByteBuffer.wrap(line.bytes, line.start, line.length);
        utf8.reset();
        CoderResult r = utf8.decode(in, chars, true);
        if (!r.isError()) {
            r = utf8.flush(chars);
        }
        if (r.isError()) {
            reject(file, lineNo, "invalid UTF-8 at byte " + (in.position() - line.start + 1)
                    + " (raw shows it as U+FFFD)", lenient(line));
            return null;
        }
        return chars.flip().toString();
    }

    private void reject(String file, long lineNo, String reason, String raw) {
        // the origin is put together only for a rejected line: most lines never need it
        rejected.add(new RejectedRecord(Source.WEBLOG, file + ":" + lineNo, reason, raw));
    }

    private static String lenient(LineReader.Line line) {
        return new String(line.bytes, line.start, line.length, StandardCharsets.UTF_8);
    }
}
