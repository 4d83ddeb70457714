package io.clickstream.adapter.dl4j;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * What a version serves: the network refit on the whole window (holdout included) with the epochs early stopping
 * chose, or, without a refit, the evaluated fit itself; and the sequences its popularity and session index come from.
 *
 * @param refit what the refit did, for the metadata
 */
record ServedFit(NetworkWeights weights, EncodedSequences sequences, ObjectNode refit) {

    static ServedFit of(TrainingSplit data, NetworkTraining.Fit evaluated, NetworkTraining trainer,
                        Optional<NetworkTraining.Parent> parent, Dl4jTrainingSettings settings) {
        ObjectNode refit = JsonNodeFactory.instance.objectNode().put("enabled", settings.refitFullWindow());
        if (!settings.refitFullWindow()) {
            return new ServedFit(evaluated.weights(), data.fit(), refit);
        }
        EncodedSequences all = EncodedSequences.concat(data.fit(), data.validation(), data.holdout());
        TrainingExamples examples = new TrainingExamples(all, settings.sequenceLength());
        long start = System.nanoTime();
        NetworkWeights weights = trainer.refit(data.vocabulary(), examples, evaluated.bestEpoch(), parent, 0.7, 0.95);
        double seconds = (System.nanoTime() - start) / 1e9;
        refit.put("epochs", evaluated.bestEpoch()).put("examples", examples.size()).put("seconds", Rounding.micro(seconds))
                .put("examplesPerSecond", Rounding.micro(examples.size() * (double) evaluated.bestEpoch() / seconds));
        return new ServedFit(weights, all, refit);
    }
}
