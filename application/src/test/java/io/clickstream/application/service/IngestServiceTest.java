package io.clickstream.application.service;

import static io.clickstream.testing.ClickstreamRecords.rejected;
import static io.clickstream.testing.ClickstreamRecords.search;
import static io.clickstream.testing.ClickstreamRecords.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.adapter.memory.InMemoryClickstreamSource;
import io.clickstream.adapter.memory.InMemoryDataLake;
import io.clickstream.adapter.memory.InMemoryLandingFormat;
import io.clickstream.adapter.memory.InMemoryRawEventPublisher;
import io.clickstream.application.port.in.IngestClickstreamUseCase.IngestCommand;
import io.clickstream.application.port.out.ClickstreamSource;
import io.clickstream.application.port.out.DataLake.LakeObject;
import io.clickstream.application.port.out.RawEventPublisher.RawMessage;
import io.clickstream.domain.ClickstreamRecord;
import io.clickstream.domain.DataZone;
import io.clickstream.domain.DependencyUnavailableException;
import io.clickstream.domain.JobState;
import io.clickstream.domain.JobStoppedException;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.NotConfiguredException;
import io.clickstream.domain.Source;
import io.clickstream.domain.StepOutcome;
import io.clickstream.domain.ZonePath;
import io.clickstream.testing.MutableClock;
import io.clickstream.testing.RecordingMonitor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IngestService: exactly-once landing by checkpoint, each batch published once, rejected lines kept. */
class IngestServiceTest {
    private static final LocalDate DAY1 = LocalDate.parse("2026-11-21");
    private static final LocalDate DAY2 = LocalDate.parse("2026-11-22");

    private final MutableClock clock = MutableClock.at("2026-11-23T08:00:00Z");
    private final InMemoryDataLake lake = new InMemoryDataLake(clock);
    private final InMemoryLandingFormat format = new InMemoryLandingFormat();
    private final InMemoryRawEventPublisher publisher = new InMemoryRawEventPublisher("clickstream.raw");
    private final InMemoryClickstreamSource weblog = new InMemoryClickstreamSource("weblog", Source.WEBLOG);
    private final InMemoryClickstreamSource searchLog = new InMemoryClickstreamSource("search-opensearch", Source.SEARCH);

    private final ClickstreamRecord v1 = view("2026-11-21T09:00:00Z", "u1", "s1", "i1");
    private final ClickstreamRecord v2 = view("2026-11-21T09:01:00Z", "u1", "s1", "i2");
    private final ClickstreamRecord v3 = view("2026-11-22T00:00:01Z", "u2", "s2", "i3");
    private final ClickstreamRecord q1 = search("2026-11-21T10:00:00Z", null, "s3", "red shoes");

    private IngestService service(int chunkSize, ClickstreamSource... sources) {
        return new IngestService(List.of(sources), lake, format, publisher, clock, chunkSize);
    }

    private StepOutcome ingest(IngestService service, RecordingMonitor monitor) {
        return service.ingest(new IngestCommand(monitor));
    }

    private StepOutcome ingest(IngestService service) {
        return ingest(service, new RecordingMonitor());
    }

