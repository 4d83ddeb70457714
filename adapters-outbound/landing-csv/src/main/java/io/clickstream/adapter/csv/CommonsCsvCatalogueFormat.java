package io.clickstream.adapter.csv;

import io.clickstream.application.port.out.CatalogueFormat;
import io.clickstream.application.port.out.LandingFormat;
import io.clickstream.domain.CatalogueItem;
import io.clickstream.domain.RejectedCatalogueRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The catalogue CSV ({@link CatalogueFormat}) on Apache Commons CSV: RFC 4180, UTF-8, a header naming the columns in
 * any order, cells escaped against spreadsheet formulas as the landing CSV's are. Each row is checked on its own, so
 * one bad row is rejected with its reason and the others land. Thread-safe and stateless.
 */
public final class CommonsCsvCatalogueFormat implements CatalogueFormat {
    /** Header of the rejected-rows files under {@code landing/_rejected/catalogue/}. */
    public static final List<String> REJECTED_COLUMNS = List.of("origin", "reason", "raw");
    /** Separates an item's categories in the {@code categories} cell. */
    public static final String CATEGORY_SEPARATOR = "|";

    private static final int MAX_ID_LENGTH = 256;
    private static final CSVFormat ROW = CSVFormat.RFC4180;
    private static final CSVFormat WRITE = ROW.builder().setHeader(COLUMNS.toArray(String[]::new)).get();
    private static final CSVFormat REJECTED = ROW.builder().setHeader(REJECTED_COLUMNS.toArray(String[]::new)).get();
    private static final Set<String> REQUIRED = Set.of("item_id", "categories", "available", "updated_at");

    @Override
    public void write(List<CatalogueItem> items, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer, WRITE);
        for (CatalogueItem item : items) {
            printer.printRecord(cell(item.itemId()), cell(String.join(CATEGORY_SEPARATOR, new java.util.TreeSet<>(item.categories()))),
                    item.available(), item.hidden(), item.updatedAt().toString());
        }
        printer.flush();
    }

    @Override
    public void writeRejected(List<RejectedCatalogueRow> rejected, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer, REJECTED);
        for (RejectedCatalogueRow row : rejected) {
            printer.printRecord(cell(row.origin()), cell(row.reason()), cell(row.raw()));
        }
        printer.flush();
    }

    @Override
    public Parsed read(InputStream in, String origin) throws IOException {
        byte[] bytes = in.readAllBytes();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return wholeFile(origin, "the file is not valid UTF-8", bytes.length);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<CatalogueItem> items = new ArrayList<>();
        List<RejectedCatalogueRow> rejected = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(ROW).get()) {
            Iterator<CSVRecord> rows = parser.iterator();
            if (!rows.hasNext()) {
                return wholeFile(origin, "the file is empty: expected a header row " + String.join(",", COLUMNS), 0);
            }
            CSVRecord header = rows.next();
            Map<String, Integer> columns = new java.util.HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                if (columns.put(header.get(i).trim(), i) != null) {
                    return wholeFile(origin, "the header names column '" + header.get(i).trim() + "' twice", bytes.length);
                }
            }
            for (String column : REQUIRED) {
                if (!columns.containsKey(column)) {
                    return wholeFile(origin, "the header " + header.toList() + " lacks the column '" + column
                            + "' (columns: " + String.join(",", COLUMNS) + ")", bytes.length);
                }
            }
            while (true) {
                CSVRecord row;
                try {
                    if (!rows.hasNext()) {
                        break;
                    }
                    row = rows.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    rejected.add(new RejectedCatalogueRow(origin, "not valid CSV after line " + parser.getCurrentLineNumber()
                            + ": " + e.getMessage() + "; the rest of the file is not read", ""));
                    break;
                }
                String raw = ROW.format(row.values());
                try {
                    items.add(item(row, columns, header.size()));
                } catch (IllegalArgumentException e) {
                    rejected.add(new RejectedCatalogueRow(origin, "row " + row.getRecordNumber() + ": " + e.getMessage(), raw));
                }
            }
        }
        return new Parsed(items, rejected);
    }

    private static CatalogueItem item(CSVRecord row, Map<String, Integer> columns, int width) {
        if (row.size() != width) {
            throw new IllegalArgumentException("expected " + width + " cells as in the header, got " + row.size());
        }
        String itemId = id("item_id", value(row, columns, "item_id"));
        Set<String> categories = new LinkedHashSet<>();
        for (String category : value(row, columns, "categories").split(Pattern.quote(CATEGORY_SEPARATOR))) {
            if (!category.isBlank()) {
                categories.add(id("categories", category.trim()));
            }
        }
        boolean available = flag("available", value(row, columns, "available"));
        String hidden = columns.containsKey("hidden") ? value(row, columns, "hidden") : "";
        return new CatalogueItem(itemId, categories, available, !hidden.isEmpty() && flag("hidden", hidden),
                instant(value(row, columns, "updated_at")));
    }

    private static String value(CSVRecord row, Map<String, Integer> columns, String column) {
        return LandingFormat.unescapeCell(row.get(columns.get(column)));
    }

    private static String id(String column, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(column + " must not be empty");
        }
        if (value.codePointCount(0, value.length()) > MAX_ID_LENGTH) {
            throw new IllegalArgumentException(column + " must be at most " + MAX_ID_LENGTH + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(column + " must not contain control characters");
        }
        return value;
    }

    private static boolean flag(String column, String value) {
        return switch (value.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(column + " must be true or false, got '" + value + "'");
        };
    }

    private static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("updated_at must be an ISO-8601 time with an offset such as "
                    + "2026-01-31T12:00:00Z, got '" + value + "'");
        }
    }

    private static Parsed wholeFile(String origin, String reason, int bytes) {
        return new Parsed(List.of(), List.of(new RejectedCatalogueRow(origin, reason + " (" + bytes + " bytes not read)", "")));
    }

    private static String cell(String value) {
        return LandingFormat.escapeCell(value);
    }
}
