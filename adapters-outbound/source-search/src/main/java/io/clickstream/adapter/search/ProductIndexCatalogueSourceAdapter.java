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
 * The shop's catalogue from a product index, an Elasticsearch/OpenSearch index ({@code search_after}) or a Solr
 * collection ({@code cursorMark}): products in the {@link DocumentPager}'s order, by their last change, so each run
 * reads the products changed since the previous one (the first run, the whole catalogue). The connection settings
 * (url, index or collection, auth, paging, safety lag) are an event source's; their event fields are not used.
 */
public final class ProductIndexCatalogueSourceAdapter implements CatalogueSource {
    private final String id;
    private final DocumentPager pager;
    private final CatalogueDocumentMapper mapper;

    /**
     * Reads the products of {@code connection}'s index or collection, under the connection's id (the engine's {@link
     * SearchEngine#catalogueSourceId()} is the usual one).
     */
    public ProductIndexCatalogueSourceAdapter(SearchSourceSettings connection, CatalogueFields fields, Clock clock) {
        this(connection.id(), connection.reader(fields.itemId(), fields.updatedAt()), fields, connection.pageSize(),
                connection.safetyLag(), clock);
    }

    private ProductIndexCatalogueSourceAdapter(String id, EngineReader reader, CatalogueFields fields, int pageSize,
                                               Duration safetyLag, Clock clock) {
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
