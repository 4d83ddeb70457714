package io.clickstream.adapter.dl4j;

import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.ModelMetrics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The session-based recommendation literature's protocol on a public train/test split in the session-rec layout
 * (tab-separated {@code SessionId, ItemId, Time} with a header, Time in unix seconds): train on the training file as the
 * pipeline trains (early stopping on its newest sessions, then a refit on all of it), then let every prefix of every
 * test session predict the next item, items unseen in training dropped, full ranking over the training catalogue;
 * every recommender scored on the same predictions.
 */
public final class SessionRecEvaluation {
    private final Dl4jTrainingSettings settings;

    public SessionRecEvaluation(Dl4jTrainingSettings settings) {
        this.settings = settings;
    }

    /** Every recommender's metrics on the test file, the served choice, and the training figures. */
    public record Result(Map<String, ModelMetrics> test, String served, int trainingExamples, int bestEpoch,
                         double examplesPerSecond, double seconds) {
    }

    public Result run(Path trainFile, Path testFile) {
        long start = System.nanoTime();
        Map<String, List<String[]>> trainRows = read(trainFile);
        Map<String, Long> counts = new HashMap<>();
        trainRows.values().forEach(rows -> rows.forEach(r -> counts.merge(r[0], 1L, Long::sum)));
        List<String> items = new ArrayList<>(counts.keySet());
        items.sort(null);
        long[] itemCounts = items.stream().mapToLong(counts::get).toArray();
        Vocabulary vocabulary = new Vocabulary(items, itemCounts);
        int v = vocabulary.size();
        EncodedSequences train = encode(trainRows, vocabulary, false);
        EncodedSequences test = encode(read(testFile), vocabulary, true);
        EncodedSequences[] split = train.splitByTime(settings.validationFraction());
        int length = settings.sequenceLength();
        NetworkTraining training = new NetworkTraining(settings, JobMonitor.none());
        TrainingExamples fitExamples = new TrainingExamples(split[0], length);
        NetworkTraining.Fit fit = training.fitWithEarlyStopping(vocabulary, fitExamples, split[1], Optional.empty(), 0, 0.5);
        SessionKnn fitKnn = SessionKnn.build(split[0], v, settings.knnNeighbours(), settings.knnSampleSize());
        ServedVariant served = ServedVariant.choose(new Evaluator(length).network(fit.weights(), false)
                .sessionKnn(fitKnn, false, settings.blendWeights())
                .evaluate(split[1], v, settings.validationMaxPredictions()), settings.blendWeights());
        TrainingExamples all = new TrainingExamples(train, length);
        NetworkWeights weights = settings.refitFullWindow()
                ? training.refit(vocabulary, all, fit.bestEpoch(), Optional.empty(), 0.5, 1) : fit.weights();
        SessionKnn knn = SessionKnn.build(train, v, settings.knnNeighbours(), settings.knnSampleSize());
        Map<String, ModelMetrics> onTest = new Evaluator(length).network(weights, false)
                .sessionKnn(knn, true, settings.blendWeights())
                .itemKnn(knn)
                .mostPopular(vocabulary.withCounts(train.itemCounts(v)).byPopularity())
                .evaluate(test, v, Integer.MAX_VALUE);
        return new Result(onTest, served.name(), fitExamples.size(), fit.bestEpoch(), fit.examplesPerSecond(fitExamples.size()),
                (System.nanoTime() - start) / 1e9);
    }

    /** Rows per session id, in file order: {itemId, time}. */
    private static Map<String, List<String[]>> read(Path file) {
        Map<String, List<String[]>> sessions = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new IllegalArgumentException(file + " is empty");
            }
            List<String> columns = Arrays.asList(header.split("\t"));
            int session = columns.indexOf("SessionId");
            int item = columns.indexOf("ItemId");
            int time = columns.indexOf("Time");
            if (session < 0 || item < 0 || time < 0) {
                throw new IllegalArgumentException(file + ": the header must name SessionId, ItemId and Time (tab-separated), "
                        + "found '" + header + "'");
            }
            String line;
            long lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length < columns.size()) {
                    throw new IllegalArgumentException(file + " line " + lineNo + ": " + f.length + " fields, "
                            + columns.size() + " expected");
                }
                sessions.computeIfAbsent(f[session], k -> new ArrayList<>()).add(new String[] {f[item], f[time]});
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return sessions;
    }

    private static EncodedSequences encode(Map<String, List<String[]>> sessions, Vocabulary vocabulary, boolean dropUnknown) {
        EncodedSequences.Builder builder = new EncodedSequences.Builder();
        for (List<String[]> rows : sessions.values()) {
            rows.sort((a, b) -> Double.compare(Double.parseDouble(a[1]), Double.parseDouble(b[1])));
            List<Integer> encoded = new ArrayList<>(rows.size());
            for (String[] r : rows) {
                int index = vocabulary.indexOf(r[0]);
                if (!(dropUnknown && index == Vocabulary.UNKNOWN)) {
                    encoded.add(index);
                }
            }
            if (!encoded.isEmpty()) {
                builder.addItems(encoded, (long) (Double.parseDouble(rows.get(0)[1]) * 1000));
            }
        }
        return builder.build();
    }
}
