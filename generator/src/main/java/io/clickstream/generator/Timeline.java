package io.clickstream.generator;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Maps the share of traffic already generated (0..1) to a time, so that visits follow a daily rhythm (quiet at
 * night, busiest in the evening, a little more at weekends) and the whole budget fits between the first day's start
 * and the last day's end.
 */
final class Timeline {
    private static final long MINUTE_MS = 60_000L;

    private final long startMs;
    private final double[] cumulative; // traffic density per minute of the window, cumulative

    Timeline(GeneratorSettings settings) {
        this.startMs = settings.start().toEpochMilli();
        // visits start early enough to end before midnight of the last day
        long windowMs = settings.end().toEpochMilli() - startMs - TrafficPlanner.MAX_VISIT_MS - 1000;
        int minutes = (int) (windowMs / MINUTE_MS);
        cumulative = new double[minutes];
        double sum = 0;
        for (int m = 0; m < minutes; m++) {
            sum += density(startMs + m * MINUTE_MS);
            cumulative[m] = sum;
        }
    }

    /** The time at which the given share of the traffic has been reached. */
    long timeAt(double share) {
        double target = share * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, target);
        int minute = i >= 0 ? i : -i - 1;
        minute = Math.min(minute, cumulative.length - 1);
        double before = minute == 0 ? 0 : cumulative[minute - 1];
        double within = (target - before) / (cumulative[minute] - before);
        return startMs + minute * MINUTE_MS + (long) (Math.max(0, Math.min(1, within)) * (MINUTE_MS - 1));
    }

    private static double density(long ms) {
        Instant at = Instant.ofEpochMilli(ms);
        double hour = (ms % 86_400_000L) / 3_600_000.0;
        double daily = 1 + 0.7 * StrictMath.cos(2 * StrictMath.PI * (hour - 20) / 24);
        DayOfWeek day = LocalDate.ofInstant(at, ZoneOffset.UTC).getDayOfWeek();
        return daily * (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY ? 1.2 : 1.0);
    }
}
