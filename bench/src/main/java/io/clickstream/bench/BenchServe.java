package io.clickstream.bench;

import io.clickstream.adapter.csv.CommonsCsvCatalogueFormat;
import io.clickstream.adapter.dl4j.RetrievalCheck;
import io.clickstream.adapter.dl4j.RetrievalSettings;
import io.clickstream.adapter.dl4j.SyntheticModelWriter;
import io.clickstream.application.port.in.PublishModelUseCase;
import io.clickstream.bootstrap.PipelineComponent;
import io.clickstream.domain.CatalogueItem;
import io.clickstream.domain.LakeLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Session recommendations from a synthetic model served over HTTP, measured with {@code wrk} beside {@code GET /health}
 * on the same server in the same run.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Write a synthetic model with planted structure (items in categories, a planted next item, as a "
                + "trained model behaves) at two catalogue sizes into a fresh lake under <data.dir>/bench, serve each on "
                + "a free loopback port and run wrk against GET /health and POST /api/v1/recommendations "
                + "(bench/wrk/recommend.lua); print requests/s, p50 and p99, the recall@20 of the served retrieval against "
                + "exact scoring, and whether the target (p99 <= 10 ms, at least half the /health throughput, recall "
                + ">= 0.98) is met; then the same requests with filters on (excludeSeen and two of four catalogue "
                + "categories, half the items) beside them; end with one summary line. Needs wrk (apt-get install -y wrk).")
final class BenchServe extends HttpBench {
    private static final double TARGET_P99_MS = 10.0;
    private static final double TARGET_RATIO = 0.5;
    private static final double TARGET_RECALL = 0.98;
    private static final int RECALL_SESSIONS = 2_000;
    /** Item n of the bench catalogue is in category q(n % 4); the filtered variant asks for two of them. */
    private static final int BENCH_CATEGORIES = 4;
    private static final String FILTERS = "\"excludeSeen\":true,\"categories\":[\"q0\",\"q1\"]";

    @Option(names = "--items", defaultValue = "20000", description = "Items of the first synthetic model (default ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--large-items", defaultValue = "100000",
            description = "Items of the second synthetic model, measured after the first; 0 skips it (default ${DEFAULT-VALUE}).")
    int largeItems;

    @Option(names = "--category", defaultValue = "100",
            description = "Items per category of the planted model (default ${DEFAULT-VALUE}).")
    int category;

