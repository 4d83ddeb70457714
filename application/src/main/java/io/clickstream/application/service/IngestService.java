package io.clickstream.application.service;

import io.clickstream.application.port.in.IngestClickstreamUseCase;
import io.clickstream.application.port.out.ClickstreamSource;
import io.clickstream.application.port.out.ClickstreamSource.Chunk;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.LandingFormat;
import io.clickstream.application.port.out.RawEventPublisher;
import io.clickstream.application.port.out.RawEventPublisher.PublishReceipt;
import io.clickstream.application.service.BatchPublication.LandedBatch;
import io.clickstream.domain.ClickstreamRecord;
import io.clickstream.domain.Interaction;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.NotConfiguredException;
import io.clickstream.domain.Source;
import io.clickstream.domain.StepOutcome;
import io.clickstream.domain.ZonePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Collects from every source into landing batches, then publishes every landed batch that has no manifest yet.
 *
 * <p>Exactly-once landing: a chunk's batch ids derive from the source and the checkpoint it started from, and
 * the checkpoint is saved only after the chunk's files are durable. A crash before the save re-reads the same
 * chunk and overwrites the same files; a crash after it continues from the next chunk.
 *
 * <p>Publishing: each record is encoded once, for its landed file and its raw-topic message, and a chunk's
 * batches are published right after its checkpoint is saved, then marked by a manifest. Batches a failed run
 * left without a manifest are handled at the end of the next complete run: one the publisher reports as already
 * published (the run died between the publish and the manifest) only gets its manifest, from the stored receipt;
 * any other is read back from the lake and published.
 */
public final class IngestService implements IngestClickstreamUseCase {

    private final List<ClickstreamSource> sources;
    private final DataLake lake;
    private final LandingFormat format;
    private final BatchPublication publication;
    private final int chunkSize;

