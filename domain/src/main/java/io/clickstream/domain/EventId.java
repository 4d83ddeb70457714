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
    // MessageDigest.getInstance looks the provider up reflectively: one digest per thread, reset by digest()
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(EventId::sha256);
    private static final HexFormat HEX = HexFormat.of();

    private EventId() {
    }

    /** A 32-hex-digit id from SHA-256 over the source name and the raw record. */
    public static String of(Source source, String raw) {
        MessageDigest sha = SHA_256.get();
        sha.reset();
        sha.update(source.wireName().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(raw.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(sha.digest(), 0, 16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
