package io.clickstream.adapter.dl4j;

import java.util.Locale;

/**
 * How a served model finds the items worth scoring exactly. Exact retrieval scores the whole catalogue per request;
 * approximate retrieval asks an HNSW graph over the output layer's item vectors for the {@code candidates} best, and
 * scores only those (with the session's own items and, in a blend, the session-kNN neighbours). The trainer's report
 * and the quality gate score through the same retrieval as serving, so its cost in quality is measured where it is
 * judged.
 *
 * @param mode            {@code exact}, {@code approximate}, or {@code auto}: approximate from {@code autoFromItems} items on
 *                        ({@code serving.retrieval}, auto)
 * @param autoFromItems   catalogue size from which {@code auto} retrieves approximately ({@code serving.retrieval.auto.items},
 *                        10000: below it a full pass is about as cheap as a graph search; README, serving)
 * @param candidates      items retrieved per request, at least the k asked plus the excluded ones
 *                        ({@code serving.retrieval.candidates}, 32)
 * @param maxConnections  neighbours per node of the graph, HNSW's M ({@code serving.hnsw.m}, 16)
 * @param beamWidth       candidates kept while linking a node into the graph, HNSW's efConstruction
 *                        ({@code serving.hnsw.beam.width}, 100)
 * @param searchBeam      candidates kept while searching, HNSW's ef, at least {@code candidates}
 *                        ({@code serving.hnsw.search.beam}, 32: README, serving, for the measurement)
 */
public record RetrievalSettings(Mode mode, int autoFromItems, int candidates, int maxConnections, int beamWidth,
                                int searchBeam) {

    public enum Mode {
        EXACT, APPROXIMATE, AUTO;

        /** The mode named {@code name} (any case). */
        public static Mode parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("retrieval mode must be exact, approximate or auto, got '" + name + "'");
            }
        }
    }

    public RetrievalSettings {
        java.util.Objects.requireNonNull(mode, "mode");
        positive(autoFromItems, "serving.retrieval.auto.items");
        positive(candidates, "serving.retrieval.candidates");
        if (maxConnections < 2) {
            throw new IllegalArgumentException("serving.hnsw.m must be at least 2, got " + maxConnections);
        }
        positive(beamWidth, "serving.hnsw.beam.width");
        positive(searchBeam, "serving.hnsw.search.beam");
    }

    public static RetrievalSettings defaults() {
        return new RetrievalSettings(Mode.AUTO, 10_000, 32, 16, 100, 32);
    }

    /** Every request scores the whole catalogue. */
    public static RetrievalSettings exact() {
        return defaults().withMode(Mode.EXACT);
    }

    public RetrievalSettings withMode(Mode newMode) {
        return new RetrievalSettings(newMode, autoFromItems, candidates, maxConnections, beamWidth, searchBeam);
    }

    public RetrievalSettings withCandidates(int count) {
        return new RetrievalSettings(mode, autoFromItems, count, maxConnections, beamWidth, searchBeam);
    }

    public RetrievalSettings withGraph(int m, int beam, int search) {
        return new RetrievalSettings(mode, autoFromItems, candidates, m, beam, search);
    }

    /** Whether a catalogue of {@code items} items is served by approximate retrieval. */
    public boolean approximate(int items) {
        return mode == Mode.APPROXIMATE || (mode == Mode.AUTO && items >= autoFromItems);
    }

    /** For the record: {@code exact}, or {@code approximate (HNSW M=16, ...)}. */
    public String describe(int items) {
        return approximate(items) ? String.format(Locale.ROOT, "approximate (HNSW M=%d, beam %d, search beam %d, %d candidates)",
                maxConnections, beamWidth, searchBeam, candidates) : "exact";
    }

    private static void positive(int value, String key) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be positive, got " + value);
        }
    }
}
