package io.clickstream.application.service;

import io.clickstream.application.port.out.CatalogueFormat;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.DataLake.LakeObject;
import io.clickstream.application.port.out.ItemCatalogue;
import io.clickstream.domain.Catalogue;
import io.clickstream.domain.CatalogueItem;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.ZonePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalogue serving filters by: the landed catalogue batches applied in path order, the newest row per item
 * winning. {@link #refresh} reads only batches it has not applied yet (or that were rewritten since), so polling it
 * every few seconds costs a listing; a change applies to the next request, without a new model.
 */
public final class LakeCatalogue implements ItemCatalogue {
    private static final Logger LOG = LoggerFactory.getLogger(LakeCatalogue.class);

    private final DataLake lake;
    private final CatalogueFormat format;
    private final AtomicReference<Catalogue> current = new AtomicReference<>(Catalogue.EMPTY);
    private final Map<ZonePath, Instant> applied = new HashMap<>();

    public LakeCatalogue(DataLake lake, CatalogueFormat format) {
        this.lake = lake;
        this.format = format;
    }

    @Override
    public Catalogue current() {
        return current.get();
    }

    /** Applies the batches landed since the last refresh; returns how many rows it applied. */
    public synchronized int refresh() {
        List<CatalogueItem> rows = new ArrayList<>();
        List<LakeObject> fresh = lake.list(LakeLayout.landingCatalogue()).stream()
                .filter(o -> o.path().name().endsWith(".csv"))
                .filter(o -> !o.lastModified().equals(applied.get(o.path())))
                .toList();
        for (LakeObject batch : fresh) {
            rows.addAll(read(batch.path()));
        }
        if (!rows.isEmpty()) {
            current.set(current.get().with(rows));
            LOG.info("catalogue: applied {} rows from {} batches, {} items known", rows.size(), fresh.size(),
                    current.get().size());
        }
        fresh.forEach(batch -> applied.put(batch.path(), batch.lastModified()));
        return rows.size();
    }

    private List<CatalogueItem> read(ZonePath path) {
        Optional<InputStream> opened = lake.open(path);
        if (opened.isEmpty()) {
            return List.of();
        }
        try (InputStream in = opened.get()) {
            CatalogueFormat.Parsed parsed = format.read(in, path.key());
            if (!parsed.rejected().isEmpty()) {
                LOG.warn("catalogue batch {}: {} rows not understood, first: {}", path.key(), parsed.rejected().size(),
                        parsed.rejected().get(0).reason());
            }
            return parsed.items();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the catalogue batch " + path.key(), e);
        }
    }
}
