package io.clickstream.adapter.dl4j;

import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.TrainingDataProvider.TrainingDataset;
import io.clickstream.domain.EventType;
import io.clickstream.domain.InteractionSequence;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.ZonePath;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded generator of shopping sessions with planted structure, so a sequence model has something to find that
 * popularity and last-item co-occurrence miss: items belong to categories and have Zipf-skewed popularity; each
 * session has an intent category; the next item is usually one of the current item's few likely successors (a
 * direction, not a symmetric co-occurrence), otherwise an item of the session's intent, sometimes any popular item.
 */
final class PlantedSessions {
    private final int items;
    private final int categories;
    private final Random random;
    private final int[] category;
    private final double[] popularity;
    private final int[][] successors;
    private final List<List<Integer>> byCategory = new ArrayList<>();
    private final String prefix;

    PlantedSessions(int items, int categories, long seed) {
        this(items, categories, seed, "i");
    }

    /** Item ids are {@code prefix + number}, so two catalogs can share some items and not others. */
    PlantedSessions(int items, int categories, long seed, String prefix) {
        this.items = items;
        this.categories = categories;
        this.prefix = prefix;
        this.random = new Random(seed);
        this.category = new int[items];
        this.popularity = new double[items];
        this.successors = new int[items][];
        for (int c = 0; c < categories; c++) {
            byCategory.add(new ArrayList<>());
        }
        List<Integer> ranks = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            ranks.add(i);
        }
        java.util.Collections.shuffle(ranks, random);
        for (int i = 0; i < items; i++) {
            category[i] = random.nextInt(categories);
            byCategory.get(category[i]).add(i);
            popularity[i] = 1.0 / (1 + ranks.get(i));
        }
        for (int i = 0; i < items; i++) {
            List<Integer> same = byCategory.get(category[i]);
            successors[i] = new int[3];
            for (int s = 0; s < 3; s++) {
                int next;
                do {
                    next = random.nextDouble() < 0.8 && same.size() > 1 ? same.get(random.nextInt(same.size())) : random.nextInt(items);
                } while (next == i);
                successors[i][s] = next;
            }
        }
    }

    String id(int item) {
        return prefix + item;
    }

    /** {@code count} sessions starting one minute apart from {@code start}, oldest first. */
    List<InteractionSequence> sessions(int count, Instant start, double meanLength) {
        List<InteractionSequence> out = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            int intent = random.nextInt(categories);
            int length = 2 + (int) Math.min(18, -Math.log(1 - random.nextDouble()) * (meanLength - 2));
            long t = start.toEpochMilli() + s * 60_000L;
            List<InteractionSequence.Step> steps = new ArrayList<>(length);
            int current = pick(byCategory.get(intent).isEmpty() ? allItems() : byCategory.get(intent));
            for (int p = 0; p < length; p++) {
                steps.add(new InteractionSequence.Step(id(current), type(), Instant.ofEpochMilli(t)));
                t += 5_000 + random.nextInt(55_000);
                double r = random.nextDouble();
                if (r < 0.6) {
                    double which = random.nextDouble();
                    current = successors[current][which < 0.55 ? 0 : which < 0.85 ? 1 : 2];
                } else if (r < 0.85 && !byCategory.get(intent).isEmpty()) {
                    current = pick(byCategory.get(intent));
                } else {
                    current = pick(allItems());
                }
            }
            out.add(new InteractionSequence("s" + prefix + start.toEpochMilli() / 1000 + "-" + s, s % 7 == 0 ? "u" + s % 97 : null, steps));
        }
        return out;
    }

    /**
     * Writes a dataset as the Spark preparation does: {@code train.tsv}, {@code holdout.tsv} (the newest
     * {@code holdoutShare} of the sessions), {@code vocabulary.tsv} counted on the training part, {@code dataset.json}.
     */
    static TrainingDataset write(DataLake lake, String datasetId, List<InteractionSequence> sessions, double holdoutShare) {
        ZonePath dir = LakeLayout.dataset(datasetId);
        int cut = (int) Math.round(sessions.size() * (1 - holdoutShare));
        List<InteractionSequence> train = sessions.subList(0, cut);
        List<InteractionSequence> holdout = sessions.subList(cut, sessions.size());
        lake.write(dir.resolve("train.tsv"), lines(train));
        lake.write(dir.resolve("holdout.tsv"), lines(holdout));
        // Logged-in users: each holdout session as the history of a user, for the leave-last-out evaluation.
        List<InteractionSequence> users = new java.util.ArrayList<>();
        for (int u = 0; u < holdout.size(); u++) {
            users.add(new InteractionSequence("user-" + u, "user-" + u, holdout.get(u).steps()));
        }
        lake.write(dir.resolve("users.tsv"), lines(users));
        Map<String, Long> counts = new HashMap<>();
        train.forEach(s -> s.steps().forEach(step -> counts.merge(step.itemId(), 1L, Long::sum)));
        StringBuilder vocab = new StringBuilder();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> vocab.append(e.getKey()).append('\t').append(e.getValue()).append('\n'));
        lake.write(dir.resolve("vocabulary.tsv"), vocab.toString().getBytes(StandardCharsets.UTF_8));
        Instant first = sessions.get(0).start();
        Instant last = sessions.get(sessions.size() - 1).steps().get(sessions.get(sessions.size() - 1).steps().size() - 1).time();
        lake.write(dir.resolve("dataset.json"), ("{\"datasetId\":\"" + datasetId + "\",\"windowStart\":\"" + first
                + "\",\"windowEnd\":\"" + last + "\",\"partitions\":[\"dt=2026-01-01\"]}").getBytes(StandardCharsets.UTF_8));
        return new TrainingDataset(dir.name(), dir, first, last, train.size(), holdout.size(), counts.size(), List.of("dt=2026-01-01"));
    }

    private static DataLake.ContentWriter lines(List<InteractionSequence> sessions) {
        return out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            for (InteractionSequence s : sessions) {
                w.write(s.toLine());
                w.write('\n');
            }
            w.flush();
        };
    }

    private List<Integer> all;

    private List<Integer> allItems() {
        if (all == null) {
            all = new ArrayList<>();
            for (int i = 0; i < items; i++) {
                all.add(i);
            }
            all.sort(Comparator.naturalOrder());
        }
        return all;
    }

    private final Map<List<Integer>, double[]> cumulative = new java.util.IdentityHashMap<>();

    private int pick(List<Integer> candidates) {
        double[] c = cumulative.computeIfAbsent(candidates, list -> {
            double[] sums = new double[list.size()];
            double total = 0;
            for (int i = 0; i < list.size(); i++) {
                total += popularity[list.get(i)];
                sums[i] = total;
            }
            return sums;
        });
        double r = random.nextDouble() * c[c.length - 1];
        int at = java.util.Arrays.binarySearch(c, r);
        return candidates.get(Math.min(candidates.size() - 1, at >= 0 ? at : -at - 1));
    }

    private EventType type() {
        double r = random.nextDouble();
        return r < 0.85 ? EventType.VIEW : r < 0.97 ? EventType.CART : EventType.PURCHASE;
    }
}
