package io.clickstream.adapter.weblog;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/** Parses the access log's {@code [%t]} time, {@code dd/MMM/yyyy:HH:mm:ss +hhmm}, without a formatter per line. */
final class LogTimestamps {

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};
    private static final int LENGTH = "21/Nov/2026:10:00:00 +0000".length();

    // Consecutive lines nearly always share the date: remember the last one's epoch day.
    private int lastYear = -1;
    private int lastMonth = -1;
    private int lastDay = -1;
    private long lastEpochDay;

    Instant parse(String s, int from, int to) throws MalformedLineException {
        if (to - from != LENGTH || s.charAt(from + 2) != '/' || s.charAt(from + 6) != '/'
                || s.charAt(from + 11) != ':' || s.charAt(from + 14) != ':' || s.charAt(from + 17) != ':'
                || s.charAt(from + 20) != ' ') {
            throw bad(s, from, to, "expected dd/MMM/yyyy:HH:mm:ss +hhmm");
        }
        int day = digits(s, from, 2, from, to);
        int month = month(s, from + 3, from, to);
        int year = digits(s, from + 7, 4, from, to);
        int hour = digits(s, from + 12, 2, from, to);
        int minute = digits(s, from + 15, 2, from, to);
        int second = digits(s, from + 18, 2, from, to);
        char sign = s.charAt(from + 21);
        if (sign != '+' && sign != '-') {
            throw bad(s, from, to, "the zone offset must start with + or -");
        }
        int offHours = digits(s, from + 22, 2, from, to);
        int offMinutes = digits(s, from + 24, 2, from, to);
        if (hour > 23 || minute > 59 || second > 59 || offHours > 18 || offMinutes > 59) {
            throw bad(s, from, to, "time or zone offset out of range");
        }
        long epochDay = epochDay(year, month, day, s, from, to);
        int offset = (offHours * 3600 + offMinutes * 60) * (sign == '-' ? -1 : 1);
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600 + minute * 60 + second - offset);
    }

    private long epochDay(int year, int month, int day, String s, int from, int to) throws MalformedLineException {
        if (year != lastYear || month != lastMonth || day != lastDay) {
            try {
                lastEpochDay = LocalDate.of(year, month, day).toEpochDay();
            } catch (DateTimeException e) {
                throw bad(s, from, to, e.getMessage());
            }
            lastYear = year;
            lastMonth = month;
            lastDay = day;
        }
        return lastEpochDay;
    }

    private static int month(String s, int at, int from, int to) throws MalformedLineException {
        for (int m = 0; m < MONTHS.length; m++) {
            if (s.startsWith(MONTHS[m], at)) {
                return m + 1;
            }
        }
        throw bad(s, from, to, "unknown month '" + s.substring(at, at + 3) + "'");
    }

    private static int digits(String s, int at, int count, int from, int to) throws MalformedLineException {
        int v = 0;
        for (int i = at; i < at + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw bad(s, from, to, "expected a digit at '" + c + "'");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static MalformedLineException bad(String s, int from, int to, String why) {
        return new MalformedLineException("bad timestamp [" + s.substring(from, to) + "]: " + why);
    }
}
