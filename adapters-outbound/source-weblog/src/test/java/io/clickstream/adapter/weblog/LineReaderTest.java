package io.clickstream.adapter.weblog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    /** Hands out the bytes a few at a time, as a gzip stream or a pipe does. */
    private static InputStream trickle(byte[] bytes, long seed) {
        Random random = new Random(seed);
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(300)));
            }
        };
    }

    private static List<String> readAll(LineReader reader, List<Long> ends) throws IOException {
        List<String> lines = new ArrayList<>();
        LineReader.Line l;
        while ((l = reader.next()) != null) {
            lines.add((l.tooLong ? "LONG" + l.fullLength + ":" : "")
                    + new String(l.bytes, l.start, Math.min(l.length, 20), StandardCharsets.UTF_8));
            ends.add(l.endOffset);
        }
        return lines;
    }

    @Test
    void lines_and_offsets_are_exact_whatever_the_read_sizes() throws IOException {
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        List<Long> expectedEnds = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 3000; i++) {
            String line = "line-" + i + "-" + "x".repeat(random.nextInt(400));
            text.append(line).append(i % 3 == 0 ? "\r\n" : "\n");
            expected.add(line.substring(0, Math.min(20, line.length())));
            expectedEnds.add((long) text.length());
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        for (long seed = 0; seed < 5; seed++) {
            List<Long> ends = new ArrayList<>();
            List<String> lines = readAll(new LineReader(trickle(bytes, seed), 0, Long.MAX_VALUE, 1024, false), ends);

            assertThat(lines).isEqualTo(expected);
            assertThat(ends).isEqualTo(expectedEnds);
        }
    }

    @Test
    void an_over_long_line_is_reported_with_its_length_between_normal_lines() throws IOException {
        String text = "a\n" + "b".repeat(50_000) + "\nc\n";
        List<Long> ends = new ArrayList<>();
        List<String> lines = readAll(new LineReader(trickle(text.getBytes(StandardCharsets.US_ASCII), 1), 100,
                Long.MAX_VALUE, 1024, false), ends);

        assertThat(lines).containsExactly("a", "LONG50000:" + "b".repeat(20), "c");
        assertThat(ends).containsExactly(102L, 100L + 2 + 50_001, 100L + 2 + 50_001 + 2);
    }

    @Test
    void an_unterminated_last_line_is_returned_only_for_final_content() throws IOException {
        byte[] bytes = "a\nb".getBytes(StandardCharsets.US_ASCII);
        LineReader growing = new LineReader(new ByteArrayInputStream(bytes), 0, Long.MAX_VALUE, 1024, false);
        List<String> fromGrowing = readAll(growing, new ArrayList<>());
        List<String> fromFinal = readAll(new LineReader(new ByteArrayInputStream(bytes), 0, Long.MAX_VALUE, 1024,
                true), new ArrayList<>());

        assertThat(fromGrowing).containsExactly("a");
        assertThat(growing.partialLeft()).isTrue();
        assertThat(fromFinal).containsExactly("a", "b");
    }

    @Test
    void reading_stops_at_the_limit() throws IOException {
        byte[] bytes = "a\nb\nc\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(readAll(new LineReader(new ByteArrayInputStream(bytes), 0, 4, 1024, false), new ArrayList<>()))
                .containsExactly("a", "b");
    }
}
