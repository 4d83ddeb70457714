package io.clickstream.generator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the search engine's event log: one JSON object per line, ready for a bulk load into an index. */
final class SearchEventWriter implements Closeable {
    private final JsonGenerator json;
    private final String idPrefix;
    private long written;

    SearchEventWriter(Path file, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        json = new JsonFactory().createGenerator(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16),
                JsonEncoding.UTF8);
        // one object per line: the line feed is written explicitly, no separator between root values
        json.setRootValueSeparator(null);
        // ids stay unique when outputs of several seeds are loaded into one index
        idPrefix = "se-" + Vocabulary.hex(seed * 0x9E3779B97F4A7C15L, 8) + "-";
    }

    void write(String timestamp, Step step, String userId, String sessionId, String itemId) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", idPrefix + written++);
        json.writeStringField("timestamp", timestamp);
        json.writeStringField("event", step.kind().label());
        json.writeStringField("query", step.query());
        if (userId == null) {
            json.writeNullField("user_id");
        } else {
            json.writeStringField("user_id", userId);
        }
        json.writeStringField("session_id", sessionId);
        if (step.kind() == StepKind.CLICK_EVENT) {
            json.writeStringField("item_id", itemId);
            json.writeNumberField("position", step.position());
        }
        json.writeEndObject();
        json.writeRaw('\n');
    }

    @Override
    public void close() throws IOException {
        json.close();
    }
}
