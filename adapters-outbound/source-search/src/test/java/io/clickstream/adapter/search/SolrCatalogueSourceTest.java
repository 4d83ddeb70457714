package io.clickstream.adapter.search;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.application.port.out.CatalogueSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The catalogue-source contract against a real Solr product core (item_id its unique key). */
class SolrCatalogueSourceTest extends CatalogueSourceContract {
    private static final String CORE = "products";
    private static final List<String> HOME_FILES = List.of("solr.xml", "products/core.properties",
            "products/conf/solrconfig.xml", "products/conf/schema.xml");

    private static EngineProcess engine;
    private static URI url;

    @BeforeAll
    static void startSolr() throws Exception {
        Path work = TestHttp.freshDir("solr-catalogue");
        Path home = work.resolve("home");
        for (String file : HOME_FILES) {
            Path target = home.resolve(file);
            Files.createDirectories(target.getParent());
            try (InputStream in = SolrCatalogueSourceTest.class.getResourceAsStream("/solr-home/" + file)) {
                if (in == null) {
                    throw new IOException("test resource solr-home/" + file + " is missing");
                }
                Files.copy(in, target);
            }
        }
        engine = EngineProcess.start("solr", "solr.lib", "io.clickstream.adapter.search.engine.SolrLauncher", work,
                List.of("-Dsolr.log.dir=" + work.resolve("logs"), "-Dsolr.install.dir=" + work,
                        "-Dhost=127.0.0.1", "-Dsolr.jetty.host=127.0.0.1"),
                List.of(home.toString()), Duration.ofSeconds(120));
        url = URI.create("http://127.0.0.1:" + engine.port() + "/solr");
    }

    @AfterAll
    static void stopSolr() {
        if (engine != null) {
            engine.stop();
        }
    }

    @Override
    void clear() {
        TestHttp.send("POST", URI.create(url + "/" + CORE + "/update?commit=true"), "application/json",
                "{\"delete\":{\"query\":\"*:*\"}}");
    }

    @Override
    void load(List<ObjectNode> products) {
        ArrayNode array = SearchEventFixtures.JSON.createArrayNode();
        products.forEach(array::add);
        TestHttp.send("POST", URI.create(url + "/" + CORE + "/update?commit=true"), "application/json", array.toString());
    }

    @Override
    CatalogueSource source(int pageSize) {
        return new SolrCatalogueSourceAdapter(SolrSourceSettings.of(url, CORE).withId(SolrCatalogueSourceAdapter.DEFAULT_ID)
                .withPageSize(pageSize).withResilience(SearchSourceContract.FAST), FIELDS, Clock.systemUTC());
    }
}
