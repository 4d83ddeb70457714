package io.clickstream.generator;

import java.time.Instant;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts every line and event as it is written, for the summary. */
final class Tally {
    private final GeneratorSettings settings;
    private final long[] wellFormed = new long[StepKind.values().length];
    private final long[] shopperEvents = new long[StepKind.values().length];
    private final long[] malformed = new long[Corruptor.Damage.values().length];
    private final long[] formats = new long[LogFormat.values().length];
    private long crawlerLines;
    private long highRateLines;
    private long botViews;
    private long lines;
    private long searches;
    private long clicks;
    private Long firstLineMs;
    private long lastLineMs;
    private String firstSearch;
    private String lastSearch;
    private final BitSet users;
    private final BitSet items;
    private final int[] sessionsPerUser;
    private long sessions;
    private long shopperSessions;
    private long anonymousSessions;

    Tally(GeneratorSettings settings) {
        this.settings = settings;
        this.users = new BitSet(settings.users());
        this.items = new BitSet(settings.items());
        this.sessionsPerUser = new int[settings.users()];
    }

    void planned(Actor actor) {
        if (actor.type == Actor.Type.SHOPPER) {
            shopperSessions++;
            if (actor.user < 0) {
                anonymousSessions++;
            }
        }
    }

    void malformedLine(Corruptor.Damage damage, long timeMs) {
        malformed[damage.ordinal()]++;
        line(timeMs);
    }

    void wellFormedLine(Actor actor, Step step, long timeMs) {
        line(timeMs);
        StepKind kind = step.kind();
        wellFormed[kind.ordinal()]++;
        formats[actor.format.ordinal()]++;
        if (kind.isEventLine() && step.item() >= 0) {
            items.set(step.item());
        }
        if (actor.type == Actor.Type.SHOPPER && kind.isEventLine()) {
            shopperEvents[kind.ordinal()]++;
        }
        if (actor.isBot()) {
            if (actor.type == Actor.Type.CRAWLER) {
                crawlerLines++;
            } else {
                highRateLines++;
            }
            if (kind == StepKind.VIEW) {
                botViews++;
            }
        }
        if (actor.user >= 0) {
            users.set(actor.user);
            if (!actor.userSeen) {
                actor.userSeen = true;
                sessionsPerUser[actor.user]++;
            }
        }
        if (actor.format == LogFormat.COMBINED_SESSION && actor.sessionId != null && !actor.sessionSeen) {
            actor.sessionSeen = true;
            sessions++;
        }
    }

    void searchEvent(Step step, String timestamp) {
        if (step.kind() == StepKind.CLICK_EVENT) {
            clicks++;
        } else {
            searches++;
        }
        if (firstSearch == null) {
            firstSearch = timestamp;
        }
        lastSearch = timestamp;
    }

    private void line(long timeMs) {
        lines++;
        if (firstLineMs == null) {
            firstLineMs = timeMs;
        }
        lastLineMs = timeMs;
    }

    GenerationSummary summary(List<AccessLogFiles.FileStats> files, String searchFile) {
        Map<String, Long> events = new LinkedHashMap<>();
        Map<String, Long> shopper = new LinkedHashMap<>();
        Map<String, Long> noise = new LinkedHashMap<>();
        long eventLines = 0;
        long noiseLines = 0;
        for (StepKind kind : StepKind.values()) {
            if (kind.isEventLine()) {
                events.put(kind.label(), wellFormed[kind.ordinal()]);
                shopper.put(kind.label(), shopperEvents[kind.ordinal()]);
                eventLines += wellFormed[kind.ordinal()];
            } else if (kind.isNoiseLine()) {
                noise.put(kind.label(), wellFormed[kind.ordinal()]);
                noiseLines += wellFormed[kind.ordinal()];
            }
        }
        Map<String, Long> damaged = new LinkedHashMap<>();
        long malformedLines = 0;
        for (Corruptor.Damage damage : Corruptor.Damage.values()) {
            damaged.put(damage.label(), malformed[damage.ordinal()]);
            malformedLines += malformed[damage.ordinal()];
        }
        Map<String, Long> bots = new LinkedHashMap<>();
        bots.put("crawler", crawlerLines);
        bots.put("high_rate", highRateLines);
        Map<String, Long> formatCounts = new LinkedHashMap<>();
        for (LogFormat format : LogFormat.values()) {
            formatCounts.put(format.label(), formats[format.ordinal()]);
        }
        List<GenerationSummary.LogFile> logFiles = files.stream()
                .map(f -> new GenerationSummary.LogFile(f.name(), f.day().toString(), f.lines(), iso(f.firstMs()),
                        iso(f.lastMs())))
                .toList();
        long returning = 0;
        for (int count : sessionsPerUser) {
            if (count >= 2) {
                returning++;
            }
        }
        return new GenerationSummary(
                new GenerationSummary.Settings(settings.events(), settings.seed(), settings.days(),
                        settings.firstDay().toString(), settings.lastDay().toString(), settings.items(),
                        settings.users(), settings.categories()),
                new GenerationSummary.AccessLog(lines, eventLines, noiseLines, malformedLines,
                        crawlerLines + highRateLines, botViews, events, shopper, noise, damaged, bots, formatCounts,
                        logFiles),
                new GenerationSummary.SearchEvents(searchFile, searches + clicks, searches, clicks, firstSearch,
                        lastSearch),
                new GenerationSummary.Distinct(users.cardinality(), items.cardinality(), sessions, returning,
                        shopperSessions, anonymousSessions),
                new GenerationSummary.TimeRange(iso(firstLineMs), iso(lastLineMs), settings.end().toString()));
    }

    /** Access-log times have whole seconds, as the log shows them. */
    private static String iso(Long ms) {
        return ms == null ? null : Instant.ofEpochSecond(Math.floorDiv(ms, 1000L)).toString();
    }
}
