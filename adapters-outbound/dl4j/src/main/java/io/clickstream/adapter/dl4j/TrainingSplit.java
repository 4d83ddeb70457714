package io.clickstream.adapter.dl4j;

import io.clickstream.application.port.out.DataLake;
import io.clickstream.domain.DatasetFile;
import io.clickstream.domain.ZonePath;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A prepared dataset read for training: its vocabulary, the training sequences split by time into the fit and the
 * validation slice (early stopping, the blend choice), the holdout, and the fit's next-item examples. Reading it
 * fails, naming the dataset, when it is too small to train and evaluate.
 *
 * @param fitVocabulary the vocabulary with the fit's counts: what the evaluated fit knows of popularity
 */
record TrainingSplit(ZonePath dir, DatasetFiles files, Vocabulary vocabulary, EncodedSequences train,
                     EncodedSequences fit, EncodedSequences validation, EncodedSequences holdout,
                     TrainingExamples examples, Vocabulary fitVocabulary) {

    static TrainingSplit read(DataLake lake, ZonePath dir, Dl4jTrainingSettings settings) {
        Vocabulary vocabulary = Vocabulary.read(lake, DatasetFile.VOCABULARY.in(dir), settings.vocabularyMinSupport());
        if (vocabulary.knownItems() == 0) {
            throw new IllegalArgumentException("dataset " + dir + " is too small to train: its vocabulary has no item with at least "
                    + settings.vocabularyMinSupport() + " interactions");
        }
        DatasetFiles files = new DatasetFiles(lake, dir);
        EncodedSequences train = files.read(DatasetFile.TRAIN.fileName(), vocabulary);
        EncodedSequences holdout = files.read(DatasetFile.HOLDOUT.fileName(), vocabulary);
        EncodedSequences[] split = train.splitByTime(settings.validationFraction());
        TrainingSplit read = new TrainingSplit(dir, files, vocabulary, train, split[0], split[1], holdout,
                new TrainingExamples(split[0], settings.sequenceLength()),
                vocabulary.withCounts(split[0].itemCounts(vocabulary.size())));
        read.requireEnough(settings);
        return read;
    }

    /** Vocabulary slots (known items and the reserved ones). */
    int vocabularySize() {
        return vocabulary.size();
    }

    private void requireEnough(Dl4jTrainingSettings settings) {
        String problem = null;
        if (examples.size() < settings.minTrainingExamples()) {
            problem = "only " + examples.size() + " next-item examples with a known target in " + fit.count()
                    + " training sequences (" + train.count() + " before the validation slice), at least "
                    + settings.minTrainingExamples() + " needed";
        } else if (validation.predictions() == 0) {
            problem = "the validation slice (newest " + settings.validationFraction() + " of " + train.count()
                    + " training sequences) has no next-item prediction with a known item";
        } else if (holdout.predictions() == 0) {
            problem = DatasetFile.HOLDOUT.fileName() + " has no next-item prediction with a known item (" + holdout.count() + " sequences)";
        }
        if (problem != null) {
            throw new IllegalArgumentException("dataset " + dir + " is too small to train and evaluate: " + problem);
        }
    }

    /**
     * Known users' histories whose last event falls in the holdout window, for the leave-last-out protocol of the
     * recommendations for a user: the last known item is predicted from the ones before it, by recommenders that never
     * saw the holdout. Empty when the dataset has no users file or no such user.
     */
    Optional<EncodedSequences> usersLeaveLastOut() {
        if (holdout.count() == 0 || !files.exists(DatasetFile.USERS.fileName())) {
            return Optional.empty();
        }
        long holdoutStart = IntStream.range(0, holdout.count()).mapToLong(holdout::startMillis).min().orElseThrow();
        EncodedSequences.Builder users = new EncodedSequences.Builder();
        files.forEach(DatasetFile.USERS.fileName(), user -> {
            var steps = user.steps();
            if (steps.size() >= 2 && !steps.get(steps.size() - 1).time().isBefore(Instant.ofEpochMilli(holdoutStart))
                    && vocabulary.indexOf(steps.get(steps.size() - 1).itemId()) != Vocabulary.UNKNOWN) {
                users.add(user, vocabulary);
            }
        });
        EncodedSequences result = users.build();
        return result.count() == 0 ? Optional.empty() : Optional.of(result);
    }
}
