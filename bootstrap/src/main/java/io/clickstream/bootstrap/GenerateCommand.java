package io.clickstream.bootstrap;

import io.clickstream.generator.ClickstreamGenerator;
import io.clickstream.generator.GenerationSummary;
import io.clickstream.generator.GeneratorSettings;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pipeline generate}: reproducible synthetic shop traffic (access logs and search events). */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write reproducible synthetic shop traffic: access logs under DIR/access, search events under "
                + "DIR/search, the planted ground truth under DIR/catalog, the shop's catalogue CSV as DIR/catalogue/catalogue.csv "
                + "and counts in DIR/summary.json.")
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--events", required = true, paramLabel = "N", description = "Access-log lines to write.")
    long events;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--days", defaultValue = "7", paramLabel = "D", description = "Days of traffic (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--last-day", paramLabel = "YYYY-MM-DD", description = "Last day of traffic (default 2026-11-21).")
    LocalDate lastDay;

    @Override
    public Integer call() throws java.io.IOException {
        GeneratorSettings settings = GeneratorSettings.defaults(events, seed).withDays(days);
        if (lastDay != null) {
            settings = settings.withLastDay(lastDay);
        }
        long started = System.nanoTime();
        ClickstreamGenerator generator = new ClickstreamGenerator(settings);
        GenerationSummary summary = generator.generate(out);
        Path catalogue = CatalogueFiles.write(out, generator.catalogue());
        double seconds = (System.nanoTime() - started) / 1e9;
        spec.commandLine().getOut().printf("wrote %d access-log lines (%d malformed, %d bot) and %d search events to %s in %.1f s%n",
                summary.accessLog().lines(), summary.accessLog().malformedLines(), summary.accessLog().botLines(),
                summary.searchEvents().total(), out.toAbsolutePath(), seconds);
        spec.commandLine().getOut().printf("wrote the shop's catalogue to %s (drop it into %s to collect it)%n", catalogue,
                io.clickstream.domain.LakeLayout.catalogueDrops().key());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
