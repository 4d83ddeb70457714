package io.clickstream.generator;

import io.clickstream.domain.EventType;
import io.clickstream.domain.InteractionSequence;
import io.clickstream.domain.InvalidParameterException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Turns a public session dataset into access-log lines with the original times, so the whole pipeline (ingest,
 * stage, train) runs on real behaviour. Every interaction becomes a product view of its session, in Combined Log
 * Format with the session cookie field, written in time order to {@code <out>/access/access.log}.
 */
public final class DatasetImporter {
    /** The dataset layouts understood. */
    public enum Format {
        /** Tab-separated {@code SessionId, ItemId, Time} (unix seconds) with a header, as used by session-rec. */
        SESSION_REC,
        /** Diginetica's {@code train-item-views.csv}: {@code session_id;user_id;item_id;timeframe;eventdate}. */
        DIGINETICA;

        public static Format parse(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "session-rec" -> SESSION_REC;
                case "diginetica" -> DIGINETICA;
                default -> throw new InvalidParameterException("format", "must be session-rec or diginetica, got '" + name + "'");
            };
        }
    }

    /** What an import produced. */
    public record ImportSummary(long views, long sessions, long skippedRows, Instant first, Instant last, Path accessLog) {
    }

    private static final DateTimeFormatter CLF_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final String AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";

    private record View(Instant time, String session, String user, String item, long order) {
    }

    private final Format format;

    public DatasetImporter(Format format) {
        this.format = format;
    }

    public ImportSummary importFile(Path in, Path outDir) throws IOException {
        List<View> views = new ArrayList<>();
        long skipped = read(in, views);
        views.sort(Comparator.comparing(View::time).thenComparing(View::session).thenComparingLong(View::order));
        Path access = outDir.resolve("access");
        Files.createDirectories(access);
        Path log = access.resolve("access.log");
        Path tmp = access.resolve(".access.log.tmp");
        java.util.Set<String> sessions = new java.util.HashSet<>();
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (View v : views) {
                sessions.add(v.session());
                w.write(line(v));
                w.write('\n');
            }
        }
        Files.move(tmp, log, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return new ImportSummary(views.size(), sessions.size(), skipped, views.isEmpty() ? null : views.get(0).time(),
                views.isEmpty() ? null : views.get(views.size() - 1).time(), log);
    }

    /**
     * The dataset's sessions as they are, without going through access logs: each session's views in time order,
     * sessions in the order of their first view; rows that cannot be read are left out (see {@link #importFile}).
     */
    public List<InteractionSequence> readSessions(Path in) throws IOException {
        List<View> views = new ArrayList<>();
        read(in, views);
        views.sort(Comparator.comparing(View::session).thenComparing(View::time).thenComparingLong(View::order));
        List<InteractionSequence> sessions = new ArrayList<>();
        List<InteractionSequence.Step> steps = new ArrayList<>();
        for (int i = 0; i < views.size(); i++) {
            View v = views.get(i);
            steps.add(new InteractionSequence.Step(v.item(), EventType.VIEW, v.time()));
            if (i == views.size() - 1 || !views.get(i + 1).session().equals(v.session())) {
                sessions.add(new InteractionSequence(v.session(), v.user(), List.copyOf(steps)));
                steps.clear();
            }
        }
        sessions.sort(Comparator.comparing(InteractionSequence::start));
        return sessions;
    }

    /** Diginetica ships item categories in this file beside the views. */
    public static final String DIGINETICA_CATEGORIES = "product-categories.csv";

    /**
     * The item categories that ship beside the dataset file ({@code product-categories.csv}, {@code itemId;categoryId},
     * of Diginetica), as catalogue rows as of {@code asOf}: every item available, an item listed in several categories
     * in all of them. Empty when the file is not there; unreadable rows are left out.
     */
    public java.util.Optional<List<io.clickstream.domain.CatalogueItem>> readCatalogue(Path in, Instant asOf)
            throws IOException {
        Path categories = in.toAbsolutePath().resolveSibling(DIGINETICA_CATEGORIES);
        if (format != Format.DIGINETICA || !Files.isRegularFile(categories)) {
            return java.util.Optional.empty();
        }
        java.util.Map<String, java.util.Set<String>> byItem = new java.util.LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(categories, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || !header.replace("\uFEFF", "").trim().equals("itemId;categoryId")) {
                throw new InvalidParameterException("in", categories + " does not start with the header itemId;categoryId");
            }
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] cells = line.trim().split(";");
                if (cells.length == 2 && !cells[0].isBlank() && !cells[1].isBlank()) {
                    byItem.computeIfAbsent(cells[0].trim(), k -> new java.util.TreeSet<>()).add(cells[1].trim());
                }
            }
        }
        List<io.clickstream.domain.CatalogueItem> items = new ArrayList<>(byItem.size());
        byItem.forEach((item, cats) -> items.add(new io.clickstream.domain.CatalogueItem(item, cats, true, false, asOf)));
        return java.util.Optional.of(items);
    }

    /** Reads every row into {@code views}; returns how many could not be read. */
    private long read(Path in, List<View> views) throws IOException {
        if (!Files.isRegularFile(in)) {
            throw new InvalidParameterException("in", "no such file: " + in);
        }
        long skipped = 0;
        try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw new InvalidParameterException("in", in + " is empty");
            }
            requireHeader(header, in);
            String line;
            long row = 1;
            while ((line = r.readLine()) != null) {
                row++;
                if (line.isBlank()) {
                    continue;
                }
                View v = parse(line, row);
                if (v == null) {
                    skipped++;
                } else {
                    views.add(v);
                }
            }
        }
        return skipped;
    }

    private void requireHeader(String header, Path in) {
        String h = header.replace("\uFEFF", "").trim();
        boolean ok = switch (format) {
            case SESSION_REC -> h.split("\t").length >= 3 && h.toLowerCase(Locale.ROOT).startsWith("sessionid");
            case DIGINETICA -> h.equals("session_id;user_id;item_id;timeframe;eventdate");
        };
        if (!ok) {
            throw new InvalidParameterException("in", in + " does not start with the " + format.name().toLowerCase(Locale.ROOT)
                    + " header; found '" + h + "'");
        }
    }

    /** One row, or null for a row that cannot be read (counted and reported, not silently lost). */
    private View parse(String line, long row) {
        try {
            if (format == Format.DIGINETICA) {
                String[] f = line.split(";", -1);
                if (f.length != 5) {
                    return null;
                }
                Instant time = LocalDate.parse(f[4]).atStartOfDay(ZoneOffset.UTC).toInstant().plusMillis(Long.parseLong(f[3]));
                String user = f[1].isEmpty() || f[1].equals("NA") ? null : "u" + f[1];
                return new View(time, "s-dg" + f[0], user, f[2], row);
            }
            String[] f = line.split("\t", -1);
            if (f.length < 3) {
                return null;
            }
            double seconds = Double.parseDouble(f[2]);
            return new View(Instant.ofEpochMilli((long) (seconds * 1000)), "s-sr" + f[0], null, f[1], row);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String line(View v) {
        // A stable, made-up client address per session: staging keys anonymous sessions by client when needed.
        int h = v.session().hashCode();
        String ip = "10." + ((h >>> 16) & 0xff) + "." + ((h >>> 8) & 0xff) + "." + (h & 0xff);
        return ip + " - " + (v.user() == null ? "-" : v.user()) + " [" + CLF_TIME.format(v.time()) + "] \"GET /product/"
                + v.item() + " HTTP/1.1\" 200 4096 \"-\" \"" + AGENT + "\" \"" + v.session() + "\"";
    }
}
