package io.clickstream.bench;

import io.clickstream.domain.ModelFile;
import io.clickstream.bootstrap.PipelineComponent;
import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.generator.GeneratorSettings;
import io.clickstream.bootstrap.config.PipelineConfig;
import io.clickstream.domain.Job;
import io.clickstream.domain.ZonePath;
import io.clickstream.domain.ModelMetrics;
import io.clickstream.lake.ModelMetadataJson;
import io.clickstream.lake.ModelMetadata;
import io.clickstream.domain.JobState;
import io.clickstream.domain.JobType;
import io.clickstream.domain.LakeLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code pipeline bench train}: generated traffic through ingest and stage into a fresh lake, then the train step as
 * the pipeline runs it; prints the trainer's examples/s and every recommender on the holdout (the baselines are judged
 * on the same predictions), for the main catalogue size and then for a larger one.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Generate N events over a catalogue of --items items, ingest and stage them into a fresh lake under "
                + "<data.dir>/bench, train as the pipeline does; print examples/s and every recommender on the holdout. "
                + "Then the same with --large-items items (0 = skip).")
final class BenchTrainCommand implements Callable<Integer> {
    @ParentCommand
    BenchCommand bench;

    @Spec
    CommandSpec spec;

    @Mixin
    GeneratedTraffic traffic;

    @Option(names = "--items", defaultValue = "5000", description = "Catalogue size (default ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--large-items", defaultValue = "50000",
            description = "A second, larger catalogue measured after the first (default ${DEFAULT-VALUE}; 0 = skip).")
    int largeItems;


    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> summary = new LinkedHashMap<>();
        Map<String, String> main = measure(items, out);
        if (main == null) {
            return 1;
        }
        summary.putAll(main);
        if (largeItems > 0) {
            Map<String, String> large = measure(largeItems, out);
            if (large == null) {
                return 1;
            }
            summary.put("large.items", String.valueOf(largeItems));
            large.forEach((k, v) -> summary.put("large." + k, v));
        }
        StringBuilder line = new StringBuilder("summary:");
        summary.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        out.println(line);
        out.flush();
        return 0;
    }

    /** One catalogue size end to end; the summary's keys, or null when a step failed. */
    private Map<String, String> measure(int catalogue, PrintWriter out) throws Exception {
        PipelineConfig base = bench.main.config();
        Path root = base.dataDir().resolve("bench").resolve("train-" + catalogue + "-" + System.currentTimeMillis())
                .toAbsolutePath();
        out.printf("%n== %,d events over %,d items (load average before: %s)%n", traffic.events, catalogue,
                BenchSupport.loadAverage());
        Path logs = BenchSupport.generate(root.resolve("logs"), GeneratorSettings.defaults(traffic.events, traffic.seed).withItems(catalogue),
                out);
        PipelineComponent app = PipelineComponent.create(BenchSupport.freshPipeline(base, root, logs));
        try {
            for (JobType step : List.of(JobType.INGEST, JobType.STAGE)) {
                BenchSupport.TimedJob done = BenchSupport.run(app.jobs(), step);
                BenchSupport.print(out, done);
                if (done.job().state() == JobState.FAILED) {
                    return null;
                }
            }
            BenchSupport.TimedJob trained = BenchSupport.run(app.jobs(), JobType.TRAIN);
            BenchSupport.print(out, trained);
            Job train = trained.job();
            double trainSeconds = trained.seconds();
            if (train.state() != JobState.SUCCEEDED) {
                out.println("train did not produce a model: " + train.message());
                return null;
            }
            ModelMetadata meta = trainedModelMetadata(app, train);
            JsonNode report = meta.details();
            JsonNode training = report.path("training");
            JsonNode refit = training.path("refit");
            double examplesPerSecond = training.path("examplesPerSecond").asDouble();
            out.printf("train step: %.1f s wall (prepare the dataset with Spark, fit, evaluate, refit, write)%n", trainSeconds);
            out.printf("  early-stopped fit: %d epochs (best %d) of %,d examples in %.1f s: %,.0f examples/s; softmax %s%n",
                    training.path("epochsRun").asInt(), training.path("bestEpoch").asInt(),
                    report.path("data").path("fitExamples").asLong(), training.path("seconds").asDouble(), examplesPerSecond,
                    training.path("softmax").asText());
            out.printf("  refit on the whole window: %d epochs of %,d examples in %.1f s: %,.0f examples/s%n",
                    refit.path("epochs").asInt(), refit.path("examples").asLong(), refit.path("seconds").asDouble(),
                    refit.path("examplesPerSecond").asDouble());
            Map<String, ModelMetrics> holdout = meta.holdout();
            out.printf("  holdout (%,d predictions), served: %s%n", meta.metrics().evaluatedPredictions(),
                    report.path("evaluation").path("served").asText());
            printTable(holdout, out);
            JsonNode users = report.path("evaluation").path("usersLeaveLastOut");
            if (users.isObject()) {
                out.printf("  logged-in users, leave-last-out (%,d users whose last event is in the holdout window):%n",
                        users.path("network").path("predictions").asLong());
                Map<String, ModelMetrics> byRecommender = new LinkedHashMap<>();
                users.fields().forEachRemaining(r -> byRecommender.put(r.getKey(), new ModelMetrics(Map.of(
                        ModelMetrics.HR_20, r.getValue().path(ModelMetrics.HR_20).asDouble(),
                        ModelMetrics.MRR_20, r.getValue().path(ModelMetrics.MRR_20).asDouble(),
                        ModelMetrics.NDCG_10, r.getValue().path(ModelMetrics.NDCG_10).asDouble()),
                        r.getValue().path("predictions").asLong())));
                printTable(byRecommender, out);
            }
            out.flush();
            Map<String, String> keys = new LinkedHashMap<>();
            keys.put("examples.per.second", String.valueOf(Math.round(examplesPerSecond)));
            keys.put("seconds", String.format("%.1f", trainSeconds));
            for (String recommender : List.of("network", "session-knn")) {
                for (String metric : List.of("HR@20", "MRR@20")) {
                    keys.put(recommender + "." + metric, String.format("%.4f",
                            holdout.getOrDefault(recommender, ModelMetrics.none()).get(metric).orElse(0.0)));
                }
            }
            return keys;
        } finally {
            app.jobs().shutdown(Duration.ofSeconds(5));
            app.lifecycle().close();
            out.printf("load average after: %s%n", BenchSupport.loadAverage());
            if (!traffic.keep) {
                BenchSupport.deleteTree(root);
            }
        }
    }

    private static void printTable(Map<String, ModelMetrics> byRecommender, PrintWriter out) {
        byRecommender.forEach((name, m) -> out.printf("    %-26s HR@20 %.4f  MRR@20 %.4f  NDCG@10 %.4f%n", name,
                m.get(ModelMetrics.HR_20).orElse(0.0), m.get(ModelMetrics.MRR_20).orElse(0.0),
                m.get(ModelMetrics.NDCG_10).orElse(0.0)));
    }

    /** The metadata of the version a train job's message names ("trained candidate <version> ..."). */
    private ModelMetadata trainedModelMetadata(PipelineComponent app, Job train) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("trained candidate (\\S+)").matcher(train.message());
        if (!m.find()) {
            throw new IllegalStateException("the train job's message names no version: " + train.message());
        }
        ZonePath metadata = ModelFile.METADATA.of(m.group(1));
        return ModelMetadataJson.read(app.lake().read(metadata).orElseThrow(), metadata.toString());
    }
}
