package io.clickstream.adapter.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Reads event documents from a Solr collection or core through {@code /select} with JSON answers: a filter query
 * selects what lies after the position and {@code cursorMark} pages through it in (timestamp, id) order. Needs the
 * timestamp as a date field and the id as the collection's unique key (a cursor's last sort field).
 */
final class SolrReader implements EngineReader {

    private final ResilientJsonHttp http;
    private final String collection;
    private final String collectionPath;
    private final String idField;
    private final String timestampField;


    /** Documents ordered by ({@code timestampField}, {@code idField}): events, or products by their last update. */
    SolrReader(ResilientJsonHttp http, String collection, String idField, String timestampField) {
        this.http = http;
        this.collection = collection;
        this.collectionPath = "/" + URLEncoder.encode(collection, StandardCharsets.UTF_8);
        this.idField = idField;
        this.timestampField = timestampField;
    }

    @Override
    public Cursor timedAfter(Instant timestamp, String id, Instant before) {
        String ts = timestampField;
        List<String> filters = new ArrayList<>();
        filters.add(ts + ":[* TO *]");
        if (timestamp != null) {
            String t = quote(timestamp.toString());
            filters.add("(" + ts + ":{" + t + " TO *]) OR (+" + ts + ":" + t + " +" + idField + ":{"
                    + quote(id) + " TO *])");
        }
        if (before != null) {
            filters.add(ts + ":[* TO " + quote(before.toString()) + "}");
        }
        return new SolrCursor(filters, ts + " asc," + idField + " asc", true);
    }

    @Override
    public Cursor untimedAfter(String id) {
        List<String> filters = new ArrayList<>();
        filters.add("*:* -" + timestampField + ":[* TO *]");
        if (id != null) {
            filters.add(idField + ":{" + quote(id) + " TO *]");
        }
        return new SolrCursor(filters, idField + " asc", false);
    }

    /** The number of documents in the collection, for the health check. */
    @Override
    public long count(Duration timeout) throws IOException {
        JsonNode answer = http.getOnce(collectionPath + "/select?q=*:*&rows=0&wt=json", timeout);
        return answer.path("response").path("numFound").asLong();
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private final class SolrCursor implements Cursor {
        private final List<String> filters;
        private final String sort;
        private final boolean timed;
        private String cursorMark = "*";

        SolrCursor(List<String> filters, String sort, boolean timed) {
            this.filters = filters;
            this.sort = sort;
            this.timed = timed;
        }

        @Override
        public List<EngineDocument> next(int size) {
            StringJoiner form = new StringJoiner("&");
            param(form, "q", "*:*");
            filters.forEach(f -> param(form, "fq", "{!lucene}" + f));
            param(form, "sort", sort);
            param(form, "rows", Integer.toString(size));
            param(form, "cursorMark", cursorMark);
            param(form, "wt", "json");
            JsonNode answer = http.post(collectionPath + "/select", "application/x-www-form-urlencoded",
                    form.toString(), SolrReader::incompleteness);
            List<EngineDocument> docs = new ArrayList<>();
            for (JsonNode doc : answer.path("response").path("docs")) {
                docs.add(document((ObjectNode) doc));
            }
            cursorMark = answer.path("nextCursorMark").asText(cursorMark);
            return docs;
        }

        private EngineDocument document(ObjectNode doc) {
            ObjectNode source = doc.deepCopy();
            // Solr's bookkeeping fields (_version_, _root_, ...) are not part of the event and change on re-index.
            for (Iterator<String> names = source.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (name.length() > 1 && name.startsWith("_") && name.endsWith("_")) {
                    names.remove();
                }
            }
            String docId = scalar(doc.get(idField));
            String origin = collection + "/" + docId;
            if (!timed) {
                return new EngineDocument(origin, source, null, docId);
            }
            String ts = scalar(doc.get(timestampField));
            try {
                return new EngineDocument(origin, source, Instant.parse(ts), docId);
            } catch (DateTimeParseException | NullPointerException e) {
                throw new IllegalStateException(http.dependency() + ": field '" + timestampField + "' of "
                        + origin + " is '" + ts + "', not a date; map it as a date field (pdate) and store it", e);
            }
        }
    }

    private static String scalar(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isArray() ? v.path(0).asText() : v.asText();
    }

    private static void param(StringJoiner form, String name, String value) {
        form.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    private static Optional<String> incompleteness(JsonNode answer) {
        JsonNode header = answer.path("responseHeader");
        if (header.path("partialResults").asBoolean(false)) {
            return Optional.of("Solr returned partial results");
        }
        if (header.path("status").asInt(0) != 0) {
            return Optional.of("status " + header.path("status").asInt());
        }
        return Optional.empty();
    }
}
