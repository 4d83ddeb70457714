package io.clickstream.adapter.weblog;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes percent-encoded URL parts as UTF-8; {@code +} is a space only in a query string. A part that decodes to a
 * control character ({@code %00}, {@code %0A}, {@code %1B}, {@code %7F}, C1) is malformed, as the same character
 * written raw in the line would be.
 */
final class PercentDecoder {

    private PercentDecoder() {
    }

    static String decode(String s, boolean query) throws MalformedLineException {
        if (s.indexOf('%') < 0 && (!query || s.indexOf('+') < 0)) {
            return s;
        }
        byte[] out = new byte[s.length()];
        int len = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
                if (lo < 0) {
                    throw new MalformedLineException("bad percent-encoding in '" + s + "' at position " + (i + 1));
                }
                out[len++] = (byte) (hi * 16 + lo);
                i += 2;
            } else if (c == '+' && query) {
                out[len++] = ' ';
            } else if (c < 0x80) {
                out[len++] = (byte) c;
            } else {
                // Non-ASCII in a logged URL (loggers seldom write it): re-encode the char as UTF-8 bytes.
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out = grow(out, len + utf8.length + s.length() - i);
                System.arraycopy(utf8, 0, out, len, utf8.length);
                len += utf8.length;
            }
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out, 0, len)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedLineException("percent-encoded '" + s + "' is not valid UTF-8");
        }
        for (int i = 0; i < decoded.length(); i++) {
            if (Character.isISOControl(decoded.charAt(i))) {
                throw new MalformedLineException("percent-encoded '" + s + "' decodes to the control character U+"
                        + String.format("%04X", (int) decoded.charAt(i)) + " at position " + (i + 1));
            }
        }
        return decoded;
    }

    private static byte[] grow(byte[] a, int needed) {
        if (needed <= a.length) {
            return a;
        }
        byte[] b = new byte[Math.max(needed, a.length * 2)];
        System.arraycopy(a, 0, b, 0, a.length);
        return b;
    }
}
