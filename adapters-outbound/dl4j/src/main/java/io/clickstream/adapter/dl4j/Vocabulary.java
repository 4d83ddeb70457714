package io.clickstream.adapter.dl4j;

import io.clickstream.application.port.out.DataLake;
import io.clickstream.domain.ZonePath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The items a model knows, each with a dense index: 0 is padding, 1 stands for every unknown item, and known items
 * follow from 2 in the order of the vocabulary file (most frequent first). Immutable.
 */
final class Vocabulary {
    static final int PADDING = 0;
    static final int UNKNOWN = 1;
    static final int FIRST_ITEM = 2;

    private final String[] items;
    private final long[] counts;
    private final Map<String, Integer> index;

    Vocabulary(List<String> items, long[] counts) {
        if (counts.length != items.size()) {
            throw new IllegalArgumentException("one count per item needed");
        }
        this.items = items.toArray(String[]::new);
        this.counts = counts.clone();
        this.index = new HashMap<>(items.size() * 2);
        for (int i = 0; i < this.items.length; i++) {
            if (index.put(this.items[i], FIRST_ITEM + i) != null) {
                throw new IllegalArgumentException("item '" + this.items[i] + "' appears twice in the vocabulary");
            }
        }
    }

    /**
     * Reads {@code itemId TAB count} lines; items counted fewer than {@code minSupport} times are left out (unknown).
     * A malformed line fails naming the file and the line.
     */
    static Vocabulary read(DataLake lake, ZonePath file, int minSupport) {
        InputStream in = lake.open(file).orElseThrow(() ->
                new IllegalArgumentException("the dataset has no vocabulary: " + file + " is missing"));
        List<String> items = new ArrayList<>();
        long[] counts = new long[1024];
        Map<String, Integer> seen = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                long count;
                try {
                    if (cols.length != 2 || cols[0].isEmpty() || cols[0].chars().anyMatch(Character::isWhitespace)) {
                        throw new IllegalArgumentException("expected 'itemId TAB count'");
                    }
                    count = Long.parseLong(cols[1].trim());
                    if (count < 0) {
                        throw new IllegalArgumentException("negative count " + count);
                    }
                    if (seen.put(cols[0], lineNo) != null) {
                        throw new IllegalArgumentException("item '" + cols[0] + "' already on line " + seen.get(cols[0]));
                    }
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + " line " + lineNo + ": " + reason(e) + ": '" + abbreviate(line) + "'", e);
                }
                if (count >= minSupport) {
                    if (items.size() == counts.length) {
                        counts = Arrays.copyOf(counts, counts.length * 2);
                    }
                    counts[items.size()] = count;
                    items.add(cols[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new Vocabulary(items, Arrays.copyOf(counts, items.size()));
    }

    /** Output classes of the network: every known item plus padding and unknown. */
    int size() {
        return items.length + FIRST_ITEM;
    }

    int knownItems() {
        return items.length;
    }

    /** The index of {@code itemId}, or {@link #UNKNOWN}. */
    int indexOf(String itemId) {
        Integer i = index.get(itemId);
        return i == null ? UNKNOWN : i;
    }

    String item(int index) {
        return items[index - FIRST_ITEM];
    }

    long count(int index) {
        return counts[index - FIRST_ITEM];
    }

    /** The same items in the same order with other counts (popularity of another window). */
    Vocabulary withCounts(long[] itemCounts) {
        return new Vocabulary(Arrays.asList(items), Arrays.copyOfRange(itemCounts, FIRST_ITEM, FIRST_ITEM + items.length));
    }

    /** Known item indices, most counted first (ties: lower index first). */
    int[] byPopularity() {
        return java.util.stream.IntStream.range(FIRST_ITEM, size()).boxed()
                .sorted((a, b) -> counts[b - FIRST_ITEM] != counts[a - FIRST_ITEM]
                        ? Long.compare(counts[b - FIRST_ITEM], counts[a - FIRST_ITEM]) : Integer.compare(a, b))
                .mapToInt(Integer::intValue).toArray();
    }

    byte[] toTsv() {
        StringBuilder sb = new StringBuilder(items.length * 16);
        for (int i = 0; i < items.length; i++) {
            sb.append(items[i]).append('\t').append(counts[i]).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String reason(Exception e) {
        return e instanceof NumberFormatException ? "count is not a whole number" : e.getMessage();
    }

    static String abbreviate(String line) {
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }
}
