package io.clickstream.adapter.search;

import java.io.IOException;

/** The catalogue-source contract against a real Solr product core (item_id its unique key). */
class SolrCatalogueSourceTest extends CatalogueSourceContract {
    @Override
    EngineIndex startEngine() throws IOException {
        return EngineIndex.solr("solr-catalogue", "products");
    }
}
