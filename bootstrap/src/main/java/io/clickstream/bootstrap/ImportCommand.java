package io.clickstream.bootstrap;

import io.clickstream.generator.DatasetImporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pipeline import}: a public session dataset as access-log lines with the original times. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Turn a public dataset into access-log lines (DIR/access/access.log) so the whole pipeline runs on it: "
                + "session-rec (tab-separated SessionId, ItemId, Time) or diginetica (train-item-views.csv; its "
                + "product-categories.csv beside it, if there, becomes DIR/catalogue/catalogue.csv).")
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--format", required = true, paramLabel = "session-rec|diginetica", description = "Layout of the input file.")
    String format;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "The dataset file.")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder; the log goes to DIR/access.")
    Path out;

    @Override
    public Integer call() throws IOException {
        DatasetImporter.ImportSummary s = new DatasetImporter(DatasetImporter.Format.parse(format)).importFile(in, out);
        spec.commandLine().getOut().printf("wrote %d views of %d sessions (%s .. %s) to %s; %d unreadable rows skipped%n",
                s.views(), s.sessions(), s.first(), s.last(), s.accessLog(), s.skippedRows());
        DatasetImporter importer = new DatasetImporter(DatasetImporter.Format.parse(format));
        java.util.Optional<java.util.List<io.clickstream.domain.CatalogueItem>> catalogue =
                importer.readCatalogue(in, s.last() == null ? java.time.Instant.EPOCH : s.last());
        if (catalogue.isPresent()) {
            Path file = CatalogueFiles.write(out, catalogue.get());
            spec.commandLine().getOut().printf("wrote %d items with their categories from %s to %s%n", catalogue.get().size(),
                    DatasetImporter.DIGINETICA_CATEGORIES, file);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
