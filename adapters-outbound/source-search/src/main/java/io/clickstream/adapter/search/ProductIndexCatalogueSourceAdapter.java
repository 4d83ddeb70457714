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
    public static final String OPENSEARCH_ID = "catalogue-opensearch";
    public static final String SOLR_ID = "catalogue-solr";

    private final String id;
    private final DocumentPager pager;
    private final CatalogueDocumentMapper mapper;

    public static ProductIndexCatalogueSourceAdapter openSearch(OpenSearchSourceSettings connection, CatalogueFields fields,
                                                                Clock clock) {
        EngineAccess access = connection.access();
        ResilientJsonHttp http = new ResilientJsonHttp("OpenSearch (" + access.base() + ")", access);
        return new ProductIndexCatalogueSourceAdapter(connection.id(),
                new OpenSearchReader(http, connection.index(), fields.itemId(), fields.updatedAt()), fields,
                connection.pageSize(), connection.safetyLag(), clock);
    }

    public static ProductIndexCatalogueSourceAdapter solr(SolrSourceSettings connection, CatalogueFields fields, Clock clock) {
        EngineAccess access = connection.access();
        ResilientJsonHttp http = new ResilientJsonHttp("Solr (" + access.base() + ")", access);
        return new ProductIndexCatalogueSourceAdapter(connection.id(),
                new SolrReader(http, connection.collection(), fields.itemId(), fields.updatedAt()), fields,
                connection.pageSize(), connection.safetyLag(), clock);
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
