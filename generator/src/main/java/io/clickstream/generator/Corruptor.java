package io.clickstream.generator;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Turns a small share of lines into the kinds of broken lines real access logs contain, each of which a parser
 * must reject: cut-off lines, binary garbage, unreadable dates, a request without its quotes, empty lines.
 */
final class Corruptor {
    /** Kinds of damage, with their names in summary.json. */
    enum Damage {
        TRUNCATED("truncated"), GARBAGE("garbage"), BAD_DATE("bad_date"), MISSING_QUOTES("missing_quotes"),
        EMPTY("empty");

        private final String label;

        Damage(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /** A broken line: its bytes (without line break) and what was done to it. */
    record Malformed(byte[] bytes, Damage damage) {
    }

    // shapes that no strict "dd/MMM/yyyy:HH:mm:ss Z" parser accepts (no impossible-but-clampable dates like 30/Feb)
    private static final String[] BAD_DATES = {"[21/Nov/2026:10:00:00]", "[2026-11-21T10:00:00Z]",
            "[32/Nov/2026:10:00:00 +0000]", "[21/Foo/2026:10:00:00 +0000]", "[21/Nov/2026:25:61:00 +0000]", "[]",
            "[-]"};

    private final SplittableRandom rng;
    private final double share;

    Corruptor(SplittableRandom rng, double share) {
        this.rng = rng;
        this.share = share;
    }

    boolean strikes() {
        return rng.nextDouble() < share;
    }

    Malformed corrupt(String line) {
        int r = rng.nextInt(100);
        if (r < 35) {
            return truncated(line);
        } else if (r < 55) {
            return new Malformed(garbage(), Damage.GARBAGE);
        } else if (r < 75) {
            return badDate(line);
        } else if (r < 90) {
            return missingQuotes(line);
        }
        return new Malformed(new byte[0], Damage.EMPTY);
    }

    /** Cut somewhere after the opening bracket of the date and before the request's closing quote. */
    private Malformed truncated(String line) {
        int from = line.indexOf('[') + 1;
        int requestOpen = line.indexOf('"');
        int requestClose = line.indexOf('"', requestOpen + 1);
        int cut = from + rng.nextInt(Math.max(1, requestClose - from));
        return new Malformed(ascii(line.substring(0, cut)), Damage.TRUNCATED);
    }

    private Malformed badDate(String line) {
        int open = line.indexOf('[');
        int close = line.indexOf(']');
        String bad = line.substring(0, open) + Vocabulary.pick(rng, BAD_DATES) + line.substring(close + 1);
        return new Malformed(ascii(bad), Damage.BAD_DATE);
    }

    private Malformed missingQuotes(String line) {
        int open = line.indexOf('"');
        int close = line.indexOf('"', open + 1);
        String broken = line.substring(0, open) + line.substring(open + 1, close) + line.substring(close + 1);
        return new Malformed(ascii(broken), Damage.MISSING_QUOTES);
    }

    /** Printable noise, control characters and, in half the lines, bytes that are not valid UTF-8; never CR or LF. */
    private byte[] garbage() {
        boolean invalidUtf8 = rng.nextBoolean();
        byte[] bytes = new byte[5 + rng.nextInt(116)];
        for (int i = 0; i < bytes.length; i++) {
            int kind = rng.nextInt(10);
            if (kind < 6 || !invalidUtf8 && kind >= 8) {
                bytes[i] = (byte) (0x21 + rng.nextInt(0x5e));
            } else if (kind < 8) {
                int control = 1 + rng.nextInt(0x1f);
                bytes[i] = (byte) (control == '\n' || control == '\r' ? '\t' : control);
            } else {
                bytes[i] = (byte) (0x80 + rng.nextInt(0x80));
            }
        }
        return bytes;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
