package io.clickstream.bootstrap;

import io.clickstream.adapter.dl4j.SessionRecEvaluation;
import io.clickstream.generator.DatasetImporter;
import io.clickstream.domain.ModelMetrics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pipeline evaluate}: the literature's next-item protocol on a public train/test split, every recommender side by side. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Train the network on a public split as the pipeline trains (train.* settings apply), then let every "
                + "prefix of every test session predict the next item (items unseen in training dropped, full ranking) and "
                + "print HR@20, MRR@20 and NDCG@10 of every recommender.")
final class EvaluateCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Training sessions.")
    Path train;

    @Option(names = "--test", required = true, paramLabel = "FILE", description = "Test sessions.")
    Path test;

    @Option(names = "--format", defaultValue = "session-rec", paramLabel = "session-rec|diginetica",
            description = "Layout of both files, as for import: session-rec (tab-separated SessionId, ItemId, Time with a "
                    + "header) or diginetica.")
    String format;

    @Override
    public Integer call() throws java.io.IOException {
        DatasetImporter reader = new DatasetImporter(DatasetImporter.Format.parse(format));
        PrintWriter out = spec.commandLine().getOut();
        SessionRecEvaluation.Result r = new SessionRecEvaluation(ModelModule.trainingSettings(main.config()))
                .run(reader.readSessions(train), reader.readSessions(test), ModelModule.retrievalSettings(main.config()));
        out.printf("network: early stopping chose epoch %d, %,d training examples at %,.0f examples/s; %.0f s in all%n",
                r.bestEpoch(), r.trainingExamples(), r.examplesPerSecond(), r.seconds());
        out.printf("served (chosen on the validation slice): %s%n%n", r.served());
        out.printf("| recommender | HR@20 | MRR@20 | NDCG@10 | predictions |%n|---|---|---|---|---|%n");
        r.test().forEach((name, m) -> out.printf("| %s%s | %.4f | %.4f | %.4f | %d |%n", name,
                name.equals(r.served()) ? " (served)" : "", value(m, ModelMetrics.HR_20), value(m, ModelMetrics.MRR_20),
                value(m, ModelMetrics.NDCG_10), m.evaluatedPredictions()));
        out.printf("%nserved with approximate retrieval, %s, request by request as the server asks: HR@20 %.4f, MRR@20 %.4f "
                        + "(%d predictions); recall@20 against the exact served top 20: %.4f%n", r.retrieval(),
                value(r.approximate(), ModelMetrics.HR_20), value(r.approximate(), ModelMetrics.MRR_20),
                r.approximate().evaluatedPredictions(), r.recallAt20());
        out.flush();
        return 0;
    }

    private static double value(ModelMetrics m, String metric) {
        return m.get(metric).orElse(0.0);
    }
}
