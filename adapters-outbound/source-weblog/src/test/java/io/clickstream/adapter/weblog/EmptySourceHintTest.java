package io.clickstream.adapter.weblog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14 finding 4: a folder whose logs sit in a subfolder is named, with the path that would work. */
class EmptySourceHintTest {
    @TempDir
    Path dir;

    @Test
    void a_folder_whose_logs_sit_in_a_subfolder_names_that_subfolder() throws Exception {
        Files.createDirectories(dir.resolve("access"));
        Files.writeString(dir.resolve("access").resolve("access.log"), "");
        Files.writeString(dir.resolve("access").resolve("access.log.1"), "");
        Files.createDirectories(dir.resolve("search"));

        String hint = new WeblogClickstreamSourceAdapter(WeblogSettings.defaults(dir)).emptyHint().orElseThrow();

        assertThat(hint).isEqualTo("sources.weblog.path '" + dir + "' matches no log file (named "
                + WeblogSettings.defaults(dir).fileGlob() + "); its subfolder access holds 2 (set sources.weblog.path to "
                + dir.resolve("access").toAbsolutePath().normalize() + ")");
    }

    @Test
    void a_folder_with_logs_has_no_hint() throws Exception {
        Files.writeString(dir.resolve("access.log"), "");

        assertThat(new WeblogClickstreamSourceAdapter(WeblogSettings.defaults(dir)).emptyHint()).isEmpty();
    }
}
