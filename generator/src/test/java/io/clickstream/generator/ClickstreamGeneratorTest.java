package io.clickstream.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.domain.InvalidParameterException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClickstreamGeneratorTest {
    private static final Path ROOT = Path.of("target", "generator-tests");
    private static final Pattern CRAWLER_AGENT =
            Pattern.compile("Googlebot|bingbot|AhrefsBot|YandexBot|SemrushBot|DuckDuckBot|Baiduspider");
    private static final Pattern ISO_MILLIS = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

    private static GeneratorSettings settings;
    private static GenerationSummary summary;
    private static GeneratedOutput out;

    @BeforeAll
    static void generate_a_shop() throws IOException {
        settings = GeneratorSettings.defaults(150_000, 11).withDays(4).withItems(300).withUsers(400);
        Path dir = fresh("shop");
        summary = new ClickstreamGenerator(settings).generate(dir);
        out = new GeneratedOutput(dir);
    }

    @Test
    void same_seed_and_settings_give_byte_identical_output() throws IOException {
        GeneratorSettings small = GeneratorSettings.defaults(20_000, 99).withDays(3);
        Path a = fresh("same-a");
        Path b = fresh("same-b");
        Path c = fresh("other-seed");

        new ClickstreamGenerator(small).generate(a);
        new ClickstreamGenerator(small).generate(b);
        new ClickstreamGenerator(new GeneratorSettings(20_000, 100, 3, small.lastDay(), small.items(), small.users(),
                small.categories())).generate(c);

        List<Path> files = relativeFiles(a);
        assertThat(files).containsExactlyElementsOf(relativeFiles(b)).hasSize(7);
        for (Path file : files) {
            assertThat(Files.readAllBytes(b.resolve(file))).as(file.toString())
                    .isEqualTo(Files.readAllBytes(a.resolve(file)));
        }
        assertThat(Files.readAllBytes(c.resolve("access/access.log")))
                .isNotEqualTo(Files.readAllBytes(a.resolve("access/access.log")));
    }

    @Test
    void summary_counts_every_access_log_line_exactly() {
        GenerationSummary.AccessLog log = summary.accessLog();
        List<GeneratedOutput.Line> wellFormed = out.lines.stream().filter(GeneratedOutput.Line::wellFormed).toList();

        assertThat(out.lines).hasSize(150_000);
        assertThat(log.lines()).isEqualTo(150_000);
        assertThat(log.eventLines() + log.noiseLines() + log.malformedLines()).isEqualTo(log.lines());
        assertThat(out.lines.size() - wellFormed.size()).isEqualTo(log.malformedLines());
        for (String type : List.of("view", "cart", "purchase", "search")) {
            assertThat(wellFormed.stream().filter(l -> type.equals(l.eventType())).count()).as(type)
                    .isEqualTo(log.events().get(type)).isPositive();
        }
        assertThat(wellFormed.stream().filter(l -> l.eventType() == null).count()).isEqualTo(log.noiseLines());
        assertThat(wellFormed.stream().filter(l -> l.eventType() != null)).allMatch(l -> l.status() == 200);
        for (String format : List.of("combined_session", "combined", "common")) {
            assertThat(wellFormed.stream().filter(l -> format.equals(l.format())).count()).as(format)
                    .isEqualTo(log.formats().get(format)).isPositive();
        }
        assertThat(wellFormed.stream().filter(l -> l.agent() != null && CRAWLER_AGENT.matcher(l.agent()).find())
                .count()).isEqualTo(log.bots().get("crawler")).isPositive();
        for (GenerationSummary.LogFile file : log.files()) {
            assertThat(out.linesByFile.get(file.name())).as(file.name()).hasSize((int) file.lines());
        }
    }

    @Test
    void summary_counts_distinct_users_items_sessions_and_search_events_exactly() {
        List<GeneratedOutput.Line> wellFormed = out.lines.stream().filter(GeneratedOutput.Line::wellFormed).toList();

        assertThat(wellFormed.stream().map(GeneratedOutput.Line::user).filter(u -> u != null).distinct().count())
                .isEqualTo(summary.distinct().users());
        assertThat(wellFormed.stream().map(GeneratedOutput.Line::item).filter(i -> i != null).distinct().count())
                .isEqualTo(summary.distinct().items());
        assertThat(wellFormed.stream().map(GeneratedOutput.Line::session).filter(s -> s != null).distinct().count())
                .isEqualTo(summary.distinct().sessions());
        assertThat(out.searchEvents).hasSize((int) summary.searchEvents().total());
        assertThat(out.searchEvents.stream().filter(e -> e.get("event").asText().equals("search")).count())
                .isEqualTo(summary.searchEvents().searches());
        assertThat(out.searchEvents.stream().filter(e -> e.get("event").asText().equals("click")).count())
                .isEqualTo(summary.searchEvents().clicks());
    }

    @Test
    void malformed_lines_are_about_half_a_percent_of_every_kind() {
        long malformed = summary.accessLog().malformedLines();

        assertThat(malformed).isBetween(450L, 1050L); // 0.3% .. 0.7% of 150000
        assertThat(summary.accessLog().malformed().values()).allMatch(n -> n > 0);
        assertThat(out.lines.stream().filter(l -> l.raw().isEmpty()).count())
                .isEqualTo(summary.accessLog().malformed().get("empty"));
        assertThat(out.lines.stream().filter(l -> !l.wellFormed() && l.raw().chars().anyMatch(c -> c >= 0x80)))
                .as("garbage lines with bytes that are not UTF-8").isNotEmpty();
    }

    @Test
    void well_formed_lines_are_ascii_and_carry_no_line_breaks() {
        assertThat(out.lines.stream().filter(GeneratedOutput.Line::wellFormed))
                .allMatch(l -> l.raw().chars().allMatch(c -> c >= 0x20 && c < 0x7f));
        assertThat(out.lines).noneMatch(l -> l.raw().indexOf('\r') >= 0);
    }

    @Test
    void lines_are_in_time_order_within_the_day_of_their_file() {
        Instant start = settings.start();
        Instant end = settings.end();
        for (GenerationSummary.LogFile file : summary.accessLog().files()) {
            LocalDate day = LocalDate.parse(file.day());
            Instant previous = Instant.MIN;
            for (GeneratedOutput.Line line : out.linesByFile.get(file.name())) {
                if (!line.wellFormed()) {
                    continue;
                }
                assertThat(line.time()).isAfterOrEqualTo(previous).isAfterOrEqualTo(start).isBefore(end);
                assertThat(LocalDate.ofInstant(line.time(), ZoneOffset.UTC)).isEqualTo(day);
                previous = line.time();
            }
        }
    }

    @Test
    void rotated_files_hold_one_day_each_and_older_ones_are_gzipped() throws IOException {
        assertThat(summary.accessLog().files()).extracting(GenerationSummary.LogFile::name)
                .containsExactly("access.log.3.gz", "access.log.2.gz", "access.log.1", "access.log");
        for (GenerationSummary.LogFile file : summary.accessLog().files()) {
            byte[] head = new byte[2];
            try (InputStream in = Files.newInputStream(out.dir.resolve("access").resolve(file.name()))) {
                assertThat(in.read(head)).isEqualTo(2);
            }
            boolean gzip = head[0] == (byte) 0x1f && head[1] == (byte) 0x8b;
            assertThat(gzip).as(file.name()).isEqualTo(file.name().endsWith(".gz"));
        }

        Path oneDay = fresh("one-day");
        new ClickstreamGenerator(GeneratorSettings.defaults(100, 1).withDays(1)).generate(oneDay);
        try (Stream<Path> files = Files.list(oneDay.resolve("access"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("access.log");
        }
    }

    @Test
    void search_events_are_json_lines_in_time_order_with_unique_ids() {
        Set<String> ids = new HashSet<>();
        String previous = "";
        for (JsonNode e : out.searchEvents) {
            assertThat(ids.add(e.get("id").asText())).isTrue();
            String timestamp = e.get("timestamp").asText();
            assertThat(timestamp).matches(ISO_MILLIS);
            assertThat(timestamp).isGreaterThanOrEqualTo(previous);
            previous = timestamp;
            assertThat(e.get("query").asText()).isNotBlank();
            assertThat(e.get("session_id").asText()).startsWith("s-");
            assertThat(e.has("user_id")).isTrue();
            if (e.get("event").asText().equals("click")) {
                assertThat(e.get("item_id").asText()).matches("i\\d+");
                assertThat(e.get("position").asInt()).isBetween(1, 10);
            } else {
                assertThat(e.get("event").asText()).isEqualTo("search");
                assertThat(e.has("item_id")).isFalse();
            }
        }
        assertThat(out.searchEvents.stream().filter(e -> e.get("user_id").isNull())).isNotEmpty();
        assertThat(out.searchEvents.stream().map(e -> e.get("query").asText()))
                .anyMatch(q -> q.chars().anyMatch(c -> c > 0x7f));
    }

    @Test
    void searches_and_clicks_match_the_access_log_sessions() {
        Map<String, List<GeneratedOutput.Line>> bySession = out.lines.stream()
                .filter(l -> l.wellFormed() && l.session() != null)
                .collect(Collectors.groupingBy(GeneratedOutput.Line::session));
        int clicks = 0;
        int clicksFollowed = 0;
        int searches = 0;
        int searchesLogged = 0;
        for (JsonNode e : out.searchEvents) {
            List<GeneratedOutput.Line> session = bySession.get(e.get("session_id").asText());
            if (session == null) {
                continue; // a session served in a format without the cookie field
            }
            Instant at = Instant.parse(e.get("timestamp").asText());
            long second = at.getEpochSecond();
            if (e.get("event").asText().equals("click")) {
                clicks++;
                String item = e.get("item_id").asText();
                if (session.stream().anyMatch(l -> item.equals(l.item()) && "view".equals(l.eventType())
                        && l.target().contains("ref=search") && l.time().getEpochSecond() >= second
                        && l.time().getEpochSecond() <= second + 2)) {
                    clicksFollowed++;
                }
            } else {
                searches++;
                String query = e.get("query").asText();
                if (session.stream().anyMatch(l -> "search".equals(l.eventType())
                        && l.time().getEpochSecond() == second
                        && URLDecoder.decode(l.target().substring("/search?q=".length()), StandardCharsets.UTF_8)
                        .equals(query))) {
                    searchesLogged++;
                }
            }
        }
        System.out.printf("clicks followed by the view %d/%d, searches logged %d/%d%n", clicksFollowed, clicks,
                searchesLogged, searches);
        assertThat(clicks).isGreaterThan(1000);
        assertThat(clicksFollowed).isGreaterThanOrEqualTo((int) (0.97 * clicks));
        assertThat(searchesLogged).isGreaterThanOrEqualTo((int) (0.97 * searches));
    }

    @Test
    void most_frequent_successor_of_an_item_is_one_of_its_planted_next_items() {
        Map<String, Map<String, Integer>> successors = new HashMap<>();
        Map<String, String> lastViewInSession = new HashMap<>();
        for (GeneratedOutput.Line line : out.lines) {
            if (!line.wellFormed() || line.session() == null || !"view".equals(line.eventType())) {
                continue;
            }
            String previous = lastViewInSession.put(line.session(), line.item());
            if (previous != null && !previous.equals(line.item())) {
                successors.computeIfAbsent(previous, k -> new HashMap<>()).merge(line.item(), 1, Integer::sum);
            }
        }
        int checked = 0;
        int planted = 0;
        for (Map.Entry<String, Map<String, Integer>> e : successors.entrySet()) {
            int total = e.getValue().values().stream().mapToInt(Integer::intValue).sum();
            if (total < 30) {
                continue;
            }
            checked++;
            String top = e.getValue().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            if (out.nextItems.get(e.getKey()).contains(top)) {
                planted++;
            }
        }
        System.out.printf("top successor is planted for %d of %d items%n", planted, checked);
        assertThat(checked).isGreaterThan(50);
        assertThat((double) planted / checked).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void shoppers_mostly_view_their_preferred_categories() {
        List<GeneratedOutput.Line> userViews = out.lines.stream()
                .filter(l -> l.wellFormed() && l.user() != null && "view".equals(l.eventType())).toList();
        List<String> users = out.preferences.keySet().stream().sorted().toList();
        Map<String, String> someoneElse = new HashMap<>();
        for (int i = 0; i < users.size(); i++) {
            someoneElse.put(users.get(i), users.get((i + users.size() / 2) % users.size()));
        }

        double own = preferredShare(userViews, u -> u);
        double others = preferredShare(userViews, someoneElse::get);

        System.out.printf("views in preferred categories: own %.3f, someone else's %.3f%n", own, others);
        assertThat(own).isGreaterThan(0.6);
        assertThat(others).as("same measure against another user's preferences").isLessThan(own - 0.3);
    }

    private static double preferredShare(List<GeneratedOutput.Line> views,
                                         java.util.function.Function<String, String> whosePreferences) {
        long hits = views.stream().filter(l -> out.preferences.get(whosePreferences.apply(l.user()))
                .contains(out.categoryOfItem.get(l.item()))).count();
        return (double) hits / views.size();
    }

    @Test
    void popularity_is_skewed_towards_a_few_items() {
        Map<String, Long> views = out.lines.stream()
                .filter(l -> l.wellFormed() && l.session() != null && "view".equals(l.eventType()))
                .collect(Collectors.groupingBy(GeneratedOutput.Line::item, Collectors.counting()));
        List<Long> sorted = views.values().stream().sorted(Comparator.reverseOrder()).toList();
        long total = sorted.stream().mapToLong(Long::longValue).sum();
        long top = sorted.subList(0, settings.items() / 10).stream().mapToLong(Long::longValue).sum();

        System.out.printf("top 10%% of items get %.3f of shopper views%n", (double) top / total);
        assertThat((double) top / total).isGreaterThan(0.35);
    }

    @Test
    void registered_users_return_in_several_sessions_over_the_days() {
        Map<String, Set<String>> sessionsOfUser = new HashMap<>();
        Map<String, Set<LocalDate>> daysOfUser = new HashMap<>();
        for (GeneratedOutput.Line l : out.lines) {
            if (l.wellFormed() && l.user() != null && l.session() != null) {
                sessionsOfUser.computeIfAbsent(l.user(), k -> new HashSet<>()).add(l.session());
                daysOfUser.computeIfAbsent(l.user(), k -> new HashSet<>())
                        .add(LocalDate.ofInstant(l.time(), ZoneOffset.UTC));
            }
        }
        long returning = sessionsOfUser.values().stream().filter(s -> s.size() >= 2).count();
        long severalDays = daysOfUser.values().stream().filter(s -> s.size() >= 2).count();

        System.out.printf("returning users %d of %d, on several days %d of %d%n", summary.distinct().returningUsers(),
                summary.distinct().users(), severalDays, daysOfUser.size());
        assertThat(returning).isLessThanOrEqualTo(summary.distinct().returningUsers());
        assertThat((double) summary.distinct().returningUsers() / summary.distinct().users()).isGreaterThan(0.5);
        assertThat((double) severalDays / daysOfUser.size()).isGreaterThan(0.5);
        assertThat(summary.distinct().anonymousShopperSessions()).isPositive();
    }

    @Test
    void views_far_outnumber_carts_and_carts_outnumber_purchases() {
        Map<String, Long> shopper = summary.accessLog().shopperEvents();

        assertThat(shopper.get("view")).isGreaterThan(5 * shopper.get("cart"));
        assertThat(shopper.get("cart")).isGreaterThan(2 * shopper.get("purchase"));
        assertThat(shopper.get("purchase")).isPositive();
    }

    @Test
    void bots_crawl_and_hammer_product_pages_without_a_session() {
        assertThat(summary.accessLog().bots().get("high_rate")).isPositive();
        Map<String, List<GeneratedOutput.Line>> sessionlessViewsByClient = out.lines.stream()
                .filter(l -> l.wellFormed() && l.session() == null && "view".equals(l.eventType()))
                .collect(Collectors.groupingBy(l -> l.address() + " " + l.agent()));
        boolean hammering = sessionlessViewsByClient.values().stream().anyMatch(views -> {
            for (int i = 0; i + 50 < views.size(); i++) {
                if (views.get(i + 50).time().getEpochSecond() - views.get(i).time().getEpochSecond() <= 30) {
                    return true;
                }
            }
            return false;
        });
        assertThat(hammering).as("one client with 50 product views within 30 s").isTrue();
    }

    @Test
    void noise_requests_map_to_no_event() {
        List<GeneratedOutput.Line> noise = out.lines.stream()
                .filter(l -> l.wellFormed() && l.eventType() == null).toList();

        assertThat(noise).anyMatch(l -> "/static/app.js".equals(l.target()))
                .anyMatch(l -> l.target() != null && l.target().startsWith("/img/") && l.target().endsWith(".png"))
                .anyMatch(l -> "/health".equals(l.target()))
                .anyMatch(l -> "/".equals(l.target()))
                .anyMatch(l -> l.status() == 404)
                .anyMatch(l -> "POST".equals(l.method()) && l.target().startsWith("/api/"))
                .anyMatch(l -> l.method() == null);
        assertThat(summary.accessLog().noise().values()).allMatch(n -> n > 0);
    }

    @Test
    void common_format_lines_have_no_referer_agent_or_session() {
        List<GeneratedOutput.Line> common = out.lines.stream()
                .filter(l -> l.wellFormed() && "common".equals(l.format())).toList();

        assertThat(common).isNotEmpty().allMatch(l -> l.agent() == null && l.referer() == null);
        assertThat(common).anyMatch(l -> l.raw().endsWith(" -"));
    }

    @Test
    void exact_line_budget_is_kept_even_when_tiny() throws IOException {
        Path dir = fresh("tiny");
        GenerationSummary tiny = new ClickstreamGenerator(GeneratorSettings.defaults(5, 3).withDays(3)).generate(dir);

        long lines = 0;
        for (String name : List.of("access.log.2.gz", "access.log.1", "access.log")) {
            lines += GeneratedOutput.rawLines(dir.resolve("access").resolve(name)).size();
        }
        assertThat(lines).isEqualTo(5).isEqualTo(tiny.accessLog().lines());
    }

    @Test
    void defaults_are_fixed_and_never_read_the_clock() {
        GeneratorSettings defaults = GeneratorSettings.defaults(1000, 1);

        assertThat(defaults.lastDay()).isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(defaults.end()).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
        assertThat(defaults.start()).isEqualTo(Instant.parse("2026-11-15T00:00:00Z"));
        assertThat(summary.timeRange().first()).startsWith("2026-11-18");
        assertThat(Instant.parse(summary.timeRange().last())).isBefore(settings.end());
    }

    @Test
    void invalid_settings_are_refused_naming_the_parameter() {
        assertThatThrownBy(() -> GeneratorSettings.defaults(0, 1))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("events:");
        assertThatThrownBy(() -> GeneratorSettings.defaults(10, 1).withDays(0))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("days:");
        assertThatThrownBy(() -> GeneratorSettings.defaults(10, 1).withItems(10))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("items:");
        assertThatThrownBy(() -> GeneratorSettings.defaults(10, 1).withUsers(0))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("users:");
    }

    @Test
    void a_large_run_writes_every_requested_line() throws IOException {
        // Throughput is measured by `bin/pipeline bench ingest`, not asserted here: a unit test never times itself.
        Path dir = fresh("large");

        GenerationSummary large = new ClickstreamGenerator(GeneratorSettings.defaults(300_000, 5)).generate(dir);

        assertThat(large.accessLog().lines()).isEqualTo(300_000);
        long written = 0;
        for (GenerationSummary.LogFile file : large.accessLog().files()) {
            written += file.lines();
        }
        assertThat(written).isEqualTo(300_000);
    }

    private static Path fresh(String name) throws IOException {
        Path dir = ROOT.resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return dir;
    }

    private static List<Path> relativeFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(dir::relativize).sorted().collect(
                    Collectors.toCollection(ArrayList::new));
        }
    }
}
