package io.clickstream.adapter.dl4j;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Past sessions indexed by item, for the two neighbourhood recommenders: session-kNN (sessions similar to the current
 * one, the recent items weighted more, as session-rec's V-SKNN) and item-kNN (co-occurrence cosine with the last
 * item). Immutable; scoring is safe from many threads when each brings its own {@link Scratch}.
 */
final class SessionKnn {
    private static final int MAGIC = 0x43534b4e; // "CSKN"

    private final int vocabulary;
    private final int neighbours;
    private final int sampleSize;
    private final int[] sessionOffsets; // sessions newest first; distinct known items of each
    private final int[] sessionItems;
    private final float[] sessionNorm;
    private final int[] itemOffsets;    // per item, the sessions holding it, newest first
    private final int[] itemSessions;

    private SessionKnn(int vocabulary, int neighbours, int sampleSize, int[] sessionOffsets, int[] sessionItems) {
        this.vocabulary = vocabulary;
        this.neighbours = neighbours;
        this.sampleSize = sampleSize;
        this.sessionOffsets = sessionOffsets;
        this.sessionItems = sessionItems;
        int sessions = sessionOffsets.length - 1;
        this.sessionNorm = new float[sessions];
        this.itemOffsets = new int[vocabulary + 1];
        for (int s = 0; s < sessions; s++) {
            sessionNorm[s] = (float) (1 / Math.sqrt(sessionOffsets[s + 1] - sessionOffsets[s]));
            for (int p = sessionOffsets[s]; p < sessionOffsets[s + 1]; p++) {
                itemOffsets[sessionItems[p] + 1]++;
            }
        }
        for (int i = 0; i < vocabulary; i++) {
            itemOffsets[i + 1] += itemOffsets[i];
        }
        this.itemSessions = new int[sessionItems.length];
        int[] fill = Arrays.copyOf(itemOffsets, vocabulary);
        for (int s = 0; s < sessions; s++) {
            for (int p = sessionOffsets[s]; p < sessionOffsets[s + 1]; p++) {
                itemSessions[fill[sessionItems[p]]++] = s;
            }
        }
    }

    /** Indexes the sequences' distinct known items, newest sequence first. */
    static SessionKnn build(EncodedSequences sequences, int vocabulary, int neighbours, int sampleSize) {
        Integer[] order = new Integer[sequences.count()];
        for (int s = 0; s < order.length; s++) {
            order[s] = s;
        }
        Arrays.sort(order, (a, b) -> Long.compare(sequences.startMillis(b), sequences.startMillis(a)));
        int[] mark = new int[vocabulary];
        int[] offsets = new int[order.length + 1];
        int[] items = new int[sequences.events()];
        int sessions = 0;
        int n = 0;
        int[] all = sequences.items();
        for (int s : order) {
            int begin = n;
            for (int p = sequences.start(s); p < sequences.end(s); p++) {
                int item = all[p];
                if (item >= Vocabulary.FIRST_ITEM && mark[item] != sessions + 1) {
                    mark[item] = sessions + 1;
                    items[n++] = item;
                }
            }
            if (n > begin) {
                offsets[++sessions] = n;
            }
        }
        return new SessionKnn(vocabulary, neighbours, sampleSize, Arrays.copyOf(offsets, sessions + 1), Arrays.copyOf(items, n));
    }

    int sessions() {
        return sessionOffsets.length - 1;
    }

    Scratch newScratch(int maxQuery) {
        return new Scratch(sessions(), vocabulary, Math.min(sessionItems.length, maxQuery * sampleSize), neighbours);
    }