    @Test
    void lands_one_batch_per_source_and_day_at_the_layout_paths() throws IOException {
        weblog.append(v1, v3, v2);
        searchLog.append(q1);

        StepOutcome outcome = ingest(service(100, weblog, searchLog));

        assertThat(outcome.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(batchesIn(LakeLayout.landingPartition(Source.WEBLOG, DAY1))).singleElement()
                .satisfies(b -> assertThat(readBatch(b)).containsExactly(v1, v2));
        assertThat(batchesIn(LakeLayout.landingPartition(Source.WEBLOG, DAY2))).singleElement()
                .satisfies(b -> assertThat(readBatch(b)).containsExactly(v3));
        assertThat(batchesIn(LakeLayout.landingPartition(Source.SEARCH, DAY1))).singleElement()
                .satisfies(b -> assertThat(readBatch(b)).containsExactly(q1));
        assertThat(lake.list(LakeLayout.landingClickstream())).hasSize(3).allSatisfy(o ->
                assertThat(o.path()).isEqualTo(LakeLayout.landingBatch(sourceOf(o.path()), dayOf(o.path()), batchId(o.path()))));
    }

    @Test
    void batch_ids_name_the_source_and_the_day() {
        weblog.append(v1);

        ingest(service(100, weblog));

        assertThat(batchesIn(LakeLayout.landingPartition(Source.WEBLOG, DAY1))).singleElement()
                .satisfies(b -> assertThat(batchId(b)).matches("weblog-20261121-[0-9a-f]{12}"));
    }

    @Test
    void small_chunks_land_several_batches_and_lose_nothing() throws IOException {
        List<ClickstreamRecord> records = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            records.add(view("2026-11-21T09:00:0" + i + "Z", "u1", "s1", "i" + i));
        }
        weblog.append(records.toArray(ClickstreamRecord[]::new));

        ingest(service(3, weblog));

        List<ClickstreamRecord> landed = new ArrayList<>();
        for (ZonePath batch : batchesIn(LakeLayout.landingPartition(Source.WEBLOG, DAY1))) {
            landed.addAll(readBatch(batch));
        }
        assertThat(batchesIn(LakeLayout.landingPartition(Source.WEBLOG, DAY1))).hasSize(3);
        assertThat(landed).containsExactlyInAnyOrderElementsOf(records);
        assertThat(checkpoint("weblog")).isEqualTo("7");
        assertThat(publisher.messages()).hasSize(7);
    }

    @Test
    void saves_the_source_checkpoint_once_the_batches_have_landed() {
        weblog.append(v1, v2);

        ingest(service(100, weblog));

        assertThat(checkpoint("weblog")).isEqualTo("2");
    }

    @Test
    void rejected_lines_land_in_the_rejected_chunk_with_their_reason() throws IOException {
        weblog.append(v1).appendRejected(rejected(Source.WEBLOG, "GET /x HTTP/1.1\" 200 ???", "unparseable status"));

        ingest(service(100, weblog));

        List<LakeObject> rejectedFiles = lake.list(ZonePath.of(DataZone.LANDING, "_rejected/source=weblog"));
        assertThat(rejectedFiles).singleElement().satisfies(o -> {
            assertThat(o.path().name()).matches("weblog-[0-9a-f]{12}\\.csv");
            assertThat(o.path()).isEqualTo(LakeLayout.rejectedChunk(Source.WEBLOG, batchId(o.path())));
            try (InputStream in = lake.open(o.path()).orElseThrow()) {
                assertThat(format.readRejected(in)).containsExactly(
                        rejected(Source.WEBLOG, "GET /x HTTP/1.1\" 200 ???", "unparseable status"));
            }
        });
        assertThat(lake.list(LakeLayout.landingClickstream())).hasSize(1);
    }

    @Test
    void publishes_each_landed_batch_once_and_writes_its_manifest() {
        weblog.append(v1, v2, v3);

        StepOutcome outcome = ingest(service(100, weblog));

        List<ZonePath> batches = lake.list(LakeLayout.landingClickstream()).stream().map(LakeObject::path).toList();
        assertThat(publisher.publishCounts()).hasSize(2).allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
        for (ZonePath batch : batches) {
            String manifest = new String(lake.read(LakeLayout.publishedManifest(batchId(batch))).orElseThrow(),
                    StandardCharsets.UTF_8);
            assertThat(manifest).contains("batchId=" + batchId(batch) + ",").contains("batch=" + batch.key() + ",")
                    .contains("topic=clickstream.raw,").contains("publishedAt=2026-11-23T08:00:00Z");
        }
        assertThat(publisher.messages()).extracting(RawMessage::value)
                .containsExactlyInAnyOrder(format.encodeRow(v1), format.encodeRow(v2), format.encodeRow(v3));
        assertThat(outcome.message()).isEqualTo("landed 3 records, published 3");
    }

