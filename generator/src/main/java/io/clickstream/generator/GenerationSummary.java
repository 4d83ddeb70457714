package io.clickstream.generator;

import java.util.List;
import java.util.Map;

/**
 * What a generation run wrote, counted exactly, so tests and benchmarks can check what the pipeline collected
 * downstream. Written as {@code summary.json} (snake_case keys); README.md in this module defines every figure.
 */
public record GenerationSummary(Settings settings, AccessLog accessLog, SearchEvents searchEvents, Distinct distinct,
                                TimeRange timeRange) {

    /** The settings the output was generated from (dates as ISO strings). */
    public record Settings(long events, long seed, int days, String firstDay, String lastDay, int items, int users,
                           int categories) {
    }

    /**
     * Access-log line counts. {@code lines = eventLines + noiseLines + malformedLines}; the maps break those down
     * (every key always present). {@code botLines} and {@code formats} count well-formed lines only.
     */
    public record AccessLog(long lines, long eventLines, long noiseLines, long malformedLines, long botLines,
                            long botViewLines, Map<String, Long> events, Map<String, Long> shopperEvents,
                            Map<String, Long> noise, Map<String, Long> malformed, Map<String, Long> bots,
                            Map<String, Long> formats, List<LogFile> files) {
    }

    /** One access-log file: its name under {@code access/}, the UTC day it covers, its lines and their time span. */
    public record LogFile(String name, String day, long lines, String first, String last) {
    }

    /** The search engine's event log under {@code search/}. */
    public record SearchEvents(String file, long total, long searches, long clicks, String first, String last) {
    }

    /**
     * Distinct values visible in well-formed access-log lines ({@code users}: %u values; {@code items}: items of
     * event lines; {@code sessions}: session-cookie values; {@code returningUsers}: users seen in two or more
     * sessions), plus the shopper sessions planned (some of which log no cookie).
     */
    public record Distinct(long users, long items, long sessions, long returningUsers, long shopperSessions,
                           long anonymousShopperSessions) {
    }

    /** First and last access-log timestamp (ISO-8601 UTC), and the exclusive end of the generated period. */
    public record TimeRange(String first, String last, String end) {
    }
}
