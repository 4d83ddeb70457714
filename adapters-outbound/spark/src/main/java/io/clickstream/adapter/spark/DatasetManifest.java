package io.clickstream.adapter.spark;

import io.clickstream.domain.DatasetFile;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * {@code dataset.json}: what a prepared dataset holds and where it came from. Written last, so its presence means the
 * dataset is complete. Holds no wall-clock time, so a re-run on the same data writes the same bytes.
 */
record DatasetManifest(String datasetId, String table, TrainingWindow window, SparkTrainingDataSettings settings,
                       Map<String, Long> counts, Map<String, String> files, List<String> partitions) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("datasetId", datasetId);
        root.put("format", "interaction-sequences/1");
        root.put("table", table);
        root.put("windowStart", window.start().toString());
        root.put("windowEnd", window.end().toString());
        root.put("holdoutStart", window.holdoutStart().toString());
        root.put("window", window.length().toString());
        root.put("holdout", window.holdout().toString());
        root.put("split", "a session goes to the holdout when its first step in the window is at or after "
                + "holdoutStart, else to train; holdout sessions of fewer than 2 steps are left out");
        ObjectNode params = root.putObject("parameters");
        params.put("minSupport", settings.minSupport());
        params.put("maxSequenceLength", settings.maxSequenceLength());
        params.put("userHistories", settings.userHistories());
        params.put("maxUserHistoryLength", settings.maxUserHistoryLength());
        ObjectNode countNode = root.putObject("counts");
        counts.forEach(countNode::put);
        ObjectNode fileNode = root.putObject("files");
        files.forEach(fileNode::put);
        partitions.forEach(root.putArray("partitions")::add);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + DatasetFile.MANIFEST.fileName() + ": " + e.getMessage(), e);
        }
    }
}
