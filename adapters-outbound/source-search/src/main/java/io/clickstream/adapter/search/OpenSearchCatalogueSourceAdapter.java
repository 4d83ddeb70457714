package io.clickstream.adapter.search;

import io.clickstream.application.port.out.CatalogueSource;
import java.time.Clock;
import java.util.Optional;

/**
 * The shop's catalogue from an Elasticsearch or OpenSearch product index, read forward by each product's last change
 * with {@code search_after}; the connection settings (url, index, auth, paging, safety lag) are an event source's.
 */
public final class OpenSearchCatalogueSourceAdapter implements CatalogueSource {
    public static final String DEFAULT_ID = "catalogue-opensearch";

    private final SearchCatalogueCollector collector;

    /** @param connection where the product index is and how to read it; its event fields are not used */
    public OpenSearchCatalogueSourceAdapter(OpenSearchSourceSettings connection, CatalogueFields fields, Clock clock) {
        EngineAccess access = connection.access();
        ResilientJsonHttp http = new ResilientJsonHttp("OpenSearch (" + access.base() + ")", access);
        this.collector = new SearchCatalogueCollector(connection.id(),
                new OpenSearchReader(http, connection.index(), fields.itemId(), fields.updatedAt()), fields,
                connection.pageSize(), connection.safetyLag(), clock);
    }

    @Override
    public String id() {
        return collector.id();
    }

    @Override
    public Chunk collect(Optional<String> checkpoint, int maxItems) {
        return collector.collect(checkpoint, maxItems);
    }
}
