package io.clickstream.generator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The shop behind the traffic and its planted structure: items in categories with Zipf-like popularity, a few
 * planted "next" items per item, and registered users with preferred categories, a home address and a browser.
 */
final class Catalog {
    static final int NEXT_ITEMS = 3;
    /** How often a planted transition goes to next item 0, 1 and 2 (cumulative). */
    private static final double[] NEXT_CUMULATIVE = {0.55, 0.85, 1.0};
    private static final double ITEM_ZIPF = 1.0;
    private static final double USER_ZIPF = 0.9;

    private final int categoryCount;
    private final String[] itemIds;
    private final int[] categoryOfItem;
    private final int[] popularityRank;
    private final int[][] itemsByCategory;          // each category's items, most popular first
    private final double[][] categoryItemCumulative; // cumulative popularity within the category
    private final double[] categoryCumulative;
    private final int[][] nextItems;

    private final String[] userIds;
    private final int[][] userPreferences;
    private final double[] userCumulative;
    private final String[] userAddresses;
    private final String[] userAgents;

    Catalog(GeneratorSettings settings, SplittableRandom rng) {
        categoryCount = settings.categories();
        int items = settings.items();
        itemIds = new String[items];
        for (int i = 0; i < items; i++) {
            itemIds[i] = "i" + (1000 + i);
        }
        categoryCumulative = cumulative(zipfWeights(categoryCount, 0.5));
        categoryOfItem = new int[items];
        for (int i = 0; i < items; i++) {
            // every category gets at least five items, the rest follow the category weights
            categoryOfItem[i] = i < 5 * categoryCount ? i % categoryCount : sample(categoryCumulative, rng);
        }
        popularityRank = shuffledRanks(items, rng);
        double[] itemWeight = new double[items];
        for (int i = 0; i < items; i++) {
            itemWeight[i] = 1.0 / StrictMath.pow(popularityRank[i], ITEM_ZIPF);
        }
        itemsByCategory = bucketByCategoryInRankOrder(items);
        categoryItemCumulative = new double[categoryCount][];
        for (int c = 0; c < categoryCount; c++) {
            int[] members = itemsByCategory[c];
            double[] weights = new double[members.length];
            for (int k = 0; k < members.length; k++) {
                weights[k] = itemWeight[members[k]];
            }
            categoryItemCumulative[c] = cumulative(weights);
        }
        nextItems = new int[items][];
        for (int i = 0; i < items; i++) {
            nextItems[i] = plantNextItems(i, rng);
        }

        int users = settings.users();
        userIds = new String[users];
        userPreferences = new int[users][];
        userAddresses = new String[users];
        userAgents = new String[users];
        for (int u = 0; u < users; u++) {
            userIds[u] = "u" + (100 + u);
            userPreferences[u] = distinctCategories(2 + (rng.nextInt(10) < 4 ? 1 : 0), rng);
            userAddresses[u] = Vocabulary.randomAddress(rng);
            userAgents[u] = Vocabulary.pick(rng, Vocabulary.HUMAN_AGENTS);
        }
        int[] userRanks = shuffledRanks(users, rng);
        double[] activity = new double[users];
        for (int u = 0; u < users; u++) {
            activity[u] = 1.0 / StrictMath.pow(userRanks[u], USER_ZIPF);
        }
        userCumulative = cumulative(activity);
    }

    private int[][] bucketByCategoryInRankOrder(int items) {
        int[] itemAtRank = new int[items];
        int[] sizes = new int[categoryCount];
        for (int i = 0; i < items; i++) {
            itemAtRank[popularityRank[i] - 1] = i;
            sizes[categoryOfItem[i]]++;
        }
        int[][] buckets = new int[categoryCount][];
        for (int c = 0; c < categoryCount; c++) {
            buckets[c] = new int[sizes[c]];
        }
        int[] filled = new int[categoryCount];
        for (int item : itemAtRank) {
            int c = categoryOfItem[item];
            buckets[c][filled[c]++] = item;
        }
        return buckets;
    }

    /** Two popular neighbours from the item's own category and one from a complementary category. */
    private int[] plantNextItems(int item, SplittableRandom rng) {
        int category = categoryOfItem[item];
        int complement = (category + 1 + category % 3) % categoryCount;
        int[] next = new int[NEXT_ITEMS];
        for (int k = 0; k < NEXT_ITEMS; k++) {
            int from = k < 2 ? category : complement;
            int candidate;
            int attempts = 0;
            do {
                candidate = popularItemIn(from, rng);
                attempts++;
            } while (attempts < 50 && (candidate == item || contains(next, k, candidate)));
            if (candidate == item || contains(next, k, candidate)) {
                candidate = firstOther(item, next, k);
            }
            next[k] = candidate;
        }
        return next;
    }

    private int firstOther(int item, int[] chosen, int count) {
        for (int i = 0; i < itemIds.length; i++) {
            if (i != item && !contains(chosen, count, i)) {
                return i;
            }
        }
        throw new IllegalStateException("catalogue too small to plant next items");
    }

    private int[] distinctCategories(int count, SplittableRandom rng) {
        int[] chosen = new int[Math.min(count, categoryCount)];
        for (int k = 0; k < chosen.length; k++) {
            int c;
            do {
                c = sample(categoryCumulative, rng);
            } while (contains(chosen, k, c));
            chosen[k] = c;
        }
        return chosen;
    }