    @Test
    void messages_are_keyed_by_session_else_user_else_event_id() {
        ClickstreamRecord noSession = view("2026-11-21T09:00:00Z", "u9", null, "i1");
        ClickstreamRecord anonymous = view("2026-11-21T09:00:01Z", null, null, "i2");
        weblog.append(v1, noSession, anonymous);

        ingest(service(100, weblog));

        assertThat(publisher.messages()).extracting(RawMessage::key)
                .containsExactlyInAnyOrder("s1", "u9", anonymous.interaction().eventId());
    }

    @Test
    void a_source_that_finds_nothing_because_of_its_configuration_is_named_in_the_message_and_counts() {
        ClickstreamSource misconfigured = new ClickstreamSource() {
            @Override
            public String id() {
                return weblog.id();
            }

            @Override
            public Source source() {
                return weblog.source();
            }

            @Override
            public ClickstreamSource.Chunk collect(java.util.Optional<String> checkpoint, int maxRecords) {
                return weblog.collect(checkpoint, maxRecords);
            }

            @Override
            public java.util.Optional<String> emptyHint() {
                return java.util.Optional.of("sources.weblog.path '/x' matches no log file");
            }
        };

        StepOutcome outcome = ingest(service(100, misconfigured));

        assertThat(outcome.state()).isEqualTo(JobState.SKIPPED);
        assertThat(outcome.message()).isEqualTo("no new input in any source; sources.weblog.path '/x' matches no log file");
        assertThat(outcome.counts()).containsEntry("weblog.sourcesWithoutInput", 1L);
    }

    @Test
    void a_rerun_without_new_input_lands_and_publishes_nothing() {
        weblog.append(v1, v2, v3);
        IngestService service = service(100, weblog);
        ingest(service);
        List<LakeObject> before = lake.list(ZonePath.root(DataZone.LANDING));

        RecordingMonitor monitor = new RecordingMonitor();
        StepOutcome again = ingest(service, monitor);

        assertThat(again.state()).isEqualTo(JobState.SKIPPED);
        assertThat(again.message()).isEqualTo("no new input in any source");
        assertThat(again.counts()).containsEntry("landed", 0L);
        assertThat(again.counts()).containsEntry("published", 0L).containsEntry("weblog.published", 0L);
        assertThat(monitor.count("weblog.landed")).isZero();
        assertThat(lake.list(ZonePath.root(DataZone.LANDING))).isEqualTo(before);
        assertThat(publisher.messages()).hasSize(3);
    }

    @Test
    void an_events_api_batch_without_a_manifest_is_left_to_its_journal_not_swept_by_ingest() throws IOException {
        ZonePath apiBatch = LakeLayout.landingBatch(Source.API, DAY1, "api-20261121-journal-000000000001");
        lake.write(apiBatch, out -> format.writeBatch(List.of(v1), out));
        weblog.append(v2);

        ingest(service(100, weblog));

        assertThat(publisher.batches()).as("only the weblog batch").hasSize(1)
                .allSatisfy((batch, messages) -> assertThat(batch).startsWith("weblog"));
        assertThat(lake.exists(LakeLayout.publishedManifest("api-20261121-journal-000000000001"))).isFalse();
    }

    @Test
    void appended_records_land_and_publish_alone() throws IOException {
        weblog.append(v1, v2);
        IngestService service = service(100, weblog);
        ingest(service);
        List<ZonePath> firstBatches = lake.list(LakeLayout.landingClickstream()).stream().map(LakeObject::path).toList();

        ClickstreamRecord v4 = view("2026-11-21T11:00:00Z", "u3", "s4", "i4");
        weblog.append(v4);
        StepOutcome second = ingest(service);

        List<ZonePath> newBatches = lake.list(LakeLayout.landingClickstream()).stream().map(LakeObject::path)
                .filter(p -> !firstBatches.contains(p)).toList();
        assertThat(newBatches).singleElement().satisfies(b -> assertThat(readBatch(b)).containsExactly(v4));
        assertThat(second.counts()).containsEntry("landed", 1L).containsEntry("published", 1L);
        assertThat(publisher.messages()).extracting(RawMessage::value)
                .containsExactly(format.encodeRow(v1), format.encodeRow(v2), format.encodeRow(v4));
        assertThat(checkpoint("weblog")).isEqualTo("3");
    }

