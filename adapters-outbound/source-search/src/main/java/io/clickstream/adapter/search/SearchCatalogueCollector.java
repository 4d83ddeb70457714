package io.clickstream.adapter.search;

import io.clickstream.application.port.out.CatalogueSource;
import io.clickstream.domain.CatalogueItem;
import io.clickstream.domain.RejectedCatalogueRow;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A product index read as a catalogue source: products in the {@link DocumentPager}'s order, by their last change,
 * so each run reads the products changed since the previous one (the first run, the whole catalogue).
 */
final class SearchCatalogueCollector implements CatalogueSource {
    private final String id;
    private final DocumentPager pager;
    private final CatalogueDocumentMapper mapper;

    SearchCatalogueCollector(String id, EngineReader reader, CatalogueFields fields, int pageSize, Duration safetyLag,
                             Clock clock) {
        this.id = id;
        this.pager = new DocumentPager(id, reader, pageSize, safetyLag, clock);
        this.mapper = new CatalogueDocumentMapper(fields);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Chunk collect(Optional<String> checkpoint, int maxItems) {
        List<CatalogueItem> items = new ArrayList<>();
        List<RejectedCatalogueRow> rejected = new ArrayList<>();
        DocumentPager.Progress progress = pager.read(checkpoint, maxItems, doc -> {
            CatalogueDocumentMapper.Mapped mapped = mapper.map(doc);
            if (mapped.item() != null) {
                items.add(mapped.item());
            } else {
                rejected.add(mapped.rejected());
            }
        });
        return new Chunk(items, rejected, progress.position().toJson(), progress.endReached());
    }
}