    int itemCount() {
        return itemIds.length;
    }

    int categoryCount() {
        return categoryCount;
    }

    int userCount() {
        return userIds.length;
    }

    String itemId(int item) {
        return itemIds[item];
    }

    String userId(int user) {
        return userIds[user];
    }

    int categoryOf(int item) {
        return categoryOfItem[item];
    }

    int[] nextItems(int item) {
        return nextItems[item];
    }

    int[] preferences(int user) {
        return userPreferences[user];
    }

    String address(int user) {
        return userAddresses[user];
    }

    String agent(int user) {
        return userAgents[user];
    }

    int sampleUser(SplittableRandom rng) {
        return sample(userCumulative, rng);
    }

    int sampleCategory(SplittableRandom rng) {
        return sample(categoryCumulative, rng);
    }

    /** An item of the category, drawn by popularity. */
    int popularItemIn(int category, SplittableRandom rng) {
        return itemsByCategory[category][sample(categoryItemCumulative[category], rng)];
    }

    int plantedNext(int item, SplittableRandom rng) {
        return nextItems[item][sample(NEXT_CUMULATIVE, rng)];
    }

    /**
     * The item a search engine ranks at a 1-based position for a query in a category: the category's popular items,
     * shifted by the query so different queries show different (overlapping) result pages.
     */
    int searchResult(int category, String query, int position) {
        int[] ranked = itemsByCategory[category];
        int shift = Math.floorMod(query.hashCode(), Math.max(1, Math.min(5, ranked.length - 10)));
        return ranked[Math.min(shift + position - 1, ranked.length - 1)];
    }

    /** A search query for the category: mostly "adjective category", sometimes longer, a few with non-ASCII. */
    String query(int category, SplittableRandom rng) {
        String name = Vocabulary.categoryName(category);
        int shape = rng.nextInt(100);
        String query;
        if (shape < 20) {
            query = name;
        } else if (shape < 90) {
            query = Vocabulary.pick(rng, Vocabulary.ADJECTIVES) + " " + name;
        } else {
            query = Vocabulary.pick(rng, Vocabulary.ADJECTIVES) + " " + Vocabulary.pick(rng, Vocabulary.ADJECTIVES)
                    + " " + name;
        }
        if (rng.nextInt(100) < 3) {
            query = query + " " + Vocabulary.pick(rng, Vocabulary.UNICODE_WORDS);
        }
        return query;
    }

    /** Writes the planted structure as ground truth for tests and model evaluation. */
    void writeGroundTruth(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("items.csv"), StandardCharsets.UTF_8)) {
            out.write("item_id,category,popularity_rank,next_items\n");
            for (int i = 0; i < itemIds.length; i++) {
                StringBuilder next = new StringBuilder();
                for (int n : nextItems[i]) {
                    next.append(next.length() == 0 ? "" : " ").append(itemIds[n]);
                }
                out.write(itemIds[i] + "," + Vocabulary.categoryName(categoryOfItem[i]) + "," + popularityRank[i]
                        + "," + next + "\n");
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("users.csv"), StandardCharsets.UTF_8)) {
            out.write("user_id,preferred_categories\n");
            for (int u = 0; u < userIds.length; u++) {
                StringBuilder prefs = new StringBuilder();
                for (int c : userPreferences[u]) {
                    prefs.append(prefs.length() == 0 ? "" : "|").append(Vocabulary.categoryName(c));
                }
                out.write(userIds[u] + "," + prefs + "\n");
            }
        }
    }

    /**
     * The shop's catalogue as of the start of {@code asOf}: each item in its category, one in fifty sold out and one in
     * two hundred hidden (drawn from {@code rng}), so that serving's filters have something to leave out.
     */
    java.util.List<io.clickstream.domain.CatalogueItem> catalogue(java.time.Instant asOf, SplittableRandom rng) {
        java.util.List<io.clickstream.domain.CatalogueItem> items = new java.util.ArrayList<>(itemIds.length);
        for (int i = 0; i < itemIds.length; i++) {
            items.add(new io.clickstream.domain.CatalogueItem(itemIds[i],
                    java.util.Set.of(Vocabulary.categoryName(categoryOfItem[i])), rng.nextInt(50) != 0,
                    rng.nextInt(200) == 0, asOf));
        }
        return items;
    }

    static int sample(double[] cumulative, SplittableRandom rng) {
        double r = rng.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, r);
        i = i >= 0 ? i + 1 : -i - 1;
        return Math.min(i, cumulative.length - 1);
    }

    private static double[] cumulative(double[] weights) {
        double[] out = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            out[i] = sum;
        }
        return out;
    }

    private static double[] zipfWeights(int n, double exponent) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 1.0 / StrictMath.pow(i + 1, exponent);
        }
        return w;
    }

    /** Ranks 1..n in random order (Fisher-Yates), so popularity is not tied to the id. */
    private static int[] shuffledRanks(int n, SplittableRandom rng) {
        int[] ranks = new int[n];
        for (int i = 0; i < n; i++) {
            ranks[i] = i + 1;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = ranks[i];
            ranks[i] = ranks[j];
            ranks[j] = t;
        }
        return ranks;
    }

    private static boolean contains(int[] values, int count, int value) {
        for (int i = 0; i < count; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }
}
