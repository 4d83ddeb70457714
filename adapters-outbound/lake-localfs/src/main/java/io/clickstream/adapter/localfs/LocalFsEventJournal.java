package io.clickstream.adapter.localfs;

import io.clickstream.application.port.out.EventJournal;
import io.clickstream.domain.DependencyUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event journal in a local directory: segment files of checksummed, length-prefixed entries, made durable with
 * {@code fsync} before {@link #append}'s future completes. One writer thread takes every append waiting, writes them
 * all and syncs once (group commit): many small requests cost few syncs, and no caller's thread waits for a sync.
 *
 * <p>Layout: {@code journal.id} (this journal's id), {@code next-segment} (the next segment number: names are never
 * reused, even after every segment is deleted), {@code <number>.open} (the one segment being appended to) and
 * {@code <number>.sealed}. On start a left-over open segment is cut after its last whole entry (a kill during a write
 * leaves a torn entry that was never acknowledged) and sealed. A lock file keeps a second process out.
 */
public final class LocalFsEventJournal implements EventJournal, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalFsEventJournal.class);
    private static final String OPEN = ".open";
    private static final String SEALED = ".sealed";
    private static final int FRAME_HEADER = 8;
    /** No entry is near this long (an event is capped at a few KiB): a larger length is a torn or foreign frame. */
    private static final int MAX_ENTRY_BYTES = 1 << 20;

    private final Path dir;
    private final int maxEntries;
    private final Duration maxAge;
    private final Clock clock;
    private final String id;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private final Object writeLock = new Object();
    private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;
    // guarded by writeLock
    private FileChannel open;
    private String openName;
    private int openEntries;
    private Instant openSince;

    /**
     * Opens (creating if needed) the journal in {@code dir} and recovers what a killed process left.
     *
     * @param maxEntries a segment is sealed when it holds this many entries
     * @param maxAge     or when its first entry is this old ({@link #sealDue})
     * @throws IllegalStateException if another process has the journal open
     */
    public LocalFsEventJournal(Path dir, int maxEntries, Duration maxAge, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("a segment holds at least one entry");
        }
        this.dir = dir;
        this.maxEntries = maxEntries;
        this.maxAge = maxAge;
        this.clock = clock;
        try {
            Files.createDirectories(dir);
            lockChannel = FileChannel.open(dir.resolve("journal.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = tryLock(lockChannel);
            if (lock == null) {
                lockChannel.close();
                throw new IllegalStateException("the event journal " + dir + " is in use by another process: give each "
                        + "serving process its own events.journal.dir");
            }
            id = readOrCreateId();
            recoverOpenSegments();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the event journal " + dir + ": " + e.getMessage(), e);
        }
        writer = new Thread(this::writeUntilClosed, "event-journal-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** The lock, or null when another process, or another journal of this process, holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public CompletableFuture<Void> append(List<String> entries) {
        Pending append = new Pending(frames(entries), entries.size(), new CompletableFuture<>());
        if (closed) {
            append.durable().completeExceptionally(new IllegalStateException("the event journal " + dir + " is closed"));
            return append.durable();
        }
        pending.add(append);
        return append.durable();
    }

    /** The writer thread: every append waiting, written in order, then one sync for them all. */
    private void writeUntilClosed() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(pending.take());
            } catch (InterruptedException e) {
                break; // close(): what is queued is answered below
            }
            pending.drainTo(batch);
            if (batch.stream().anyMatch(p -> p == Pending.CLOSE)) {
                batch.removeIf(p -> p == Pending.CLOSE);
                writeAndSync(batch);
                break;
            }
            writeAndSync(batch);
            batch.clear();
        }
        List<Pending> left = new ArrayList<>();
        pending.drainTo(left);
        left.stream().filter(p -> p != Pending.CLOSE).forEach(p -> p.durable().completeExceptionally(
                new IllegalStateException("the event journal " + dir + " closed before this append")));
    }

    private void writeAndSync(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            FileChannel toSync;
            synchronized (writeLock) {
                for (Pending p : batch) {
                    if (open == null) {
                        openSegment();
                    }
                    ByteBuffer frames = p.frames();
                    while (frames.hasRemaining()) {
                        open.write(frames);
                    }
                    openEntries += p.count();
                    if (openEntries >= maxEntries) {
                        sealOpen();
                    }
                }
                toSync = open;
            }
            if (toSync != null) {
                try {
                    toSync.force(false);
                } catch (ClosedChannelException sealedMeanwhile) {
                    // sealDue sealed it since: the seal synced it first
                }
            }
            batch.forEach(p -> p.durable().complete(null));
        } catch (IOException | RuntimeException e) {
            // A full or failing disk: the client is told 503 and sends again; nothing was acknowledged.
            DependencyUnavailableException failure = new DependencyUnavailableException("event journal",
                    "cannot write to the event journal " + dir + ": " + e.getMessage(), e);
            batch.forEach(p -> p.durable().completeExceptionally(failure));
        }
    }

    /** One append waiting for the writer; {@link #CLOSE} tells it to stop after what came before. */
    private record Pending(ByteBuffer frames, int count, CompletableFuture<Void> durable) {
        static final Pending CLOSE = new Pending(ByteBuffer.allocate(0), 0, new CompletableFuture<>());
    }

    @Override
    public void sealDue() {
        synchronized (writeLock) {
            if (open != null && openEntries > 0 && !clock.instant().isBefore(openSince.plus(maxAge))) {
                try {
                    sealOpen();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot seal journal segment " + openName + ": " + e.getMessage(), e);
                }
            }
        }
    }

    @Override
    public List<String> sealed() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SEALED))
                    .map(n -> n.substring(0, n.length() - SEALED.length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the event journal " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> read(String segment) {
        Path file = dir.resolve(segment + SEALED);
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
            List<String> entries = new ArrayList<>();
            long whole = readFrames(bytes, entries);
            if (whole != bytes.limit()) {
                throw new IOException("a damaged entry at byte " + whole + " of " + bytes.limit());
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal segment " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String segment) {
        try {
            Files.deleteIfExists(dir.resolve(segment + SEALED));
            syncDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete journal segment " + segment + ": " + e.getMessage(), e);
        }
    }

    /** Writes what is queued, seals the open segment and releases the directory. */
    @Override
    public void close() {
        closed = true;
        pending.add(Pending.CLOSE);
        try {
            writer.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (writeLock) {
            try {
                if (open != null) {
                    sealOpen();
                }
                lock.release();
                lockChannel.close();
            } catch (IOException e) {
                LOG.warn("closing the event journal {}: {}", dir, e.getMessage());
            }
        }
    }

    private void openSegment() throws IOException {
        Path counter = dir.resolve("next-segment");
        long number = Files.exists(counter) ? Long.parseLong(Files.readString(counter).trim()) : 1;
        writeDurably(counter, Long.toString(number + 1));
        openName = String.format("%012d", number);
        open = FileChannel.open(dir.resolve(openName + OPEN), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        syncDirectory();
        openEntries = 0;
        openSince = clock.instant();
    }

    private void sealOpen() throws IOException {
        open.force(false);
        open.close();
        Files.move(dir.resolve(openName + OPEN), dir.resolve(openName + SEALED), StandardCopyOption.ATOMIC_MOVE);
        syncDirectory();
        open = null;
        openName = null;
    }

    private void recoverOpenSegments() throws IOException {
        List<Path> left;
        try (Stream<Path> files = Files.list(dir)) {
            left = files.filter(p -> p.getFileName().toString().endsWith(OPEN)).sorted().toList();
        }
        for (Path file : left) {
            String name = file.getFileName().toString();
            String segment = name.substring(0, name.length() - OPEN.length());
            List<String> entries = new ArrayList<>();
            long whole;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.allocate((int) channel.size());
                while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
                    // read it all
                }
                bytes.flip();
                whole = readFrames(bytes, entries);
                if (whole < channel.size()) {
                    LOG.warn("journal segment {}: cutting a torn entry after {} whole ones (a write a kill interrupted, "
                            + "never acknowledged)", segment, entries.size());
                    channel.truncate(whole);
                }
                channel.force(true);
            }
            if (entries.isEmpty()) {
                Files.delete(file);
            } else {
                Files.move(file, dir.resolve(segment + SEALED), StandardCopyOption.ATOMIC_MOVE);
                LOG.info("journal segment {} recovered with {} events", segment, entries.size());
            }
        }
        if (!left.isEmpty()) {
            syncDirectory();
        }
    }

    private String readOrCreateId() throws IOException {
        Path file = dir.resolve("journal.id");
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        String created = HexFormat.of().formatHex(random);
        writeDurably(file, created);
        return created;
    }

    private void writeDurably(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory();
    }

    /** A new or renamed file survives a power cut only once its directory entry is synced too. */
    private void syncDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems (and Windows) cannot open a directory for syncing; a kill -9 is survived without it.
            LOG.debug("cannot sync directory {}: {}", dir, e.getMessage());
        }
    }

    private static ByteBuffer frames(List<String> entries) {
        List<byte[]> encoded = new ArrayList<>(entries.size());
        int size = 0;
        for (String entry : entries) {
            byte[] bytes = entry.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > MAX_ENTRY_BYTES) {
                throw new IllegalArgumentException("a journal entry is limited to " + MAX_ENTRY_BYTES + " bytes");
            }
            encoded.add(bytes);
            size += FRAME_HEADER + bytes.length;
        }
        ByteBuffer frames = ByteBuffer.allocate(size);
        CRC32C crc = new CRC32C();
        for (byte[] bytes : encoded) {
            crc.reset();
            crc.update(bytes);
            frames.putInt(bytes.length).putInt((int) crc.getValue()).put(bytes);
        }
        return frames.flip();
    }

    /** Reads whole, intact frames into {@code entries}; returns the byte offset after the last of them. */
    private static long readFrames(ByteBuffer bytes, List<String> entries) {
        CRC32C crc = new CRC32C();
        while (bytes.remaining() >= FRAME_HEADER) {
            int start = bytes.position();
            int length = bytes.getInt();
            int checksum = bytes.getInt();
            if (length < 0 || length > MAX_ENTRY_BYTES || length > bytes.remaining()) {
                return start;
            }
            byte[] entry = new byte[length];
            bytes.get(entry);
            crc.reset();
            crc.update(entry);
            if ((int) crc.getValue() != checksum) {
                return start;
            }
            entries.add(new String(entry, StandardCharsets.UTF_8));
        }
        return bytes.position();
    }
}