    @Test
    void a_publisher_failure_then_a_rerun_publishes_every_batch_exactly_once() {
        weblog.append(v1, v2, v3);
        searchLog.append(q1);
        IngestService service = service(100, weblog, searchLog);
        publisher.failNext(1);

        assertThatThrownBy(() -> ingest(service)).isInstanceOf(DependencyUnavailableException.class);
        // Kafka refused the first batch: the weblog chunk stays landed and checkpointed, nothing is published.
        assertThat(lake.list(LakeLayout.landingClickstream())).hasSize(2);
        assertThat(lake.list(LakeLayout.publishedManifests())).isEmpty();

        ingest(service);

        assertThat(lake.list(LakeLayout.landingClickstream())).hasSize(3);
        assertThat(publisher.publishCounts()).hasSize(3).allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
        assertThat(publisher.messages()).hasSize(4);
        assertThat(lake.list(LakeLayout.publishedManifests())).hasSize(3);
    }

    @Test
    void a_crash_before_the_checkpoint_is_saved_relands_the_same_batch_not_a_second_one() throws IOException {
        weblog.append(v1, v2);
        IngestService service = service(100, weblog);
        lake.failWrites(p -> p.equals(LakeLayout.sourceCheckpoint("weblog")), 1);

        assertThatThrownBy(() -> ingest(service)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("_checkpoints/weblog.json");
        List<LakeObject> landedBeforeCrash = lake.list(LakeLayout.landingClickstream());
        assertThat(landedBeforeCrash).hasSize(1);
        assertThat(publisher.messages()).isEmpty();

        ingest(service);

        assertThat(lake.list(LakeLayout.landingClickstream())).extracting(LakeObject::path)
                .isEqualTo(landedBeforeCrash.stream().map(LakeObject::path).toList());
        assertThat(readBatch(landedBeforeCrash.get(0).path())).containsExactly(v1, v2);
        assertThat(publisher.messages()).hasSize(2);
        assertThat(publisher.publishCounts()).allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
        assertThat(checkpoint("weblog")).isEqualTo("2");
    }

    @Test
    void a_crash_while_landing_the_second_day_loses_and_duplicates_nothing() throws IOException {
        weblog.append(v1, v3);
        IngestService service = service(100, weblog);
        lake.failWrites(p -> p.key().contains("dt=" + DAY2), 1);

        assertThatThrownBy(() -> ingest(service)).isInstanceOf(UncheckedIOException.class);
        assertThat(lake.read(LakeLayout.sourceCheckpoint("weblog"))).isEmpty();

        ingest(service);

        List<ClickstreamRecord> landed = new ArrayList<>();
        for (LakeObject o : lake.list(LakeLayout.landingClickstream())) {
            landed.addAll(readBatch(o.path()));
        }
        assertThat(landed).containsExactlyInAnyOrder(v1, v3);
        assertThat(publisher.messages()).hasSize(2);
    }

    /**
     * The window between a batch's publish and its manifest: the re-run finds the batch already published, sends
     * nothing again and writes the missing manifest from the stored receipt.
     */
    @Test
    void a_crash_between_publishing_and_the_manifest_sends_nothing_again_and_writes_the_manifest() {
        weblog.append(v1, v2, v3);
        IngestService service = service(100, weblog);
        lake.failWrites(p -> p.key().startsWith(LakeLayout.publishedManifests().key()), 1);

        assertThatThrownBy(() -> ingest(service)).isInstanceOf(UncheckedIOException.class);
        // The first day's batch is published, its manifest is not; the second day's batch was never reached.
        assertThat(publisher.publishCounts()).hasSize(1);
        String crashed = publisher.publishCounts().keySet().iterator().next();
        var receipt = publisher.alreadyPublished(crashed).orElseThrow();
        assertThat(lake.list(LakeLayout.publishedManifests())).isEmpty();

        StepOutcome rerun = ingest(service);

        assertThat(publisher.publishCounts()).hasSize(2).allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
        assertThat(publisher.messages()).extracting(RawMessage::value)
                .containsExactlyInAnyOrder(format.encodeRow(v1), format.encodeRow(v2), format.encodeRow(v3));
        assertThat(rerun.counts()).containsEntry("recoveredManifests", 1L).containsEntry("published", 1L);
        String manifest = new String(lake.read(LakeLayout.publishedManifest(crashed)).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(manifest).contains("messages=" + receipt.messages() + ",")
                .contains("PartitionRange[partition=0, firstOffset=0, lastOffset=1]");
        assertThat(lake.list(LakeLayout.publishedManifests())).hasSize(2);
    }

    @Test
    void without_sources_ingest_is_not_configured() {
        assertThatThrownBy(() -> ingest(service(100))).isInstanceOf(NotConfiguredException.class)
                .hasMessageContaining("sources.weblog.path");
    }

    @Test
    void counts_what_each_source_read_landed_left_unmatched_rejected_and_published() {
        weblog.append(v1, v2).appendUnmatched(3).appendRejected(rejected(Source.WEBLOG, "garbage", "no request line"));
        searchLog.append(q1).appendRejected(rejected(Source.SEARCH, "{}", "no timestamp"),
                rejected(Source.SEARCH, "{\"a\":1}", "no timestamp"));
        RecordingMonitor monitor = new RecordingMonitor();

        StepOutcome outcome = ingest(service(100, weblog, searchLog), monitor);

        assertThat(outcome.counts())
                .containsEntry("weblog.read", 6L).containsEntry("weblog.landed", 2L).containsEntry("weblog.unmatched", 3L)
                .containsEntry("weblog.rejected", 1L).containsEntry("weblog.published", 2L)
                .containsEntry("search.read", 3L).containsEntry("search.landed", 1L).containsEntry("search.unmatched", 0L)
                .containsEntry("search.rejected", 2L).containsEntry("search.published", 1L)
                .containsEntry("read", 9L).containsEntry("landed", 3L).containsEntry("rejected", 3L)
                .containsEntry("published", 3L);
        assertThat(monitor.counts()).isEqualTo(outcome.counts());
        assertThat(monitor.progress()).isNotEmpty().isSorted().last().isEqualTo(1.0);
    }

    @Test
    void a_stop_request_ends_ingest_before_it_collects() {
        weblog.append(v1);
        RecordingMonitor monitor = new RecordingMonitor();
        monitor.requestStop();

        assertThatThrownBy(() -> ingest(service(100, weblog), monitor))
                .isInstanceOf(JobStoppedException.class);
        assertThat(lake.list(LakeLayout.landingClickstream())).isEmpty();
    }

    // ---- helpers

    private List<ZonePath> batchesIn(ZonePath partition) {
        return lake.list(partition).stream().map(LakeObject::path).toList();
    }

    private List<ClickstreamRecord> readBatch(ZonePath path) throws IOException {
        try (InputStream in = lake.open(path).orElseThrow(() -> new AssertionError(path + " is missing"))) {
            return format.readBatch(in);
        }
    }

    private String checkpoint(String sourceId) {
        return lake.read(LakeLayout.sourceCheckpoint(sourceId)).map(b -> new String(b, StandardCharsets.UTF_8))
                .orElseThrow(() -> new AssertionError("no checkpoint for " + sourceId));
    }

    private static String batchId(ZonePath path) {
        return path.name().replaceFirst("\\.csv$", "");
    }

    private static Source sourceOf(ZonePath path) {
        return Source.fromWireName(path.relative().replaceFirst(".*source=([a-z]+)/.*", "$1"));
    }

    private static LocalDate dayOf(ZonePath path) {
        return LocalDate.parse(path.relative().replaceFirst(".*dt=([0-9-]+)/.*", "$1"));
    }
}
