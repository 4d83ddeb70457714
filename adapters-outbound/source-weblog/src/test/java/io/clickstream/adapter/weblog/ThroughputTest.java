package io.clickstream.adapter.weblog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Prints the parse rate on a realistic mix; asserts correctness only, never timing. */
class ThroughputTest {

    private final Path dir = Logs.newDir();

    @Test
    void parses_two_hundred_thousand_mixed_lines_and_reports_the_rate() {
        List<String> lines = new ArrayList<>();
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            String t = String.format("21/Nov/2026:%02d:%02d:%02d +0000", (i / 3600) % 24, (i / 60) % 60, i % 60);
            String request = switch (i % 10) {
                case 0, 1, 2, 3 -> "GET /product/i" + (i % 5000) + "?ref=home HTTP/1.1";
                case 4 -> "GET /cart/add?item=i" + (i % 5000) + "&qty=1 HTTP/1.1";
                case 5 -> "POST /checkout/confirm?order=" + i + "&item=i" + (i % 5000) + " HTTP/1.1";
                case 6 -> "GET /search?q=red+shoes+" + (i % 100) + " HTTP/1.1";
                case 7, 8 -> "GET /static/app." + (i % 7) + ".js HTTP/1.1";
                default -> "GET /health HTTP/1.1";
            };
            lines.add(Logs.line(i % 3 == 0 ? "-" : "user" + (i % 2000), t, request, 200, "s-" + (i % 9000)));
        }
        Logs.write(dir.resolve("access.log"), lines);
        WeblogClickstreamSourceAdapter source = new WeblogClickstreamSourceAdapter(WeblogSettings.defaults(dir));
        Logs.drain(source, Optional.empty(), 10_000); // warm-up pass

        long start = System.nanoTime();
        Logs.Drained d = Logs.drain(source, Optional.empty(), 10_000);
        double seconds = (System.nanoTime() - start) / 1e9;

        System.out.printf("weblog parse: %d lines in %.2f s = %.0f lines/s%n", d.lines, seconds, d.lines / seconds);
        assertThat(d.lines).isEqualTo(n);
        assertThat(d.records).hasSize(n * 7 / 10);
        assertThat(d.unmatched).isEqualTo(n * 3 / 10);
        assertThat(d.rejected).isEmpty();
    }

    @AfterEach
    void remove_the_large_log() throws IOException {
        Files.deleteIfExists(dir.resolve("access.log"));
    }
}
