package io.clickstream.bootstrap;

import dagger.Module;
import dagger.multibindings.ElementsIntoSet;
import io.clickstream.application.port.out.HealthIndicator;
import java.util.LinkedHashSet;
import java.util.Set;
import dagger.Provides;
import io.clickstream.adapter.csv.CommonsCsvCatalogueFormat;
import io.clickstream.adapter.csv.CommonsCsvLandingFormat;
import io.clickstream.adapter.weblog.WeblogClickstreamSourceAdapter;
import io.clickstream.adapter.search.CatalogueFields;
import io.clickstream.adapter.search.ProductIndexCatalogueSourceAdapter;
import io.clickstream.adapter.search.SearchClickstreamSourceAdapter;
import io.clickstream.adapter.search.SearchEngine;
import io.clickstream.adapter.search.SearchSourceSettings;
import io.clickstream.adapter.weblog.WeblogSettings;
import io.clickstream.application.port.out.CatalogueFormat;
import io.clickstream.application.port.out.CatalogueSource;
import io.clickstream.application.port.out.ClickstreamSource;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.LandingFormat;
import io.clickstream.application.service.DroppedCatalogueFiles;
import io.clickstream.bootstrap.config.ConfigKeys;
import io.clickstream.bootstrap.config.PipelineConfig;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Singleton;

/** The clickstream and catalogue sources (access logs, search engines, dropped files) and the landing zone's formats. */
@Module
interface SourcesModule {

    @Provides
    @Singleton
    static List<ClickstreamSource> sources(PipelineConfig config) {
        List<ClickstreamSource> sources = new ArrayList<>();
        config.find(ConfigKeys.SOURCES_WEBLOG_PATH).ifPresent(path -> {
            WeblogSettings settings = WeblogSettings.defaults(path);
            sources.add(new WeblogClickstreamSourceAdapter(config.find(ConfigKeys.SOURCES_WEBLOG_RULES)
                    .map(settings::withRules).orElse(settings)));
        });
        config.find(ConfigKeys.SOURCES_SEARCH_OPENSEARCH_URL).ifPresent(url -> sources.add(new SearchClickstreamSourceAdapter(
                SearchSourceSettings.openSearch(URI.create(url), config.get(ConfigKeys.SOURCES_SEARCH_OPENSEARCH_INDEX)))));
        config.find(ConfigKeys.SOURCES_SEARCH_SOLR_URL).ifPresent(url -> sources.add(new SearchClickstreamSourceAdapter(
                SearchSourceSettings.solr(URI.create(url), config.get(ConfigKeys.SOURCES_SEARCH_SOLR_COLLECTION)))));
        return List.copyOf(sources);
    }

    @Provides
    @Singleton
    static LandingFormat landingFormat() {
        return new CommonsCsvLandingFormat();
    }

    @Provides
    @Singleton
    static CatalogueFormat catalogueFormat() {
        return new CommonsCsvCatalogueFormat();
    }

    /** Catalogue files dropped into the landing zone are always collected: no configuration needed. */
    @Provides
    @Singleton
    static List<CatalogueSource> catalogueSources(DataLake lake, CatalogueFormat format, PipelineConfig config,
                                                  Clock clock) {
        List<CatalogueSource> sources = new ArrayList<>(List.of(new DroppedCatalogueFiles(lake, format)));
        CatalogueFields fields = new CatalogueFields(config.get(ConfigKeys.SOURCES_CATALOGUE_FIELD_ITEM_ID),
                config.get(ConfigKeys.SOURCES_CATALOGUE_FIELD_CATEGORIES), config.get(ConfigKeys.SOURCES_CATALOGUE_FIELD_AVAILABLE),
                config.get(ConfigKeys.SOURCES_CATALOGUE_FIELD_HIDDEN), config.get(ConfigKeys.SOURCES_CATALOGUE_FIELD_UPDATED_AT));
        config.find(ConfigKeys.SOURCES_CATALOGUE_OPENSEARCH_URL).ifPresent(url -> sources.add(new ProductIndexCatalogueSourceAdapter(
                SearchSourceSettings.openSearch(URI.create(url), config.get(ConfigKeys.SOURCES_CATALOGUE_OPENSEARCH_INDEX))
                        .withId(SearchEngine.OPENSEARCH.catalogueSourceId()), fields, clock)));
        config.find(ConfigKeys.SOURCES_CATALOGUE_SOLR_URL).ifPresent(url -> sources.add(new ProductIndexCatalogueSourceAdapter(
                SearchSourceSettings.solr(URI.create(url), config.get(ConfigKeys.SOURCES_CATALOGUE_SOLR_COLLECTION))
                        .withId(SearchEngine.SOLR.catalogueSourceId()), fields, clock)));
        return List.copyOf(sources);
    }

    /** Each source that can tell whether it is reachable. */
    @Provides
    @ElementsIntoSet
    static Set<HealthIndicator> sourceHealth(List<ClickstreamSource> sources) {
        Set<HealthIndicator> indicators = new LinkedHashSet<>();
        sources.stream().filter(HealthIndicator.class::isInstance).map(HealthIndicator.class::cast).forEach(indicators::add);
        return indicators;
    }
}
