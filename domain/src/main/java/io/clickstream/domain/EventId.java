package io.clickstream.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic event ids: the same source and raw record always give the same id, so a record collected twice
 * (a re-run, a re-read rotated file) is removable downstream by id.
 */
public final class EventId {
    private EventId() {
    }

    /** A 32-hex-digit id from SHA-256 over the source name and the raw record. */
    public static String of(Source source, String raw) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(source.wireName().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(raw.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
