package io.clickstream.adapter.spark;

import io.clickstream.adapter.csv.CommonsCsvLandingFormat;
import io.clickstream.generator.ClickstreamGenerator;
import io.clickstream.generator.GenerationSummary;
import io.clickstream.generator.GeneratorSettings;
import io.clickstream.adapter.kafka.KafkaRawEventPublisherAdapter;
import io.clickstream.adapter.weblog.WeblogClickstreamSourceAdapter;
import io.clickstream.adapter.weblog.WeblogSettings;
import io.clickstream.application.port.in.IngestClickstreamUseCase.IngestCommand;
import io.clickstream.application.port.out.ClickstreamSource;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.RawEventPublisher.RawMessage;
import io.clickstream.application.service.IngestService;
import io.clickstream.domain.ClickstreamRecord;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.StepOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generated traffic ingested for real (access logs and search events → landing CSV in a lake → the raw topic), plus
 * messages a test plants on the topic: rows that break each schema rule, and re-sent copies of landed rows.
 */
final class Scenario {
    /** Planted bad rows, by the reason staging must give them. */
    static final Map<String, List<String>> BAD_ROWS = badRows();

    final GenerationSummary summary;
    final Path generated;
    final List<ClickstreamRecord> landed = new ArrayList<>();
    long injectedBad;
    long injectedDuplicates;

    private Scenario(GenerationSummary summary, Path generated) {
        this.summary = summary;
        this.generated = generated;
    }

    /** Generates {@code events} access-log lines (plus search events) and ingests them into the lake and topic. */
    static Scenario ingest(Path workDir, long events, long seed, int days, DataLake lake, String topic) {
        try {
            Path generated = workDir.resolve("generated");
            GenerationSummary summary = new ClickstreamGenerator(GeneratorSettings.defaults(events, seed)
                    .withDays(days)).generate(generated);
            Scenario scenario = new Scenario(summary, generated);
            scenario.runIngest(lake, topic);
            return scenario;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void runIngest(DataLake lake, String topic) {
        CommonsCsvLandingFormat format = new CommonsCsvLandingFormat();
        try (KafkaRawEventPublisherAdapter publisher = TestEnvironment.publisher(topic);
             WeblogClickstreamSourceAdapter weblog = new WeblogClickstreamSourceAdapter(
                     WeblogSettings.defaults(generated.resolve(ClickstreamGenerator.ACCESS_DIR)))) {
            List<ClickstreamSource> sources = List.of(weblog,
                    new GeneratedSearchSource(generated.resolve(ClickstreamGenerator.SEARCH_FILE)));
            StepOutcome outcome = new IngestService(sources, lake, format, publisher, Clock.systemUTC(), 50_000)
                    .ingest(new IngestCommand(JobMonitor.none()));
            if (outcome.counts().getOrDefault("published", 0L) == 0 && landed.isEmpty()) {
                throw new IllegalStateException("ingest published nothing: " + outcome);
            }
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        landed.clear();
        for (DataLake.LakeObject object : lake.list(LakeLayout.landingClickstream())) {
            try (InputStream in = lake.open(object.path()).orElseThrow()) {
                landed.addAll(format.readBatch(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Publishes every planted bad row, and {@code copies} landed rows again, as one more batch each. */
    void plant(String topic, int copies) {
        CommonsCsvLandingFormat format = new CommonsCsvLandingFormat();
        try (KafkaRawEventPublisherAdapter publisher = TestEnvironment.publisher(topic)) {
            List<RawMessage> bad = new ArrayList<>();
            BAD_ROWS.values().forEach(rows -> rows.forEach(r -> bad.add(new RawMessage("bad", r))));
            publisher.publish("planted-bad", bad);
            injectedBad += bad.size();
            List<RawMessage> again = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                ClickstreamRecord r = landed.get(i * (landed.size() / copies));
                again.add(new RawMessage(r.interaction().eventId(), format.encodeRow(r)));
            }
            publisher.publish("planted-copies", again);
            injectedDuplicates += copies;
        }
    }

    /** Landed rows minus distinct event ids: records collected twice by the sources themselves. */
    long landedDuplicates() {
        Set<String> ids = new HashSet<>();
        landed.forEach(r -> ids.add(r.interaction().eventId()));
        return landed.size() - ids.size();
    }

    private static Map<String, List<String>> badRows() {
        String time = "2026-11-20T10:00:00Z";
        Map<String, List<String>> rows = new LinkedHashMap<>();
        rows.put("unparseable_csv", List.of("\"an unterminated quote,2026-11-20T10:00:00Z,weblog", "only,three,fields",
                "x,2026-11-20T10:00:00Z,weblog,view,u1,s1,i1,,raw,one-too-many"));
        rows.put("oversized_field", List.of(String.join(",", "bad-oversized", time, "search", "search", "u1", "s1", "",
                "q".repeat(5000), "{}")));
        rows.put("missing_event_id", List.of(String.join(",", "", time, "weblog", "view", "u1", "s1", "i1", "", "x")));
        rows.put("bad_time", List.of(String.join(",", "bad-time-1", "20/Nov/2026:10:00:00 +0000", "weblog", "view",
                "u1", "s1", "i1", "", "x"), String.join(",", "bad-time-2", "2026-02-30T10:00:00Z", "weblog", "view",
                "u1", "s1", "i1", "", "x")));
        rows.put("unknown_source", List.of(String.join(",", "bad-source", time, "ftp", "view", "u1", "s1", "i1", "",
                "x")));
        rows.put("unknown_event_type", List.of(String.join(",", "bad-type", time, "weblog", "wishlist", "u1", "s1",
                "i1", "", "x")));
        rows.put("missing_item", List.of(String.join(",", "bad-item", time, "weblog", "purchase", "u1", "s1", "", "",
                "x")));
        return rows;
    }
}