    @Option(names = "--quality", defaultValue = "0.7",
            description = "How strongly the planted network predicts the next item, 0..1 (default ${DEFAULT-VALUE}).")
    double quality;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the weights and of the sessions asked (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--k", defaultValue = "20", description = "Recommendations asked per request (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--access-log", description = "Keep the per-request access log on (INFO to stderr) during the runs.")
    boolean accessLog;

    @Override
    String script() {
        return "recommend.lua";
    }

    @Override
    boolean accessLog() {
        return accessLog;
    }

    @Override
    int run(Served served, PrintWriter out) throws Exception {
        PipelineComponent app = served.app();
        RetrievalSettings retrieval = PipelineComponent.retrievalSettings(served.config());
        List<Integer> sizes = largeItems > 0 ? List.of(items, largeItems) : List.of(items);
        List<Catalogue> catalogues = new ArrayList<>();
        for (int size : sizes) {
            catalogues.add(writeModel(app, served.root(), size, retrieval, out));
        }
        writeCatalogue(app, Collections.max(sizes), out);
        String url = served.start();
        out.printf("serving on %s (access log %s); wrk %s: %s%n", url, accessLog ? "on" : "off", served.wrk(),
                wrkRuns.describe());
        out.flush();

        WrkRuns.Result health = wrkRuns.measureHealth(served.wrk(), url, out);
        List<WrkRuns.Result> unfiltered = new ArrayList<>();
        List<WrkRuns.Result> filtered = new ArrayList<>();
        for (Catalogue c : catalogues) {
            app.publish().promote(new PublishModelUseCase.PromoteModelCommand(c.version(), "bench serve: synthetic model"));
            app.servingModel().refresh();
            if (!app.servingModel().servedVersion().orElse("").equals(c.version())) {
                throw new IllegalStateException("the server did not swap to " + c.version());
            }
            out.printf("%nserving %s (%,d items, retrieval %s)%n", c.version(), c.items(), retrieval.describe(c.items()));
            List<String> recommendArgs = List.of("--", c.itemList().toString(), String.valueOf(k), String.valueOf(seed));
            wrkRuns.warmUp(served.wrk(), url, served.script(), recommendArgs);
            unfiltered.add(wrkRuns.measure(served.wrk(), url, served.script(), recommendArgs, out));
            List<String> filteredArgs = new ArrayList<>(recommendArgs);
            filteredArgs.add(FILTERS);
            out.printf("the same with filters: %s%n", FILTERS);
            wrkRuns.warmUp(served.wrk(), url, served.script(), filteredArgs);
            filtered.add(wrkRuns.measure(served.wrk(), url, served.script(), filteredArgs, out));
        }
        String loadAfter = BenchSupport.loadAverage();

        out.println();
        out.printf("%-40s %12s %10s %10s %10s %8s %14s %10s%n", "endpoint", "requests/s", "p50 ms", "p99 ms", "max ms",
                "errors", "server CPU/req", "recall@20");
        WrkRuns.print(out, "GET /health", health, Double.NaN);
        boolean met = true;
        long errors = health.errors();
        StringBuilder summary = new StringBuilder("summary: health.rps=").append(Math.round(health.perSecond()));
        for (int i = 0; i < catalogues.size(); i++) {
            Catalogue c = catalogues.get(i);
            WrkRuns.Result r = unfiltered.get(i);
            WrkRuns.print(out, String.format("POST recommendations %,d items k=%d", c.items(), k), r, c.recall().recallAt20());
            double ratio = r.perSecond() / health.perSecond();
            boolean ok = r.p99Millis() <= TARGET_P99_MS && ratio >= TARGET_RATIO
                    && c.recall().recallAt20() >= TARGET_RECALL && r.errors() == 0;
            met &= ok;
            errors += r.errors();
            WrkRuns.Result f = filtered.get(i);
            WrkRuns.print(out, "  the same, filtered", f, Double.NaN);
            errors += f.errors();
            out.printf("  %,d items: ratio %.2f, p99 %.2f ms, recall@20 %.4f, index built in %.1f s -> %s%n", c.items(),
                    ratio, r.p99Millis(), c.recall().recallAt20(), c.recall().buildSeconds(), ok ? "met" : "MISSED");
            String prefix = i == 0 ? "" : "large.";
            summary.append(String.format(java.util.Locale.ROOT, " %sitems=%d %sratio=%.2f %sp99.ms=%.2f %srecall=%.4f "
                            + "%srps=%d %sbuild.seconds=%.1f", prefix, c.items(), prefix, ratio, prefix, r.p99Millis(),
                    prefix, c.recall().recallAt20(), prefix, Math.round(r.perSecond()), prefix, c.recall().buildSeconds()));
            summary.append(String.format(java.util.Locale.ROOT, " %sfiltered.rps=%d %sfiltered.p99.ms=%.2f", prefix,
                    Math.round(f.perSecond()), prefix, f.p99Millis()));
        }
        out.printf("target p99 <= %.0f ms, >= %.1fx health, recall@20 >= %.2f at every size: %s%n", TARGET_P99_MS,
                TARGET_RATIO, TARGET_RECALL, met ? "MET" : "MISSED");
        WrkRuns.printMachine(out, served.loadBefore(), loadAfter, errors);
        summary.append(" errors=").append(errors);
        out.println(summary);
        out.flush();
        return errors > 0 ? 1 : 0;
    }

    /** A planted model of {@code size} items in the bench lake, its item list for wrk, and its retrieval's recall. */
    private Catalogue writeModel(PipelineComponent app, Path root, int size, RetrievalSettings retrieval, PrintWriter out)
            throws IOException {
        long t0 = System.nanoTime();
        String version = "bench-" + size + "-" + System.currentTimeMillis();
        new SyntheticModelWriter(app.lake()).write(SyntheticModelWriter.Spec.planted(version, Instant.now(), size, seed,
                quality, "bench-holdout-" + size).withCategories(category));
        Path itemList = root.resolve("items-" + size + ".tsv");
        writeItemList(itemList, size);
        out.printf("wrote synthetic model %s (%,d items in categories of %d, planted next item at strength %.2f) in %.1f s%n",
                version, size, category, quality, BenchSupport.seconds(t0));
        RetrievalCheck.Result recall = retrieval.approximate(size)
                ? RetrievalCheck.measure(app.lake(), version, retrieval, RECALL_SESSIONS, seed)
                : new RetrievalCheck.Result(size, 1.0, 0, 0, "exact", Double.NaN, Double.NaN);
        out.printf("  retrieval %s: recall@20 against exact %.4f over %,d sessions; index built in %.1f s; one request "
                        + "on one thread: %.0f us exact, %.0f us as served%n", retrieval.describe(size), recall.recallAt20(),
                recall.sessions(), recall.buildSeconds(), recall.exactMicros(), recall.approximateMicros());
        out.flush();
        return new Catalogue(version, size, itemList, recall);
    }

    private record Catalogue(String version, int items, Path itemList, RetrievalCheck.Result recall) {
    }

    /**
     * A catalogue of every bench item, all available, item n in category q(n % 4), landed as collection would and
     * applied: the unfiltered runs take their usual path (nothing to leave out), the filtered ones keep half.
     */
    private static void writeCatalogue(PipelineComponent app, int items, PrintWriter out) {
        Instant now = Instant.now();
        List<CatalogueItem> rows = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            rows.add(new CatalogueItem(SyntheticModelWriter.itemId(i), Set.of("q" + i % BENCH_CATEGORIES), true, false, now));
        }
        app.lake().write(LakeLayout.landingCatalogueBatch("bench", "bench-catalogue"),
                o -> new CommonsCsvCatalogueFormat().write(rows, o));
        out.printf("catalogue: %,d items in %d categories, applied %,d rows%n", items, BENCH_CATEGORIES,
                app.catalogue().refresh());
    }

    private static void writeItemList(Path file, int items) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder sb = new StringBuilder(items * 12);
        for (int i = 0; i < items; i++) {
            sb.append(SyntheticModelWriter.itemId(i)).append('\t').append(items - i).append('\n');
        }
        Files.writeString(file, sb);
    }

}
