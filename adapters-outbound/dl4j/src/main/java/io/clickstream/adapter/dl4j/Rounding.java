package io.clickstream.adapter.dl4j;

/** Figures written to metadata and reports keep six decimals: enough for any metric, short enough to read. */
final class Rounding {
    private Rounding() {
    }

    static double micro(double x) {
        return Math.round(x * 1e6) / 1e6;
    }
}
