package io.clickstream.generator;

import java.time.LocalDate;

/** Writes access-log lines in the common, combined or combined-plus-session layout, and the timestamps they use. */
final class LineFormatter {
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
            "Nov", "Dec"};
    private static final long DAY_MS = 86_400_000L;

    private final StringBuilder line = new StringBuilder(512);
    private long cachedDay = Long.MIN_VALUE;
    private String logDayPrefix;
    private String isoDayPrefix;

    /** The line for one step of an actor at a time, without line break. */
    String format(Actor actor, Step step, long timeMs) {
        StringBuilder b = line;
        b.setLength(0);
        b.append(actor.address).append(" - ").append(actor.userId == null ? "-" : actor.userId).append(" [");
        appendLogTime(b, timeMs);
        b.append("] \"");
        if (step.method() == null) {
            b.append('-');
        } else {
            b.append(step.method()).append(' ').append(step.target()).append(' ').append(actor.protocol);
        }
        b.append("\" ").append(step.status()).append(' ');
        if (actor.format == LogFormat.COMMON && step.bytes() == 0) {
            b.append('-');
        } else {
            b.append(step.bytes());
        }
        if (actor.format != LogFormat.COMMON) {
            b.append(" \"").append(step.referer() == null ? "-" : step.referer()).append("\" \"").append(actor.agent)
                    .append('"');
        }
        if (actor.format == LogFormat.COMBINED_SESSION) {
            b.append(" \"").append(actor.sessionId == null ? "-" : actor.sessionId).append('"');
        }
        return b.toString();
    }

    /** {@code 21/Nov/2026:10:00:00 +0000}. */
    void appendLogTime(StringBuilder b, long timeMs) {
        prepareDay(timeMs);
        b.append(logDayPrefix);
        appendClock(b, timeMs);
        b.append(" +0000");
    }

    /** {@code 2026-11-21T10:00:00.123Z}: always with milliseconds, unlike {@code Instant.toString()}. */
    String isoTime(long timeMs) {
        prepareDay(timeMs);
        StringBuilder b = new StringBuilder(24).append(isoDayPrefix);
        appendClock(b, timeMs);
        int millis = (int) Math.floorMod(timeMs, 1000L);
        b.append('.').append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                .append((char) ('0' + millis % 10)).append('Z');
        return b.toString();
    }

    private void prepareDay(long timeMs) {
        long day = Math.floorDiv(timeMs, DAY_MS);
        if (day != cachedDay) {
            LocalDate date = LocalDate.ofEpochDay(day);
            logDayPrefix = two(date.getDayOfMonth()) + "/" + MONTHS[date.getMonthValue() - 1] + "/" + date.getYear()
                    + ":";
            isoDayPrefix = date + "T";
            cachedDay = day;
        }
    }

    private static void appendClock(StringBuilder b, long timeMs) {
        int secondOfDay = (int) (Math.floorMod(timeMs, DAY_MS) / 1000);
        b.append(two(secondOfDay / 3600)).append(':').append(two(secondOfDay / 60 % 60)).append(':')
                .append(two(secondOfDay % 60));
    }

    private static String two(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
