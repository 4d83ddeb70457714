package io.clickstream.adapter.dl4j;

import io.clickstream.domain.EventType;
import io.clickstream.domain.InteractionSequence;
import java.util.Arrays;

/**
 * Interaction sequences mapped to vocabulary indices and packed into flat arrays (about 8 bytes per event), so that a
 * million events need megabytes, not the gigabyte their strings would. Sequence {@code s} occupies positions
 * {@code start(s)} to {@code end(s) - 1} of {@link #items()} and {@link #types()}. Immutable once built.
 */
final class EncodedSequences {
    /** Event type inputs: 0 is padding and "type not known"; the rest one per item event type. */
    static final int TYPE_UNSPECIFIED = 0;
    static final int TYPE_COUNT = 5;

    private final int[] items;
    private final int[] types;
    private final int[] offsets;
    private final long[] startMillis;

    private EncodedSequences(int[] items, int[] types, int[] offsets, long[] startMillis) {
        this.items = items;
        this.types = types;
        this.offsets = offsets;
        this.startMillis = startMillis;
    }

    static EncodedSequences empty() {
        return new EncodedSequences(new int[0], new int[0], new int[] {0}, new long[0]);
    }

    int count() {
        return startMillis.length;
    }

    int events() {
        return offsets[count()];
    }

    int start(int s) {
        return offsets[s];
    }

    int end(int s) {
        return offsets[s + 1];
    }

    long startMillis(int s) {
        return startMillis[s];
    }

    /** Item index per position (shared, do not modify). */
    int[] items() {
        return items;
    }

    /** Event type input per position (shared, do not modify). */
    int[] types() {
        return types;
    }

    static int typeCode(EventType type) {
        return switch (type) {
            case VIEW -> 1;
            case CART -> 2;
            case PURCHASE -> 3;
            case SEARCH_CLICK -> 4;
            case SEARCH -> throw new IllegalArgumentException("a search is not a sequence step");
        };
    }

    /**
     * Splits by start time: sequences starting before the time that leaves {@code newestShare} of them on the
     * newer side form the first part, the rest the second ("last part by time").
     */
    EncodedSequences[] splitByTime(double newestShare) {
        long[] sorted = startMillis.clone();
        Arrays.sort(sorted);
        int cut = (int) Math.floor(sorted.length * (1 - newestShare));
        long threshold = cut >= sorted.length ? Long.MAX_VALUE : sorted[cut];
        Builder older = new Builder();
        Builder newer = new Builder();
        for (int s = 0; s < count(); s++) {
            (startMillis[s] < threshold ? older : newer).addRange(this, s);
        }
        return new EncodedSequences[] {older.build(), newer.build()};
    }

    static EncodedSequences concat(EncodedSequences... parts) {
        Builder b = new Builder();
        for (EncodedSequences p : parts) {
            for (int s = 0; s < p.count(); s++) {
                b.addRange(p, s);
            }
        }
        return b.build();
    }

    /** How often each vocabulary index occurs (index 0 and 1 included). */
    long[] itemCounts(int vocabularySize) {
        long[] counts = new long[vocabularySize];
        for (int i = 0; i < events(); i++) {
            counts[items[i]]++;
        }
        return counts;
    }

    /** Next-item predictions: positions after a sequence's first whose item is known. */
    long predictions() {
        long n = 0;
        for (int s = 0; s < count(); s++) {
            for (int p = start(s) + 1; p < end(s); p++) {
                if (items[p] != Vocabulary.UNKNOWN) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Collects sequences; not thread-safe. */
    static final class Builder {
        private int[] items = new int[1024];
        private int[] types = new int[1024];
        private int[] offsets = new int[257];
        private long[] starts = new long[256];
        private int sequences;
        private int events;

        void add(InteractionSequence sequence, Vocabulary vocabulary) {
            ensure(sequence.steps().size());
            for (InteractionSequence.Step step : sequence.steps()) {
                items[events] = vocabulary.indexOf(step.itemId());
                types[events] = typeCode(step.type());
                events++;
            }
            close(sequence.start().toEpochMilli());
        }

        /** A sequence of item indices of unspecified event type. */
        void addItems(java.util.List<Integer> indices, long startMillis) {
            ensure(indices.size());
            for (int index : indices) {
                items[events] = index;
                types[events] = TYPE_UNSPECIFIED;
                events++;
            }
            close(startMillis);
        }

        void addRange(EncodedSequences from, int s) {
            int n = from.end(s) - from.start(s);
            ensure(n);
            System.arraycopy(from.items, from.start(s), items, events, n);
            System.arraycopy(from.types, from.start(s), types, events, n);
            events += n;
            close(from.startMillis(s));
        }

        private void ensure(int more) {
            if (events + more > items.length) {
                int size = Math.max(items.length * 2, events + more);
                items = Arrays.copyOf(items, size);
                types = Arrays.copyOf(types, size);
            }
            if (sequences + 2 > offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            if (sequences + 1 > starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
        }

        private void close(long startMillis) {
            starts[sequences] = startMillis;
            sequences++;
            offsets[sequences] = events;
        }

        EncodedSequences build() {
            return new EncodedSequences(Arrays.copyOf(items, events), Arrays.copyOf(types, events),
                    Arrays.copyOf(offsets, sequences + 1), Arrays.copyOf(starts, sequences));
        }
    }
}
