package io.clickstream.adapter.weblog;

import io.clickstream.application.port.out.ClickstreamSource;
import io.clickstream.domain.InvalidParameterException;
import io.clickstream.domain.Source;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects clickstream from web-server access logs (plain and gzip-rotated), reading each complete line once
 * across runs, renames, compression and truncation, with a per-file checkpoint of identity and byte offset.
 *
 * <p>Files are read oldest first; a call stops after about {@code maxRecords} landed plus rejected lines, or after
 * ten times as many lines of any kind, always at a line boundary. Only what the files held when the call began
 * is read, and an unterminated last line of a plain file waits until the server finishes it. Calls are
 * serialised; the adapter keeps at most one gzip stream open between consecutive calls so that a large gzip
 * file is not decompressed from its start again for every chunk.
 */
public final class WeblogClickstreamSourceAdapter implements ClickstreamSource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WeblogClickstreamSourceAdapter.class);
    private static final int LINE_CAP_FACTOR = 10;

    private final WeblogSettings settings;
    private final EventMapper mapper;
    private OpenGzip parked;

    public WeblogClickstreamSourceAdapter(WeblogSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.mapper = new EventMapper(settings.rules());
    }

    @Override
    public String id() {
        return settings.id();
    }

    @Override
    public Source source() {
        return Source.WEBLOG;
    }

    @Override
    public synchronized Chunk collect(Optional<String> checkpoint, int maxRecords) {
        if (maxRecords <= 0) {
            throw new InvalidParameterException("maxRecords", maxRecords + " must be positive");
        }
        List<FileCursor> cursors = CheckpointCodec.read(checkpoint);
        List<LogFile> files = LogFiles.find(settings.pathOrGlob(), settings.fileGlob());
        LineClassifier lines = new LineClassifier(mapper, settings.maxLineBytes());
        Budget budget = new Budget(maxRecords, lines);
        List<FileCursor> next = new ArrayList<>();
        OpenGzip previous = parked;
        parked = null;
        for (ReadPlan.Step step : ReadPlan.of(cursors, files)) {
            FileCursor cursor = budget.full()
                    ? (step.cursor() == null ? null : step.cursor().at(step.file()))
                    : read(step, lines, budget, previous);
            if (cursor != null) {
                next.add(cursor);
            }
        }
        if (previous != null && previous != parked) {
            previous.close();
        }
        return new Chunk(lines.records, lines.rejected, lines.lines, lines.unmatched, CheckpointCodec.write(next),
                !budget.full());
    }

    @Override
    public Optional<String> emptyHint() {
        if (!LogFiles.find(settings.pathOrGlob(), settings.fileGlob()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(WeblogSettings.PATH_KEY + " '" + settings.pathOrGlob() + "' matches no log file (named "
                + settings.fileGlob() + ")" + LogFiles.subfolderHint(settings.pathOrGlob(), settings.fileGlob()));
    }

    /** Closes a gzip stream kept open for the next call, if any. */
    @Override
    public synchronized void close() {
        if (parked != null) {
            parked.close();
            parked = null;
        }
    }

    /** Reads one file from its cursor as far as the budget allows; returns its new cursor, null if none. */
    private FileCursor read(ReadPlan.Step step, LineClassifier lines, Budget budget, OpenGzip previous) {
        LogFile file = step.file();
        FileCursor cursor = step.cursor();
        long offset = cursor == null ? 0 : cursor.offset();
        long lineNo = cursor == null ? 0 : cursor.lines();
        OpenGzip gz = null;
        InputStream in = null;
        try {
            LineReader reader;
            if (previous != null && previous.continues(file, offset)) {
                gz = previous;
                reader = gz.reader;
            } else if (file.gzip()) {
                in = Channels.newInputStream(FileChannel.open(file.path()));
                try {
                    in = new GZIPInputStream(in, 64 * 1024);
                    in.skipNBytes(offset);
                } catch (EOFException | ZipException e) {
                    LOG.warn("gzip access log {} ends before offset {} ({}): still being compressed or damaged; "
                            + "will try again next run", file.path(), offset, e.getMessage());
                    return cursor == null ? null : cursor.at(file);
                }
                reader = new LineReader(in, offset, file.readLimit(), settings.maxLineBytes(), true);
                gz = new OpenGzip(file, reader, in);
            } else {
                FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ).position(offset);
                in = Channels.newInputStream(channel);
                reader = new LineReader(in, offset, file.readLimit(), settings.maxLineBytes(), false);
            }
            LineReader.Line line;
            while (!budget.full() && (line = reader.next()) != null) {
                lineNo++;
                lines.accept(line, file.name(), lineNo);
                offset = line.endOffset;
            }
            if (reader.brokenReason() != null) {
                LOG.warn("gzip access log {} is cut short after {} bytes ({}): the rest is read once the file is "
                        + "complete", file.path(), offset, reader.brokenReason());
            }
            if (gz != null && budget.full()) {
                gz.offset = offset;
                parked = gz;
            }
        } catch (NoSuchFileException e) {
            LOG.info("access log {} vanished while being read", file.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read access log " + file.path() + ": " + e.getMessage(), e);
        } finally {
            if (gz == null || parked != gz) {
                closeQuietly(gz != null ? gz.in : in);
            }
        }
        if (offset == 0) {
            return null;
        }
        return cursor != null && offset == cursor.offset() ? cursor.at(file) : FileCursor.of(file, offset, lineNo);
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                LOG.debug("closing an access log failed", e);
            }
        }
    }

    /** When a call is full: enough landed and rejected lines, or too many lines of any kind. */
    private record Budget(int maxRecords, LineClassifier lines) {
        boolean full() {
            return lines.records.size() + lines.rejected.size() >= maxRecords
                    || lines.lines >= (long) maxRecords * LINE_CAP_FACTOR;
        }
    }

    /** A gzip stream left open where the last call stopped, reused only by a call continuing at that point. */
    private static final class OpenGzip {
        final LogFile file;
        final LineReader reader;
        final InputStream in;
        long offset = -1;

        OpenGzip(LogFile file, LineReader reader, InputStream in) {
            this.file = file;
            this.reader = reader;
            this.in = in;
        }

        boolean continues(LogFile other, long at) {
            return other.gzip() && offset == at && other.path().equals(file.path())
                    && Objects.equals(other.fileKey(), file.fileKey()) && other.mtime() == file.mtime()
                    && other.size() == file.size();
        }

        void close() {
            closeQuietly(in);
        }
    }
}
