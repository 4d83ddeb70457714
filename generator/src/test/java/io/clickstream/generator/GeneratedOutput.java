package io.clickstream.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads a generator output back the way a downstream parser would, independently of the generator's code: the
 * combined/common log regex, a strict date parser and the URL contract of the weblog source's default rules.
 */
final class GeneratedOutput {
    /** Common, combined, or combined plus one quoted session field; anchored at both ends. */
    static final Pattern LINE = Pattern.compile("^(\\S+) (\\S+) (\\S+) \\[([^\\]]+)\\] \"([^\"]*)\" (\\d{3}) (\\d+|-)"
            + "(?: \"([^\"]*)\" \"([^\"]*)\"(?: \"([^\"]*)\")?)?$");
    static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("dd/MMM/uuuu:HH:mm:ss Z", Locale.ENGLISH)
            .withResolverStyle(ResolverStyle.STRICT);
    static final Pattern VIEW = Pattern.compile("^/product/(i\\d+)(\\?ref=search&q=[^&\\s]+)?$");
    static final Pattern CART = Pattern.compile("^/cart/add\\?item=(i\\d+)$");
    static final Pattern PURCHASE = Pattern.compile("^/checkout/complete\\?item=(i\\d+)&order=(o-[0-9a-f]{12})$");
    static final Pattern SEARCH = Pattern.compile("^/search\\?q=([^&\\s]+)$");

    /** One access-log line; for a malformed one only {@code raw} and {@code file} are set. */
    record Line(String file, String raw, boolean wellFormed, String address, String user, Instant time,
                String method, String target, int status, String referer, String agent, String session,
                String format, String eventType, String item) {
    }

    final Path dir;
    final List<Line> lines = new ArrayList<>();
    final Map<String, List<Line>> linesByFile = new LinkedHashMap<>();
    final List<JsonNode> searchEvents = new ArrayList<>();
    final Map<String, String> categoryOfItem = new HashMap<>();
    final Map<String, List<String>> nextItems = new HashMap<>();
    final Map<String, List<String>> preferences = new HashMap<>();
    final JsonNode summary;

    GeneratedOutput(Path dir) throws IOException {
        this.dir = dir;
        ObjectMapper mapper = new ObjectMapper();
        summary = mapper.readTree(dir.resolve("summary.json").toFile());
        for (JsonNode file : summary.at("/access_log/files")) {
            String name = file.get("name").asText();
            List<Line> fileLines = new ArrayList<>();
            for (String raw : rawLines(dir.resolve("access").resolve(name))) {
                Line line = parse(name, raw);
                fileLines.add(line);
                lines.add(line);
            }
            linesByFile.put(name, fileLines);
        }
        for (String json : Files.readAllLines(dir.resolve("search/search-events.jsonl"), StandardCharsets.UTF_8)) {
            searchEvents.add(mapper.readTree(json));
        }
        List<String> items = Files.readAllLines(dir.resolve("catalog/items.csv"));
        for (String row : items.subList(1, items.size())) {
            String[] f = row.split(",");
            categoryOfItem.put(f[0], f[1]);
            nextItems.put(f[0], Arrays.asList(f[3].split(" ")));
        }
        List<String> users = Files.readAllLines(dir.resolve("catalog/users.csv"));
        for (String row : users.subList(1, users.size())) {
            String[] f = row.split(",");
            preferences.put(f[0], Arrays.asList(f[1].split("\\|")));
        }
    }

    /** Lines as the bytes on disk (Latin-1 keeps every byte as one char), gzip undone, without line feeds. */
    static List<String> rawLines(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = file.toString().endsWith(".gz") ? new GZIPInputStream(in).readAllBytes() : in.readAllBytes();
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        List<String> out = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1); // after the last line feed
        }
        return out;
    }

    static Line parse(String file, String raw) {
        Matcher m = LINE.matcher(raw);
        if (!m.matches()) {
            return malformed(file, raw);
        }
        Instant time;
        try {
            time = ZonedDateTime.parse(m.group(4), LOG_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return malformed(file, raw);
        }
        String request = m.group(5);
        String method = null;
        String target = null;
        if (!request.equals("-")) {
            String[] parts = request.split(" ");
            if (parts.length != 3 || !parts[2].startsWith("HTTP/")) {
                return malformed(file, raw);
            }
            method = parts[0];
            target = parts[1];
        }
        String format = m.group(8) == null ? "common" : m.group(10) == null ? "combined" : "combined_session";
        String session = m.group(10) == null || m.group(10).equals("-") ? null : m.group(10);
        String eventType = null;
        String item = null;
        if ("GET".equals(method)) {
            for (Map.Entry<String, Pattern> rule : Map.of("view", VIEW, "cart", CART, "purchase", PURCHASE,
                    "search", SEARCH).entrySet()) {
                Matcher u = rule.getValue().matcher(target);
                if (u.matches()) {
                    eventType = rule.getKey();
                    item = rule.getKey().equals("search") ? null : u.group(1);
                }
            }
        }
        return new Line(file, raw, true, m.group(1), m.group(3).equals("-") ? null : m.group(3), time, method,
                target, Integer.parseInt(m.group(6)), m.group(8), m.group(9), session, format, eventType, item);
    }

    private static Line malformed(String file, String raw) {
        return new Line(file, raw, false, null, null, null, null, null, 0, null, null, null, null, null, null);
    }
}
