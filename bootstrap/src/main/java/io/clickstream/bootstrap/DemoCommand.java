package io.clickstream.bootstrap;

import io.clickstream.generator.ClickstreamGenerator;
import io.clickstream.generator.GeneratorSettings;
import io.clickstream.application.port.in.JobsUseCase.SubmitJobCommand;
import io.clickstream.application.port.out.ModelScorer;
import io.clickstream.application.service.JobService;
import io.clickstream.bootstrap.config.ConfigKeys;
import io.clickstream.bootstrap.config.PipelineConfig;
import io.clickstream.domain.Job;
import io.clickstream.domain.JobState;
import io.clickstream.domain.JobType;
import io.clickstream.domain.Recommendation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code pipeline demo}: the main job on the embedded default. Generates a week of shop traffic (once), runs a full
 * cycle with progress on the terminal, serves recommendations and prints requests to try. A second run reuses what
 * exists: nothing new is ingested, staged or trained, and the published model is served again.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate demo traffic (once), run ingest, stage, train and publish, then serve and print example requests.")
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--events", defaultValue = "100000", description = "Access-log lines of demo traffic (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--no-serve", description = "Stop after the cycle instead of serving.")
    boolean noServe;

    @Mixin
    LogOptions logs;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PipelineConfig base = main.config();
        logs.apply(base, out);
        Path traffic = base.dataDir().resolve("demo-traffic");
        if (!Files.isDirectory(traffic.resolve("access"))) {
            out.printf("generating %,d lines of shop traffic into %s ...%n", events, traffic);
            out.flush();
            new ClickstreamGenerator(GeneratorSettings.defaults(events, 1)).generate(traffic);
        } else {
            out.println("reusing the demo traffic in " + traffic);
        }
        PipelineConfig config = base.find(ConfigKeys.SOURCES_WEBLOG_PATH).isPresent() ? base
                : base.with(Map.of("sources.weblog.path", traffic.resolve("access").toString()));
        PipelineComponent app = PipelineComponent.create(config);
        dropCatalogue(app, GeneratorSettings.defaults(events, 1), out);
        Job cycle = runCycle(app.jobs(), out);
        if (cycle.state() == JobState.FAILED) {
            out.println("the cycle failed: " + cycle.message());
            out.flush();
            app.jobs().shutdown(java.time.Duration.ofSeconds(5));
            app.lifecycle().close();
            return 1;
        }
        if (noServe) {
            app.jobs().shutdown(java.time.Duration.ofSeconds(5));
            app.lifecycle().close();
            return 0;
        }
        ServeCommand.serveUntilStopped(app, config, port -> printExamples(app, config, port, traffic, out));
        return 0;
    }

    /**
     * The demo shop's catalogue (categories, a few items sold out or hidden) dropped into the landing zone once, so the
     * cycle's ingest collects it and serving filters by it.
     */
    private static void dropCatalogue(PipelineComponent app, GeneratorSettings traffic, PrintWriter out) {
        io.clickstream.domain.ZonePath drop = io.clickstream.domain.LakeLayout.catalogueDrops().resolve("demo-shop.csv");
        if (app.lake().exists(drop)) {
            return;
        }
        List<io.clickstream.domain.CatalogueItem> items = new ClickstreamGenerator(traffic).catalogue();
        app.lake().write(drop, o -> new io.clickstream.adapter.csv.CommonsCsvCatalogueFormat().write(items, o));
        out.printf("dropped the shop's catalogue (%,d items) into %s%n", items.size(), drop.key());
    }

    private static Job runCycle(JobService jobs, PrintWriter out) throws InterruptedException {
        Job job = jobs.submit(new SubmitJobCommand(JobType.CYCLE, null));
        String last = "";
        while (!job.state().isTerminal()) {
            Thread.sleep(1000);
            job = jobs.find(job.jobId()).orElseThrow();
            String line = String.format(Locale.ROOT, "cycle %3.0f%%  %s", job.progress() * 100, headline(job.counts()));
            if (!line.equals(last)) {
                out.println(line);
                out.flush();
                last = line;
            }
        }
        out.println("cycle " + job.state().name().toLowerCase(Locale.ROOT) + ": " + job.message());
        out.flush();
        return job;
    }

    /** The counters a person watching wants to see, in pipeline order. */
    private static String headline(Map<String, Long> counts) {
        StringBuilder sb = new StringBuilder();
        for (String key : List.of("ingest.landed", "ingest.published", "stage.read", "stage.staged", "train.epoch",
                "train.examples.trained")) {
            Long v = counts.get(key);
            if (v != null) {
                sb.append(key).append('=').append(v).append("  ");
            }
        }
        return sb.toString().trim();
    }

    private static void printExamples(PipelineComponent app, PipelineConfig config, int port, Path traffic, PrintWriter out) {
        String base = "http://" + config.get(ConfigKeys.HTTP_HOST) + ":" + port;
        String auth = config.find(ConfigKeys.API_TOKEN).map(t -> " -H 'Authorization: Bearer " + t + "'").orElse("");
        out.println();
        out.println("serving " + app.servingModel().servedVersion().map(v -> "model " + v).orElse("no model") + " on " + base);
        out.println("try:");
        out.println("  curl " + base + "/health");
        out.println("  curl " + base + "/api/v1/models/current");
        try {
            ModelScorer scorer = app.servingModel().require();
            List<String> items = scorer.popular(3, Set.of()).stream().map(Recommendation::itemId).toList();
            knownUser(traffic).ifPresent(user ->
                    out.println("  curl '" + base + "/api/v1/recommendations?userId=" + user + "&k=5'"));
            out.println("  curl -X POST " + base + "/api/v1/recommendations -H 'Content-Type: application/json'" + auth
                    + " -d '{\"items\":[\"" + String.join("\",\"", items) + "\"],\"k\":5}'");
            out.println("  curl '" + base + "/api/v1/items/" + items.get(0) + "/similar?k=5'");
            app.catalogue().current().item(items.get(0)).flatMap(i -> i.categories().stream().findFirst()).ifPresent(category ->
                    out.println("  curl -X POST " + base + "/api/v1/recommendations -H 'Content-Type: application/json'" + auth
                            + " -d '{\"items\":[\"" + String.join("\",\"", items) + "\"],\"k\":5,\"excludeSeen\":true,"
                            + "\"categories\":[\"" + category + "\"]}'"));
        } catch (RuntimeException e) {
            out.println("  (no model is served yet: " + e.getMessage() + ")");
        }
        out.println("  curl " + base + "/metrics");
        out.println("stop with Ctrl-C");
        out.flush();
    }

    /** A registered user of the generated traffic (the catalog lists them), for the example request. */
    private static java.util.Optional<String> knownUser(Path traffic) {
        Path users = traffic.resolve("catalog").resolve("users.csv");
        if (!Files.isRegularFile(users)) {
            return java.util.Optional.empty();
        }
        try (Stream<String> lines = Files.lines(users)) {
            return lines.skip(1).map(l -> l.split(",", 2)[0]).filter(s -> s.matches("u\\d+")).findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
