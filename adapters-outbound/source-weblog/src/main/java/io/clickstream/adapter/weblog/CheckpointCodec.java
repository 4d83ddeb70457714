package io.clickstream.adapter.weblog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.domain.InvalidParameterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checkpoint's JSON: {@code {"format":1,"files":[{"path","fileKey","headLength","headSha256","offset",
 * "lines"}]}}, written with a fixed field order so the same state always gives the same text.
 */
final class CheckpointCodec {

    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointCodec() {
    }

    static List<FileCursor> read(Optional<String> checkpoint) {
        if (checkpoint.isEmpty() || checkpoint.get().isBlank()) {
            return List.of();
        }
        try {
            JsonNode root = JSON.readTree(checkpoint.get());
            if (root == null || root.path("format").asInt() != FORMAT || !root.path("files").isArray()) {
                throw bad("not a weblog checkpoint of format " + FORMAT);
            }
            List<FileCursor> cursors = new ArrayList<>();
            for (JsonNode f : root.get("files")) {
                if (!f.path("path").isTextual() || !f.path("headSha256").isTextual() || !f.path("offset").canConvertToLong()
                        || f.path("offset").asLong() < 0 || f.path("headLength").asInt(-1) < 0) {
                    throw bad("file entry " + f + " lacks path, headSha256, headLength or offset");
                }
                cursors.add(new FileCursor(f.get("path").asText(),
                        f.path("fileKey").isTextual() ? f.get("fileKey").asText() : null,
                        f.get("headLength").asInt(), f.get("headSha256").asText(), f.get("offset").asLong(),
                        f.path("lines").asLong(0)));
            }
            return cursors;
        } catch (JsonProcessingException e) {
            throw bad("not JSON: " + e.getOriginalMessage());
        }
    }

    static String write(List<FileCursor> cursors) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        ArrayNode files = root.putArray("files");
        for (FileCursor c : cursors) {
            ObjectNode f = files.addObject();
            f.put("path", c.path());
            if (c.fileKey() != null) {
                f.put("fileKey", c.fileKey());
            }
            f.put("headLength", c.headLength());
            f.put("headSha256", c.headHash());
            f.put("offset", c.offset());
            f.put("lines", c.lines());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static InvalidParameterException bad(String why) {
        return new InvalidParameterException("checkpoint", "the stored weblog checkpoint is unusable (" + why
                + "); delete landing/_checkpoints/<id>.json to read every log again");
    }
}
