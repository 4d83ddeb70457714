package io.clickstream.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.domain.InvalidParameterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetImporterTest {
    @TempDir
    Path dir;

    @Test
    void diginetica_views_become_time_ordered_product_views_with_session_and_user() throws IOException {
        Path in = dir.resolve("views.csv");
        Files.writeString(in, """
                session_id;user_id;item_id;timeframe;eventdate
                1;NA;81766;526309;2016-05-09
                1;NA;31331;1031;2016-05-09
                2;7;24764;8863;2016-04-09
                3;NA;broken;x;2016-04-09
                """);

        DatasetImporter.ImportSummary summary = new DatasetImporter(DatasetImporter.Format.DIGINETICA).importFile(in, dir.resolve("out"));

        List<String> lines = Files.readAllLines(summary.accessLog());
        assertThat(summary.views()).isEqualTo(3);
        assertThat(summary.sessions()).isEqualTo(2);
        assertThat(summary.skippedRows()).isEqualTo(1);
        assertThat(summary.first()).isEqualTo(Instant.parse("2016-04-09T00:00:08.863Z"));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains(" - u7 [09/Apr/2016:00:00:08 +0000] \"GET /product/24764 HTTP/1.1\" 200").endsWith("\"s-dg2\"");
        assertThat(lines.get(1)).contains("[09/May/2016:00:00:01 +0000] \"GET /product/31331 ").contains(" - - [");
        assertThat(lines.get(2)).contains("[09/May/2016:00:08:46 +0000] \"GET /product/81766 ").endsWith("\"s-dg1\"");
    }

    @Test
    void session_rec_rows_use_unix_seconds_and_are_anonymous() throws IOException {
        Path in = dir.resolve("train.txt");
        Files.writeString(in, "SessionId\tItemId\tTime\n5\t214\t1396321200.5\n5\t215\t1396321260\n");

        DatasetImporter.ImportSummary summary = new DatasetImporter(DatasetImporter.Format.SESSION_REC).importFile(in, dir.resolve("out"));

        assertThat(Files.readAllLines(summary.accessLog())).containsExactly(
                "10." + ip("s-sr5") + " - - [01/Apr/2014:03:00:00 +0000] \"GET /product/214 HTTP/1.1\" 200 4096 \"-\" \"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36\" \"s-sr5\"",
                "10." + ip("s-sr5") + " - - [01/Apr/2014:03:01:00 +0000] \"GET /product/215 HTTP/1.1\" 200 4096 \"-\" \"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36\" \"s-sr5\"");
    }

    @Test
    void session_rec_sessions_are_read_as_they_are_in_time_order_with_unreadable_rows_left_out() throws IOException {
        Path in = dir.resolve("test.txt");
        Files.writeString(in, "SessionId\tItemId\tTime\n9\t30\t1396321300\n5\t215\t1396321260\n5\t214\t1396321200.5\n"
                + "9\t31\tnot-a-time\n9\t32\t1396321400\n");

        java.util.List<io.clickstream.domain.InteractionSequence> sessions =
                new DatasetImporter(DatasetImporter.Format.SESSION_REC).readSessions(in);

        assertThat(sessions).extracting(io.clickstream.domain.InteractionSequence::sequenceId).containsExactly("s-sr5", "s-sr9");
        assertThat(sessions.get(0).steps()).extracting(io.clickstream.domain.InteractionSequence.Step::itemId)
                .containsExactly("214", "215");
        assertThat(sessions.get(1).steps()).extracting(io.clickstream.domain.InteractionSequence.Step::itemId)
                .containsExactly("30", "32");
        assertThat(sessions.get(0).userId()).isNull();
    }

    @Test
    void a_file_of_another_format_is_refused_naming_the_parameter() throws IOException {
        Path in = dir.resolve("other.csv");
        Files.writeString(in, "a,b,c\n1,2,3\n");

        assertThatThrownBy(() -> new DatasetImporter(DatasetImporter.Format.DIGINETICA).importFile(in, dir))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("in:");
        assertThatThrownBy(() -> DatasetImporter.Format.parse("movielens")).hasMessageStartingWith("format:");
    }

    private static String ip(String session) {
        int h = session.hashCode();
        return ((h >>> 16) & 0xff) + "." + ((h >>> 8) & 0xff) + "." + (h & 0xff);
    }
}