    public IngestService(List<ClickstreamSource> sources, DataLake lake, LandingFormat format,
                         RawEventPublisher publisher, Clock clock, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be positive");
        }
        this.sources = List.copyOf(sources);
        this.lake = lake;
        this.format = format;
        this.publication = new BatchPublication(lake, format, publisher, clock);
        this.chunkSize = chunkSize;
    }

    @Override
    public StepOutcome ingest(IngestCommand command) {
        if (sources.isEmpty()) {
            throw new NotConfiguredException("no clickstream source is configured: set sources.weblog.path "
                    + "(PIPELINE_SOURCES_WEBLOG_PATH) to a directory of access logs, or sources.search.url");
        }
        JobMonitor monitor = command.monitor();
        StepCounts counts = new StepCounts(monitor);
        for (String counter : List.of("read", "landed", "rejected", "published", "publishMillis")) {
            counts.add(counter, 0);
        }
        for (ClickstreamSource source : sources) {
            for (String counter : List.of("read", "landed", "unmatched", "rejected", "published")) {
                counts.add(source.source().wireName() + "." + counter, 0);
            }
        }
        long start = System.nanoTime();
        List<String> hints = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            ClickstreamSource source = sources.get(i);
            collect(source, monitor, counts);
            if (counts.get(source.source().wireName() + ".read") == 0) {
                source.emptyHint().ifPresent(hint -> {
                    hints.add(hint);
                    counts.add(source.source().wireName() + ".sourcesWithoutInput", 1);
                });
            }
            monitor.progress(0.9 * (i + 1) / sources.size());
        }
        // Phase timings make throughput visible in the job status and to the ingest benchmark.
        counts.add("collectMillis", (System.nanoTime() - start) / 1_000_000 - counts.get("publishMillis"));
        // Only now, with every source collected, is an unpublished batch surely one whose checkpoint was saved (a
        // chunk that was not checkpointed has just been collected and published again); sweeping earlier could
        // publish a batch that the re-collection then publishes a second time.
        publishPending(monitor, counts);
        monitor.progress(1.0);
        String summary = "landed " + counts.get("landed") + " records, published " + counts.get("published");
        if (counts.get("read") == 0 && counts.get("published") == 0) {
            return StepOutcome.skipped(String.join("; ", prepend("no new input in any source", hints)), counts.all());
        }
        return StepOutcome.succeeded(String.join("; ", prepend(summary, hints)), counts.all());
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    private void collect(ClickstreamSource source, JobMonitor monitor, StepCounts counts) {
        ZonePath checkpointPath = LakeLayout.sourceCheckpoint(source.id());
        Optional<String> checkpoint = lake.read(checkpointPath).map(b -> new String(b, StandardCharsets.UTF_8));
        while (true) {
            monitor.checkNotStopped();
            Chunk chunk = source.collect(checkpoint, chunkSize);
            String chunkId = chunkId(source.id(), checkpoint.orElse(""));
            List<LandedBatch> landed = new ArrayList<>();
            for (LandedBatch batch : encodeByDay(source, chunkId, chunk.records())) {
                lake.write(batch.path(), out -> format.writeRows(batch.rows(), out));
                landed.add(batch);
            }
            if (!chunk.rejected().isEmpty()) {
                lake.write(LakeLayout.rejectedChunk(source.source(), source.id() + "-" + chunkId),
                        out -> format.writeRejected(chunk.rejected(), out));
            }
            counts.addWithTotal(source.source(), "read", chunk.linesRead());
            counts.addWithTotal(source.source(), "landed", chunk.records().size());
            counts.add(source.source().wireName() + ".unmatched", chunk.unmatched());
            counts.addWithTotal(source.source(), "rejected", chunk.rejected().size());
            boolean moved = !checkpoint.equals(Optional.of(chunk.nextCheckpoint()));
            if (moved) {
                lake.write(checkpointPath, chunk.nextCheckpoint().getBytes(StandardCharsets.UTF_8));
                checkpoint = Optional.of(chunk.nextCheckpoint());
            }
            // Published while the encoded rows are at hand; a crash before this leaves the batches for the sweep.
            long publishStart = System.nanoTime();
            for (LandedBatch batch : landed) {
                monitor.checkNotStopped();
                publish(batch, source.source(), counts);
            }
            counts.add("publishMillis", (System.nanoTime() - publishStart) / 1_000_000);
            if (chunk.endReached() || !moved) {
                return;
            }
        }
    }

    /**
     * Finishes batches that landed but have no manifest: those a failed or killed run left behind. The publisher is
     * asked first, because a run that died after the publish but before the manifest must not send the batch again;
     * reading a batch back from the lake is the slow path, taken only to recover.
     */
    private void publishPending(JobMonitor monitor, StepCounts counts) {
        Set<String> published = lake.list(LakeLayout.publishedManifests()).stream()
                .map(o -> LakeLayout.publishedBatchId(o.path()))
                .collect(Collectors.toSet());
        // The events API's batches are its journal's to finish: sweeping them here could publish one its flusher is
        // publishing at this moment.
        List<ZonePath> pending = new ArrayList<>();
        List<LakeLayout.LandedBatchName> names = new ArrayList<>();
        for (DataLake.LakeObject o : lake.list(LakeLayout.landingClickstream())) {
            LakeLayout.landedBatch(o.path())
                    .filter(name -> name.source() != Source.API && !published.contains(name.batchId()))
                    .ifPresent(name -> {
                        pending.add(o.path());
                        names.add(name);
                    });
        }
        long start = System.nanoTime();
        for (int i = 0; i < pending.size(); i++) {
            monitor.checkNotStopped();
            ZonePath path = pending.get(i);
            LakeLayout.LandedBatchName name = names.get(i);
            if (publication.recoverManifest(name.batchId(), path).isPresent()) {
                counts.add("recoveredManifests", 1);
            } else {
                publish(encode(name.batchId(), path, readBatch(path)), name.source(), counts);
                counts.add("recoveredBatches", 1);
            }
            monitor.progress(0.9 + 0.1 * (i + 1) / pending.size());
        }
        counts.add("publishMillis", (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * The chunk's records as one batch per UTC day, in collection order within a day. Encoding is most of the work of
     * landing a chunk and each record's is independent of the others', so it is spread over the cores; the day is
     * taken in the same pass, while the record is at hand.
     */
    private List<LandedBatch> encodeByDay(ClickstreamSource source, String chunkId, List<ClickstreamRecord> records) {
        int n = records.size();
        String[] rows = new String[n];
        String[] keys = new String[n];
        long[] days = new long[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            ClickstreamRecord r = records.get(i);
            rows[i] = format.encodeRow(r);
            keys[i] = BatchPublication.partitionKey(r.interaction());
            days[i] = Math.floorDiv(r.interaction().eventTime().getEpochSecond(), 86_400L);
        });
        Map<Long, List<Integer>> byDay = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            byDay.computeIfAbsent(days[i], d -> new ArrayList<>()).add(i);
        }
        List<LandedBatch> batches = new ArrayList<>(byDay.size());
        for (Map.Entry<Long, List<Integer>> day : byDay.entrySet()) {
            LocalDate date = LocalDate.ofEpochDay(day.getKey());
            String batchId = source.id() + "-" + date.toString().replace("-", "") + "-" + chunkId;
            List<String> dayRows = new ArrayList<>(day.getValue().size());
            List<String> dayKeys = new ArrayList<>(day.getValue().size());
            for (int i : day.getValue()) {
                dayRows.add(rows[i]);
                dayKeys.add(keys[i]);
            }
            batches.add(new LandedBatch(batchId, LakeLayout.landingBatch(source.source(), date, batchId), dayRows,
                    dayKeys));
        }
        return batches;
    }

    private LandedBatch encode(String batchId, ZonePath path, List<ClickstreamRecord> records) {
        List<String> rows = new ArrayList<>(records.size());
        List<String> keys = new ArrayList<>(records.size());
        for (ClickstreamRecord r : records) {
            rows.add(format.encodeRow(r));
            keys.add(BatchPublication.partitionKey(r.interaction()));
        }
        return new LandedBatch(batchId, path, rows, keys);
    }

    private void publish(LandedBatch batch, Source source, StepCounts counts) {
        PublishReceipt receipt = publication.publish(batch);
        counts.addWithTotal(source, "published", receipt.messages());
        counts.add("batchesPublished", 1);
    }


    private List<ClickstreamRecord> readBatch(ZonePath path) {
        Optional<InputStream> in = lake.open(path);
        if (in.isEmpty()) {
            throw new UncheckedIOException(new IOException("landed batch " + path + " vanished before publishing"));
        }
        try (InputStream stream = in.get()) {
            return format.readBatch(stream);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read landed batch " + path + ": " + e.getMessage(), e);
        }
    }


    /** 12 hex digits of SHA-256 over the source id and the start checkpoint: the same chunk gets the same name. */
    static String chunkId(String sourceId, String checkpoint) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(sourceId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(checkpoint.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
