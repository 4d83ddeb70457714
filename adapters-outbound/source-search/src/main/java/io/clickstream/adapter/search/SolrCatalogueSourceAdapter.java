package io.clickstream.adapter.search;

import io.clickstream.application.port.out.CatalogueSource;
import java.time.Clock;
import java.util.Optional;

/**
 * The shop's catalogue from a Solr product collection, read forward by each product's last change
 * with {@code cursorMark}; the connection settings (url, collection, auth, paging, safety lag) are an event source's.
 */
public final class SolrCatalogueSourceAdapter implements CatalogueSource {
    public static final String DEFAULT_ID = "catalogue-solr";

    private final SearchCatalogueCollector collector;

    /** @param connection where the product collection is and how to read it; its event fields are not used */
    public SolrCatalogueSourceAdapter(SolrSourceSettings connection, CatalogueFields fields, Clock clock) {
        EngineAccess access = connection.access();
        ResilientJsonHttp http = new ResilientJsonHttp("Solr (" + access.base() + ")", access);
        this.collector = new SearchCatalogueCollector(connection.id(),
                new SolrReader(http, connection.collection(), fields.itemId(), fields.updatedAt()), fields,
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
