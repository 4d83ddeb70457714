package io.clickstream.adapter.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.application.port.out.LandingFormat.PublishedManifest;
import java.io.UncheckedIOException;

/**
 * {@code landing/_published/<batchId>.json}: one line,
 * {@code {"batchId", "batch", "topic", "messages", "partitions": [{"partition", "firstOffset", "lastOffset"}], "publishedAt"}}.
 */
final class PublishedManifestJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PublishedManifestJson() {
    }

    static byte[] encode(PublishedManifest manifest) {
        ObjectNode node = JSON.createObjectNode().put("batchId", manifest.batchId()).put("batch", manifest.batch().key())
                .put("topic", manifest.receipt().topic()).put("messages", manifest.receipt().messages());
        ArrayNode partitions = node.putArray("partitions");
        manifest.receipt().partitions().forEach(p -> partitions.addObject().put("partition", p.partition())
                .put("firstOffset", p.firstOffset()).put("lastOffset", p.lastOffset()));
        node.put("publishedAt", manifest.publishedAt().toString());
        try {
            return (JSON.writeValueAsString(node) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
