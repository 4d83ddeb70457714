package io.clickstream.generator;

import io.clickstream.domain.InvalidParameterException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What to generate: how many access-log lines, from which seed, over which days, for a shop of what size.
 *
 * @param events     exact number of access-log lines to write (events, noise, bot traffic and malformed lines)
 * @param seed       the random seed; same seed and settings give byte-identical output
 * @param days       how many UTC days the traffic spans, ending with {@code lastDay}; one log file per day
 * @param lastDay    the last day of traffic (UTC); a fixed default so output never depends on the wall clock
 * @param items      catalogue size
 * @param users      registered users (anonymous visitors come on top)
 * @param categories item categories
 */
public record GeneratorSettings(long events, long seed, int days, LocalDate lastDay, int items, int users,
                                int categories) {
    public static final LocalDate DEFAULT_LAST_DAY = LocalDate.of(2026, 11, 21);
    public static final int DEFAULT_DAYS = 7;
    public static final int DEFAULT_CATEGORIES = 20;
    public static final int MAX_DAYS = 366;

    public GeneratorSettings {
        Objects.requireNonNull(lastDay, "lastDay");
        if (events < 1) {
            throw new InvalidParameterException("events", "must be at least 1, was " + events);
        }
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidParameterException("days", "must be between 1 and " + MAX_DAYS + ", was " + days);
        }
        if (categories < 2 || categories > 1000) {
            throw new InvalidParameterException("categories", "must be between 2 and 1000, was " + categories);
        }
        if (items < 5 * categories || items > 10_000_000) {
            throw new InvalidParameterException("items", "must be between 5 per category (" + 5 * categories
                    + ") and 10000000, was " + items);
        }
        if (users < 1 || users > 10_000_000) {
            throw new InvalidParameterException("users", "must be between 1 and 10000000, was " + users);
        }
    }

    /**
     * Defaults for a number of lines: 7 days ending {@link #DEFAULT_LAST_DAY}, 20 categories, and a shop that grows
     * with the traffic (about one registered user per 200 lines and one item per 500, within sensible bounds) so
     * that users return and items recur at every size.
     */
    public static GeneratorSettings defaults(long events, long seed) {
        int users = (int) Math.max(50, Math.min(50_000, events / 200));
        int items = (int) Math.max(200, Math.min(20_000, events / 500));
        return new GeneratorSettings(events, seed, DEFAULT_DAYS, DEFAULT_LAST_DAY, items, users, DEFAULT_CATEGORIES);
    }

    public GeneratorSettings withDays(int newDays) {
        return new GeneratorSettings(events, seed, newDays, lastDay, items, users, categories);
    }

    public GeneratorSettings withLastDay(LocalDate newLastDay) {
        return new GeneratorSettings(events, seed, days, newLastDay, items, users, categories);
    }

    public GeneratorSettings withItems(int newItems) {
        return new GeneratorSettings(events, seed, days, lastDay, newItems, users, categories);
    }

    public GeneratorSettings withUsers(int newUsers) {
        return new GeneratorSettings(events, seed, days, lastDay, items, newUsers, categories);
    }

    public GeneratorSettings withCategories(int newCategories) {
        return new GeneratorSettings(events, seed, days, lastDay, items, users, newCategories);
    }

    public LocalDate firstDay() {
        return lastDay.minusDays(days - 1L);
    }

    /** Start of the first day, inclusive. */
    public Instant start() {
        return firstDay().atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Midnight after the last day, exclusive: every generated timestamp is before it. */
    public Instant end() {
        return lastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
