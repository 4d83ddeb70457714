package io.clickstream.application.service;

import io.clickstream.application.port.in.CollectCatalogueUseCase;
import io.clickstream.application.port.out.CatalogueFormat;
import io.clickstream.application.port.out.CatalogueSource;
import io.clickstream.application.port.out.CatalogueSource.Chunk;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.StepOutcome;
import io.clickstream.domain.ZonePath;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects catalogue changes from every catalogue source into {@code landing/catalogue/}, with the ingest's
 * exactly-once protocol: a chunk's batch id derives from the source and the checkpoint it started from, and the
 * checkpoint is saved only once the batch (and its rejected rows) are durable. A crash before the save lands the same
 * batch under the same name again; after it, the next run continues with the next chunk. Serving is told at once
 * ({@code onLanded}), so a change applies within the same run.
 */
public final class CollectCatalogueService implements CollectCatalogueUseCase {
    private final List<CatalogueSource> sources;
    private final DataLake lake;
    private final CatalogueFormat format;
    private final int chunkSize;
    private final Runnable onLanded;

    /** @param onLanded run after a collection that landed something (serving refreshes its catalogue) */
    public CollectCatalogueService(List<CatalogueSource> sources, DataLake lake, CatalogueFormat format, int chunkSize,
                                   Runnable onLanded) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be positive");
        }
        this.sources = List.copyOf(sources);
        this.lake = lake;
        this.format = format;
        this.chunkSize = chunkSize;
        this.onLanded = onLanded;
    }

    @Override
    public StepOutcome collect(CollectCatalogueCommand command) {
        JobMonitor monitor = command.monitor();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String counter : List.of("landed", "rejected")) {
            add(counts, monitor, counter, 0);
        }
        for (CatalogueSource source : sources) {
            collect(source, monitor, counts);
        }
        if (counts.get("landed") > 0) {
            onLanded.run();
        }
        if (counts.get("landed") == 0 && counts.get("rejected") == 0) {
            return StepOutcome.skipped("no catalogue changes in any catalogue source", counts);
        }
        return StepOutcome.succeeded("landed " + counts.get("landed") + " catalogue rows, rejected "
                + counts.get("rejected"), counts);
    }

    private void collect(CatalogueSource source, JobMonitor monitor, Map<String, Long> counts) {
        ZonePath checkpointPath = LakeLayout.sourceCheckpoint(source.id());
        Optional<String> checkpoint = lake.read(checkpointPath).map(b -> new String(b, StandardCharsets.UTF_8));
        while (true) {
            monitor.checkNotStopped();
            Chunk chunk = source.collect(checkpoint, chunkSize);
            String batchId = source.id() + "-" + IngestService.chunkId(source.id(), checkpoint.orElse(""));
            if (!chunk.items().isEmpty()) {
                lake.write(LakeLayout.landingCatalogueBatch(source.id(), batchId), out -> format.write(chunk.items(), out));
            }
            if (!chunk.rejected().isEmpty()) {
                lake.write(LakeLayout.rejectedCatalogueBatch(source.id(), batchId),
                        out -> format.writeRejected(chunk.rejected(), out));
            }
            add(counts, monitor, "landed", chunk.items().size());
            add(counts, monitor, "rejected", chunk.rejected().size());
            add(counts, monitor, source.id() + ".landed", chunk.items().size());
            add(counts, monitor, source.id() + ".rejected", chunk.rejected().size());
            // No checkpoint and an empty one are the same place: a lake without drops gets no checkpoint file.
            boolean moved = !chunk.nextCheckpoint().equals(checkpoint.orElse(""));
            if (moved) {
                lake.write(checkpointPath, chunk.nextCheckpoint().getBytes(StandardCharsets.UTF_8));
                checkpoint = Optional.of(chunk.nextCheckpoint());
            }
            if (chunk.endReached() || !moved) {
                return;
            }
        }
    }

    private static void add(Map<String, Long> counts, JobMonitor monitor, String counter, long delta) {
        counts.merge(counter, delta, Long::sum);
        monitor.count("catalogue." + counter, delta);
    }
}
