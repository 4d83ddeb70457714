package io.clickstream.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.domain.CatalogueItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalogues that come with generated and imported traffic. */
class CatalogueOutputTest {
    @TempDir
    Path dir;

    @Test
    void the_generated_catalogue_lists_every_item_in_its_planted_category_with_some_sold_out_and_hidden() throws Exception {
        GeneratorSettings settings = GeneratorSettings.defaults(1_000, 7);
        ClickstreamGenerator generator = new ClickstreamGenerator(settings);
        generator.generate(dir);
        Map<String, String> planted = Files.readAllLines(dir.resolve("catalog/items.csv")).stream().skip(1)
                .map(l -> l.split(",")).collect(Collectors.toMap(c -> c[0], c -> c[1]));

        List<CatalogueItem> catalogue = generator.catalogue();

        assertThat(catalogue).hasSize(planted.size()).isEqualTo(new ClickstreamGenerator(settings).catalogue());
        assertThat(catalogue).allSatisfy(item -> assertThat(item.categories()).containsExactly(planted.get(item.itemId())));
        assertThat(catalogue).filteredOn(item -> !item.available()).isNotEmpty();
        assertThat(catalogue).filteredOn(CatalogueItem::recommendable).hasSizeGreaterThan(catalogue.size() * 9 / 10);
        assertThat(catalogue).allSatisfy(item -> assertThat(item.updatedAt()).isEqualTo(Instant.parse("2026-11-21T00:00:00Z")));
    }

    @Test
    void a_diginetica_import_reads_the_item_categories_beside_the_views_an_item_in_several_in_all() throws Exception {
        Path views = dir.resolve("train-item-views.csv");
        Files.writeString(views, "session_id;user_id;item_id;timeframe;eventdate\n1;NA;81766;526309;2016-05-09\n");
        DatasetImporter importer = new DatasetImporter(DatasetImporter.Format.DIGINETICA);
        Instant asOf = Instant.parse("2016-06-01T00:00:00Z");
        assertThat(importer.readCatalogue(views, asOf)).isEmpty();

        Files.writeString(dir.resolve(DatasetImporter.DIGINETICA_CATEGORIES), "itemId;categoryId\n81766;12\n81766;7\n5;12\nbroken\n");

        assertThat(importer.readCatalogue(views, asOf)).hasValueSatisfying(items -> assertThat(items).containsExactly(
                new CatalogueItem("81766", Set.of("12", "7"), true, false, asOf),
                new CatalogueItem("5", Set.of("12"), true, false, asOf)));
    }
}
