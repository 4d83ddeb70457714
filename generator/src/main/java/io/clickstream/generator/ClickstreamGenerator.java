package io.clickstream.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates reproducible synthetic traffic of an online shop: web-server access logs (with bots and malformed
 * lines), the search engine's event log, the planted ground truth and an exact summary. See README.md for the shape.
 *
 * <p>Streaming: only the visits in progress are held in memory, so the size of the output is not limited by the heap.
 */
public final class ClickstreamGenerator {
    public static final String ACCESS_DIR = "access";
    public static final String SEARCH_FILE = "search/search-events.jsonl";
    public static final String CATALOG_DIR = "catalog";
    public static final String SUMMARY_FILE = "summary.json";
    /** Share of access-log lines written broken. */
    public static final double MALFORMED_SHARE = 0.005;

    private static final Logger LOG = LoggerFactory.getLogger(ClickstreamGenerator.class);
    // independent random streams, so a change in one concern does not reshuffle the others
    private static final long CATALOG_STREAM = 0x5EED_CA7AL;
    private static final long TRAFFIC_STREAM = 0x5EED_7AFFL;
    private static final long DAMAGE_STREAM = 0x5EED_BAD0L;
    private static final long AVAILABILITY_STREAM = 0x5EED_50D0L;

    private final GeneratorSettings settings;

    public ClickstreamGenerator(GeneratorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Writes the output into a directory (created if missing; files of an earlier run are overwritten).
     *
     * @return exact counts of what was written, also saved as {@code summary.json}
     */
    public GenerationSummary generate(Path outDir) throws IOException {
        long started = System.nanoTime();
        Files.createDirectories(outDir);
        Catalog catalog = new Catalog(settings, new SplittableRandom(settings.seed() ^ CATALOG_STREAM));
        catalog.writeGroundTruth(outDir.resolve(CATALOG_DIR));
        Tally tally = new Tally(settings);
        AccessLogFiles logs;
        try (AccessLogFiles files = new AccessLogFiles(outDir.resolve(ACCESS_DIR), settings.firstDay(),
                settings.lastDay());
             SearchEventWriter search = new SearchEventWriter(outDir.resolve(SEARCH_FILE), settings.seed())) {
            logs = files;
            new Run(catalog, tally, files, search).run();
        }
        GenerationSummary summary = tally.summary(logs.files(), SEARCH_FILE);
        writeSummary(summary, outDir.resolve(SUMMARY_FILE));
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.info("generated {} access-log lines and {} search events into {} in {} s ({} lines/s)",
                summary.accessLog().lines(), summary.searchEvents().total(), outDir, String.format("%.2f", seconds),
                Math.round(summary.accessLog().lines() / Math.max(seconds, 1e-9)));
        return summary;
    }

    /**
     * The catalogue of the shop this generator's traffic comes from (same settings, same items and categories), as of
     * the start of the last day, for the catalogue CSV.
     */
    public java.util.List<io.clickstream.domain.CatalogueItem> catalogue() {
        Catalog catalog = new Catalog(settings, new SplittableRandom(settings.seed() ^ CATALOG_STREAM));
        return catalog.catalogue(settings.lastDay().atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
                new SplittableRandom(settings.seed() ^ AVAILABILITY_STREAM));
    }

    private static void writeSummary(GenerationSummary summary, Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT);
        Files.write(file, (mapper.writeValueAsString(summary) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** One pass: plans visits in time order and writes their steps interleaved by time, as a server logs them. */
    private final class Run {
        private final Catalog catalog;
        private final Tally tally;
        private final AccessLogFiles logs;
        private final SearchEventWriter search;
        private final TrafficPlanner planner;
        private final Corruptor corruptor;
        private final Timeline timeline = new Timeline(settings);
        private final LineFormatter formatter = new LineFormatter();
        private final PriorityQueue<Actor> active = new PriorityQueue<>(
                Comparator.comparingLong(Actor::nextTimeMs).thenComparingLong(a -> a.id));
        private long budgetUsed;

        Run(Catalog catalog, Tally tally, AccessLogFiles logs, SearchEventWriter search) {
            this.catalog = catalog;
            this.tally = tally;
            this.logs = logs;
            this.search = search;
            this.planner = new TrafficPlanner(catalog, new SplittableRandom(settings.seed() ^ TRAFFIC_STREAM));
            this.corruptor = new Corruptor(new SplittableRandom(settings.seed() ^ DAMAGE_STREAM), MALFORMED_SHARE);
        }

        void run() throws IOException {
            Actor pending = plan();
            while (true) {
                Actor head = active.peek();
                if (pending != null && (head == null || pending.nextTimeMs() <= head.nextTimeMs())) {
                    active.add(pending);
                    pending = plan();
                    continue;
                }
                if (head == null) {
                    return;
                }
                Actor actor = active.poll();
                long timeMs = actor.nextTimeMs();
                emit(actor, actor.next(), timeMs);
                if (actor.hasNext()) {
                    active.add(actor);
                }
            }
        }

        /**
         * The next visit, started at the point of the timeline that the lines written so far have reached, so the
         * exact line budget spreads over the whole period; null once the budget is used up.
         */
        private Actor plan() {
            long budget = settings.events();
            if (budgetUsed >= budget) {
                return null;
            }
            Actor actor = planner.next();
            actor.startAt(timeline.timeAt((double) budgetUsed / budget));
            if (budgetUsed + actor.accessLines() > budget) {
                actor.keepAccessLines((int) (budget - budgetUsed));
            }
            budgetUsed += actor.accessLines();
            tally.planned(actor);
            return actor;
        }

        private void emit(Actor actor, Step step, long timeMs) throws IOException {
            if (!step.kind().isAccessLine()) {
                String timestamp = formatter.isoTime(timeMs);
                search.write(timestamp, step, actor.userId, actor.sessionId,
                        step.item() >= 0 ? catalog.itemId(step.item()) : null);
                tally.searchEvent(step, timestamp);
                return;
            }
            String line = formatter.format(actor, step, timeMs);
            if (corruptor.strikes()) {
                Corruptor.Malformed broken = corruptor.corrupt(line);
                logs.write(timeMs, broken.bytes());
                tally.malformedLine(broken.damage(), timeMs);
            } else {
                logs.write(timeMs, ascii(line));
                tally.wellFormedLine(actor, step, timeMs);
            }
        }

        private byte[] ascii(String line) {
            // every part of a line is ASCII by construction (fixed vocabulary, URL-encoded queries)
            return line.getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
