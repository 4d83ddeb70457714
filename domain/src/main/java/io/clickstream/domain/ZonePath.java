package io.clickstream.domain;

import java.util.Objects;

/**
 * A path inside one zone of the lake, such as {@code landing/clickstream/source=weblog/dt=2026-11-21/b1.csv}.
 * Validated on construction so that no key can escape the lake: no {@code ..} or {@code .} segment, no absolute
 * path, no backslash, no empty segment, no control character.
 */
public record ZonePath(DataZone zone, String relative) implements Comparable<ZonePath> {

    public ZonePath {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(relative, "relative");
        validate(relative);
    }

    public static ZonePath of(DataZone zone, String relative) {
        return new ZonePath(zone, relative);
    }

    /** The zone itself, usable as a listing prefix. */
    public static ZonePath root(DataZone zone) {
        return new ZonePath(zone, "");
    }

    /** Parses a full key such as {@code staging/_checkpoints/x}: the first segment names the zone. */
    public static ZonePath parseKey(String key) {
        Objects.requireNonNull(key, "key");
        int slash = key.indexOf('/');
        String zoneName = slash < 0 ? key : key.substring(0, slash);
        for (DataZone z : DataZone.values()) {
            if (z.prefix().equals(zoneName)) {
                return new ZonePath(z, slash < 0 ? "" : key.substring(slash + 1));
            }
        }
        throw new IllegalArgumentException("key '" + key + "' is in no zone (landing, staging, analytics)");
    }

    public ZonePath resolve(String child) {
        if (relative.isEmpty()) {
            return new ZonePath(zone, child);
        }
        return new ZonePath(zone, relative + "/" + child);
    }

    /** The key inside the lake, zone prefix included. */
    public String key() {
        return relative.isEmpty() ? zone.prefix() : zone.prefix() + "/" + relative;
    }

    /** The last segment: the file name. */
    public String name() {
        int slash = relative.lastIndexOf('/');
        return slash < 0 ? relative : relative.substring(slash + 1);
    }

    @Override
    public int compareTo(ZonePath other) {
        return key().compareTo(other.key());
    }

    @Override
    public String toString() {
        return key();
    }

    private static void validate(String relative) {
        if (relative.isEmpty()) {
            return;
        }
        if (relative.startsWith("/")) {
            throw new IllegalArgumentException("lake path must be relative, got absolute '" + relative + "'");
        }
        if (relative.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("lake path must use '/', got '" + relative + "'");
        }
        for (int i = 0; i < relative.length(); i++) {
            if (Character.isISOControl(relative.charAt(i))) {
                throw new IllegalArgumentException("lake path has a control character: '" + relative + "'");
            }
        }
        if (relative.length() > 2 && Character.isLetter(relative.charAt(0)) && relative.charAt(1) == ':') {
            throw new IllegalArgumentException("lake path must be relative, got drive path '" + relative + "'");
        }
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("lake path has an empty segment: '" + relative + "'");
            }
            if (segment.equals("..") || segment.equals(".")) {
                throw new IllegalArgumentException("lake path may not contain '" + segment + "': '" + relative + "'");
            }
        }
    }
}