    /**
     * Session-kNN scores of every item for the query {@code items[from..from+n)} (newest last) into
     * {@code scratch.scores}, the best at 1; returns how many items got a score (listed in {@code scratch.touched}).
     * Call {@link Scratch#clear} before the next query.
     */
    int score(int[] items, int from, int n, Scratch scratch) {
        float[] sim = scratch.sessionSim;
        int candidates = 0;
        for (int t = 0; t < n; t++) {
            int item = items[from + t];
            if (item < Vocabulary.FIRST_ITEM || item >= vocabulary) {
                continue;
            }
            float weight = (float) (t + 1) / n;
            int end = Math.min(itemOffsets[item + 1], itemOffsets[item] + sampleSize);
            for (int p = itemOffsets[item]; p < end; p++) {
                int s = itemSessions[p];
                if (sim[s] == 0) {
                    if (candidates == scratch.candidates.length) {
                        scratch.candidates = Arrays.copyOf(scratch.candidates, candidates * 2);
                    }
                    scratch.candidates[candidates++] = s;
                }
                sim[s] += weight;
            }
        }
        for (int c = 0; c < candidates; c++) {
            int s = scratch.candidates[c];
            sim[s] *= sessionNorm[s];
        }
        TopK nearest = scratch.nearest.selectAmong(sim, scratch.candidates, candidates, neighbours);
        float[] scores = scratch.scores;
        int touched = 0;
        float max = 0;
        for (int r = 0; r < nearest.size(); r++) {
            int s = nearest.index(r);
            float w = nearest.score(r);
            for (int p = sessionOffsets[s]; p < sessionOffsets[s + 1]; p++) {
                int item = sessionItems[p];
                if (scores[item] == 0) {
                    scratch.touched[touched++] = item;
                }
                scores[item] += w;
                max = Math.max(max, scores[item]);
            }
        }
        for (int c = 0; c < candidates; c++) {
            sim[scratch.candidates[c]] = 0;
        }
        if (max > 0) {
            for (int i = 0; i < touched; i++) {
                scores[scratch.touched[i]] /= max;
            }
        }
        scratch.touchedCount = touched;
        return touched;
    }

    /**
     * Item-kNN scores for the last item: co-occurrence in sessions divided by the square root of both items' session
     * counts (cosine of their session vectors); the item itself is left out. Same scratch protocol as {@link #score}.
     */
    int itemCosine(int item, Scratch scratch) {
        float[] scores = scratch.scores;
        int touched = 0;
        if (item >= Vocabulary.FIRST_ITEM && item < vocabulary) {
            for (int p = itemOffsets[item]; p < itemOffsets[item + 1]; p++) {
                int s = itemSessions[p];
                for (int q = sessionOffsets[s]; q < sessionOffsets[s + 1]; q++) {
                    int other = sessionItems[q];
                    if (other == item) {
                        continue;
                    }
                    if (scores[other] == 0) {
                        scratch.touched[touched++] = other;
                    }
                    scores[other] += 1;
                }
            }
            double own = itemOffsets[item + 1] - itemOffsets[item];
            for (int i = 0; i < touched; i++) {
                int other = scratch.touched[i];
                scores[other] = (float) (scores[other] / Math.sqrt(own * (itemOffsets[other + 1] - itemOffsets[other])));
            }
        }
        scratch.touchedCount = touched;
        return touched;
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(24 + 4 * (sessionOffsets.length + sessionItems.length));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(vocabulary);
            out.writeInt(sessionOffsets.length);
            out.writeInt(sessionItems.length);
            ByteBuffer buf = ByteBuffer.allocate(4 * (sessionOffsets.length + sessionItems.length));
            buf.asIntBuffer().put(sessionOffsets).put(sessionItems);
            out.write(buf.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static SessionKnn fromBytes(byte[] bytes, int neighbours, int sampleSize, String what) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        if (bytes.length < 16 || buf.getInt() != MAGIC) {
            throw new IllegalArgumentException(what + " is not a session index of this recommender");
        }
        int vocabulary = buf.getInt();
        int[] offsets = new int[buf.getInt()];
        int[] items = new int[buf.getInt()];
        if (buf.remaining() != 4L * (offsets.length + items.length)) {
            throw new IllegalArgumentException(what + " is truncated or corrupt");
        }
        buf.asIntBuffer().get(offsets).get(items);
        return new SessionKnn(vocabulary, neighbours, sampleSize, offsets, items);
    }

    /** One thread's working memory for kNN queries. */
    static final class Scratch {
        final float[] sessionSim;
        final float[] scores;
        final int[] touched;
        int touchedCount;
        int[] candidates;
        final TopK nearest;

        Scratch(int sessions, int vocabulary, int candidateHint, int neighbours) {
            sessionSim = new float[sessions];
            scores = new float[vocabulary];
            touched = new int[vocabulary];
            candidates = new int[Math.max(16, candidateHint)];
            nearest = new TopK(neighbours);
        }

        /** Zeroes the scores of the last query. */
        void clear() {
            for (int i = 0; i < touchedCount; i++) {
                scores[touched[i]] = 0;
            }
            touchedCount = 0;
        }
    }
}
