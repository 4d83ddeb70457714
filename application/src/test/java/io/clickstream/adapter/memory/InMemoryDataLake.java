package io.clickstream.adapter.memory;

import io.clickstream.application.port.out.DataLake;
import io.clickstream.domain.ZonePath;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;

/** A thread-safe {@link DataLake} held in memory: each write replaces an immutable snapshot of the object. */
public final class InMemoryDataLake implements DataLake {
    private final ConcurrentSkipListMap<String, StoredObject> objects = new ConcurrentSkipListMap<>();
    private final Clock clock;
    private Predicate<ZonePath> failing = p -> false;
    private int failuresLeft;

    public InMemoryDataLake() {
        this(Clock.systemUTC());
    }

    public InMemoryDataLake(Clock clock) {
        this.clock = clock;
    }

    /** The next {@code times} writes to a path matching {@code which} fail as a full disk would, writing nothing. */
    public synchronized void failWrites(Predicate<ZonePath> which, int times) {
        this.failing = which;
        this.failuresLeft = times;
    }

    @Override
    public void write(ZonePath path, ContentWriter content) {
        injectFailure(path);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            content.writeTo(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path.key() + ": " + e.getMessage(), e);
        }
        objects.put(path.key(), new StoredObject(path, buffer.toByteArray(), clock.instant()));
    }

    @Override
    public Optional<byte[]> read(ZonePath path) {
        return Optional.ofNullable(objects.get(path.key())).map(o -> o.bytes().clone());
    }

    @Override
    public Optional<InputStream> open(ZonePath path) {
        return Optional.ofNullable(objects.get(path.key())).map(o -> new ByteArrayInputStream(o.bytes()));
    }

    @Override
    public List<LakeObject> list(ZonePath prefix) {
        String from = prefix.key() + "/";
        return objects.subMap(from, true, from + Character.MAX_VALUE, false).values().stream()
                .map(o -> new LakeObject(o.path(), o.bytes().length, o.lastModified()))
                .toList();
    }

    @Override
    public boolean exists(ZonePath path) {
        return objects.containsKey(path.key());
    }

    @Override
    public boolean delete(ZonePath path) {
        return objects.remove(path.key()) != null;
    }

    @Override
    public URI location(ZonePath path) {
        try {
            return new URI("memory", null, "/" + path.key(), null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("no URI for " + path.key(), e);
        }
    }

    @Override
    public String describe() {
        return "memory";
    }

    private synchronized void injectFailure(ZonePath path) {
        if (failuresLeft > 0 && failing.test(path)) {
            failuresLeft--;
            throw new UncheckedIOException("cannot write " + path.key() + ": injected failure",
                    new IOException("injected failure"));
        }
    }

    private record StoredObject(ZonePath path, byte[] bytes, Instant lastModified) {
    }
}
