package io.clickstream.bootstrap;

import static io.clickstream.bootstrap.IngestedState.landedEventIds;
import static io.clickstream.bootstrap.IngestedState.landingSnapshot;
import static io.clickstream.bootstrap.IngestedState.rejectedRows;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.generator.ClickstreamGenerator;
import io.clickstream.generator.GenerationSummary;
import io.clickstream.generator.GeneratorSettings;
import io.clickstream.application.port.in.IngestClickstreamUseCase.IngestCommand;
import io.clickstream.bootstrap.config.PipelineConfig;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.StepOutcome;
import io.clickstream.testing.S3MockServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's acceptance through the real wiring: generated access logs are ingested by the configured pipeline
 * (weblog source, landing CSV, the embedded Kafka broker of the default setup), once into a local lake and once
 * into an S3-compatible store, which must end up with the same objects.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestAcceptanceTest {
    @TempDir
    static Path work;

    private static GenerationSummary generated;
    private static Path logs;
    private static S3MockServer s3;
    private static PipelineComponent local;
    private static PipelineComponent onS3;
    private static Map<String, String> localFirstRun;

    @BeforeAll
    static void generate() throws IOException {
        generated = new ClickstreamGenerator(GeneratorSettings.defaults(4_000, 11).withDays(2)).generate(work.resolve("gen"));
        logs = work.resolve("gen").resolve("access");
        s3 = S3MockServer.start(work.resolve("s3"), "lake");
        local = PipelineComponent.create(PipelineConfig.of(Map.of("data.dir", work.resolve("local").toString(),
                "sources.weblog.path", logs.toString())));
    }

    @AfterAll
    static void stop() {
        for (PipelineComponent app : new PipelineComponent[] {onS3, local}) {
            if (app != null) {
                app.jobs().shutdown(Duration.ofSeconds(5));
                app.lifecycle().close();
            }
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    @Order(1)
    void every_valid_line_lands_once_every_malformed_line_is_rejected_with_a_reason_and_all_is_published() throws IOException {
        StepOutcome outcome = ingest(local);

        long eventLines = generated.accessLog().eventLines();
        long malformed = generated.accessLog().malformedLines();
        assertThat(outcome.counts()).containsEntry("read", 4_000L).containsEntry("landed", eventLines)
                .containsEntry("rejected", malformed).containsEntry("published", eventLines);
        assertThat(landedEventIds(local.lake())).hasSize((int) eventLines);
        List<String[]> rejected = rejectedRows(local.lake());
        assertThat(rejected).hasSize((int) malformed);
        assertThat(rejected).allSatisfy(row -> assertThat(row[2]).as("reason").isNotBlank());
        assertThat(topicEventIds(local, "clickstream.raw")).containsExactlyInAnyOrderElementsOf(landedEventIds(local.lake()));
        assertThat(work.resolve("local").resolve("kafka")).isDirectory();
        localFirstRun = landingSnapshot(local.lake());
    }

    @Test
    @Order(2)
    void the_same_logs_on_an_s3_lake_give_the_same_objects() throws IOException {
        onS3 = PipelineComponent.create(PipelineConfig.of(Map.of("data.dir", work.resolve("s3-run").toString(),
                "lake.uri", "s3://lake/pipeline", "lake.s3.endpoint", s3.endpoint().toString(), "lake.s3.path.style", "true",
                "sources.weblog.path", logs.toString(),
                "kafka.bootstrap.servers", local.kafka().bootstrapServers(), "kafka.topic.raw", "s3run.raw",
                "kafka.transactional.id", "s3run-ingest")));

        StepOutcome outcome = ingest(onS3);

        assertThat(outcome.counts()).containsEntry("landed", generated.accessLog().eventLines());
        assertThat(onS3.lake().describe()).isEqualTo("s3://lake/pipeline");
        assertThat(landingSnapshot(onS3.lake())).isEqualTo(localFirstRun);
        assertThat(topicEventIds(onS3, "s3run.raw")).hasSize((int) generated.accessLog().eventLines());
    }

    @Test
    @Order(3)
    void running_again_lands_and_publishes_nothing_new() throws IOException {
        StepOutcome again = ingest(local);

        assertThat(again.counts()).containsEntry("read", 0L).containsEntry("landed", 0L).containsEntry("published", 0L);
        assertThat(landingSnapshot(local.lake())).isEqualTo(localFirstRun);
        assertThat(topicEventIds(local, "clickstream.raw")).hasSize((int) generated.accessLog().eventLines());
    }

    @Test
    @Order(4)
    void appended_lines_are_all_that_the_next_run_lands_and_publishes() throws IOException {
        Set<String> before = new HashSet<>(landedEventIds(local.lake()));
        String newLines = """
                198.51.100.7 - u9001 [21/Nov/2026:23:59:01 +0000] "GET /product/i77 HTTP/1.1" 200 5120 "-" "Mozilla/5.0 (X11; Linux x86_64)" "s-feedfacecafebeef"
                198.51.100.7 - u9001 [21/Nov/2026:23:59:09 +0000] "GET /cart/add?item=i77 HTTP/1.1" 200 310 "-" "Mozilla/5.0 (X11; Linux x86_64)" "s-feedfacecafebeef"
                198.51.100.7 - u9001 [21/Nov/2026:23:59:30 +0000] "GET /static/app.js HTTP/1.1" 200 90210 "-" "Mozilla/5.0 (X11; Linux x86_64)" "s-feedfacecafebeef"
                198.51.100.7 - u9001 [21/Nov/2026:23:59:61 +0000] "GET /product/i78 HTTP/1.1" 200 5120 "-" "Mozilla/5.0 (X11; Linux x86_64)" "s-feedfacecafebeef"
                """;
        Files.writeString(logs.resolve("access.log"), newLines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        StepOutcome outcome = ingest(local);

        assertThat(outcome.counts()).containsEntry("read", 4L).containsEntry("landed", 2L).containsEntry("weblog.unmatched", 1L)
                .containsEntry("rejected", 1L).containsEntry("published", 2L);
        Set<String> added = new HashSet<>(landedEventIds(local.lake()));
        added.removeAll(before);
        assertThat(added).hasSize(2);
        assertThat(rejectedRows(local.lake())).anySatisfy(row -> assertThat(row[3]).contains("23:59:61"));
        assertThat(topicEventIds(local, "clickstream.raw")).hasSize(before.size() + 2).containsAll(added);
    }

    private static StepOutcome ingest(PipelineComponent app) {
        return app.ingest().ingest(new IngestCommand(JobMonitor.none()));
    }

    private static List<String> topicEventIds(PipelineComponent app, String topic) {
        return IngestedState.eventIds(IngestedState.readCommitted(app.kafka().bootstrapServers(), topic));
    }
}
