package io.clickstream.adapter.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickstream.application.port.out.ClickstreamSource;
import io.clickstream.domain.ClickstreamRecord;
import io.clickstream.domain.EventId;
import io.clickstream.domain.EventType;
import io.clickstream.domain.Interaction;
import io.clickstream.domain.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The generator's search-event log as a clickstream source (what the search-engine collector yields, without an
 * engine): one record per JSON line, the line kept as {@code raw}; the checkpoint is the number of lines read.
 */
final class GeneratedSearchSource implements ClickstreamSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    GeneratedSearchSource(Path file) {
        this.file = file;
    }

    @Override
    public String id() {
        return "search-generated";
    }

    @Override
    public Source source() {
        return Source.SEARCH;
    }

    @Override
    public Chunk collect(Optional<String> checkpoint, int maxRecords) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            int from = checkpoint.map(Integer::parseInt).orElse(0);
            int to = Math.min(lines.size(), from + maxRecords);
            List<ClickstreamRecord> records = new ArrayList<>();
            for (String line : lines.subList(from, to)) {
                records.add(record(line));
            }
            return new Chunk(records, List.of(), to - from, 0, Integer.toString(to), to == lines.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ClickstreamRecord record(String line) throws IOException {
        JsonNode doc = JSON.readTree(line);
        boolean click = doc.get("event").asText().equals("click");
        Interaction i = new Interaction(EventId.of(Source.SEARCH, line), Instant.parse(doc.get("timestamp").asText()),
                Source.SEARCH, click ? EventType.SEARCH_CLICK : EventType.SEARCH, text(doc, "user_id"),
                text(doc, "session_id"), click ? text(doc, "item_id") : null, text(doc, "query"));
        return new ClickstreamRecord(i, line);
    }

    private static String text(JsonNode doc, String field) {
        JsonNode v = doc.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
