package io.clickstream.adapter.weblog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.domain.EventType;
import io.clickstream.domain.Interaction;
import io.clickstream.domain.InvalidParameterException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UrlRulesTest {

    private static final String T = "21/Nov/2026:10:00:00 +0000";
    private final Path dir = Logs.newDir();

    private Logs.Drained collect(WeblogSettings settings, String... lines) {
        Logs.write(dir.resolve("access.log"), List.of(lines));
        return Logs.drain(new WeblogClickstreamSourceAdapter(settings), Optional.empty(), 1000);
    }

    private Logs.Drained collect(String... lines) {
        return collect(WeblogSettings.defaults(dir), lines);
    }

    private Interaction one(String request) {
        Logs.Drained d = collect(Logs.line("u1", T, request, 200, "s1"));
        assertThat(d.rejected).isEmpty();
        assertThat(d.records).hasSize(1);
        return d.records.get(0).interaction();
    }

    @Test
    void product_page_is_a_view_even_with_a_query_string_holding_q() {
        Interaction i = one("GET /product/i42?q=red+shoes&ref=search HTTP/1.1");

        assertThat(i.eventType()).isEqualTo(EventType.VIEW);
        assertThat(i.itemId()).isEqualTo("i42");
        assertThat(i.query()).isNull();
    }

    @Test
    void cart_add_is_a_cart_event_with_the_item_parameter_wherever_it_stands() {
        assertThat(one("GET /cart/add?item=i7 HTTP/1.1")).satisfies(i -> {
            assertThat(i.eventType()).isEqualTo(EventType.CART);
            assertThat(i.itemId()).isEqualTo("i7");
        });
        assertThat(one("POST /cart/add?qty=2&item=i8&from=pdp HTTP/1.1").itemId()).isEqualTo("i8");
    }

    @Test
    void checkout_with_an_item_is_a_purchase() {
        Interaction i = one("POST /checkout/confirm?order=77&item=i9 HTTP/1.1");

        assertThat(i.eventType()).isEqualTo(EventType.PURCHASE);
        assertThat(i.itemId()).isEqualTo("i9");
        assertThat(one("GET /checkout?item=i10 HTTP/1.1").itemId()).isEqualTo("i10");
    }

    @Test
    void search_is_a_search_event_with_the_url_decoded_query() {
        Interaction i = one("GET /search?page=2&q=red+shoes%20%C3%A9t%C3%A9 HTTP/1.1");

        assertThat(i.eventType()).isEqualTo(EventType.SEARCH);
        assertThat(i.query()).isEqualTo("red shoes été");
        assertThat(i.itemId()).isNull();
    }

    @Test
    void assets_health_home_api_posts_and_unknown_pages_are_counted_as_unmatched() {
        Logs.Drained d = collect(
                Logs.line("-", T, "GET /static/app.css HTTP/1.1", 200, null),
                Logs.line("-", T, "GET /health HTTP/1.1", 200, null),
                Logs.line("-", T, "GET / HTTP/1.1", 200, null),
                Logs.line("-", T, "POST /api/v1/track HTTP/1.1", 204, null),
                Logs.line("-", T, "GET /product/i1/reviews HTTP/1.1", 200, null),
                Logs.line("-", T, "DELETE /product/i1 HTTP/1.1", 200, null),
                Logs.view(3));

        assertThat(d.unmatched).isEqualTo(6);
        assertThat(d.lines).isEqualTo(7);
        assertThat(d.rejected).isEmpty();
        assertThat(d.items()).containsExactly("i3");
    }

    @Test
    void error_responses_are_unmatched_even_on_event_urls() {
        Logs.Drained d = collect(
                Logs.line("u", T, "GET /product/i404 HTTP/1.1", 404, null),
                Logs.line("u", T, "POST /checkout?item=i1 HTTP/1.1", 500, null),
                Logs.line("u", T, "\\x16\\x03\\x01", 400, null),
                Logs.line("u", T, "GET /product/i301 HTTP/1.1", 301, null));

        assertThat(d.unmatched).isEqualTo(3);
        assertThat(d.rejected).isEmpty();
        assertThat(d.items()).containsExactly("i301");
    }

    @Test
    void a_matched_rule_without_an_item_or_query_is_rejected() {
        Logs.Drained d = collect(Logs.line("u", T, "GET /cart/add?item= HTTP/1.1", 200, null),
                Logs.line("u", T, "GET /search?q= HTTP/1.1", 200, null));

        assertThat(d.records).isEmpty();
        assertThat(d.rejected).extracting(r -> r.reason()).containsExactly(
                "the cart rule matched but the item is empty", "the search rule matched but the query is empty");
    }

    /** Issue 14 finding 5: a control character is rejected whether written raw or percent-encoded. */
    @Test
    void percent_encoded_control_characters_are_rejected_like_raw_ones() {
        String[] targets = {"/search?q=a%00b", "/search?q=a%0Ab", "/search?q=a%0Db", "/product/i%1B1", "/product/i%7F1",
            "/product/i%C2%841"};
        Logs.Drained d = collect(java.util.Arrays.stream(targets)
                .map(target -> Logs.line("u", T, "GET " + target + " HTTP/1.1", 200, null)).toArray(String[]::new));

        assertThat(d.records).isEmpty();
        assertThat(d.rejected).extracting(r -> r.reason()).containsExactly(
                "percent-encoded 'a%00b' decodes to the control character U+0000 at position 2",
                "percent-encoded 'a%0Ab' decodes to the control character U+000A at position 2",
                "percent-encoded 'a%0Db' decodes to the control character U+000D at position 2",
                "percent-encoded 'i%1B1' decodes to the control character U+001B at position 2",
                "percent-encoded 'i%7F1' decodes to the control character U+007F at position 2",
                "percent-encoded 'i%C2%841' decodes to the control character U+0084 at position 2");
    }

    @Test
    void bad_percent_encoding_in_a_captured_value_is_rejected() {
        Logs.Drained d = collect(Logs.line("u", T, "GET /search?q=100%zz HTTP/1.1", 200, null));

        assertThat(d.rejected).singleElement().satisfies(r ->
                assertThat(r.reason()).isEqualTo("bad percent-encoding in '100%zz' at position 4"));
    }

    @Test
    void configured_rules_replace_the_defaults_and_user_and_session_groups_override_the_log_fields() {
        WeblogSettings settings = WeblogSettings.defaults(dir).withRules(
                "view:GET:/u/(?<user>[^/]+)/s/(?<session>[^/]+)/p/(?<item>[^/?]+)(?:\\?.*)?;"
                        + " cart : * : /basket\\;add/(?<item>[^/?]+)");
        Logs.Drained d = collect(settings,
                Logs.line("logged", T, "GET /u/ann/s/sess9/p/i5 HTTP/1.1", 200, "cookie1"),
                Logs.line("logged", T, "PUT /basket;add/i6 HTTP/1.1", 200, "cookie1"),
                Logs.view(1));

        assertThat(d.records).extracting(r -> r.interaction().eventType(), r -> r.interaction().userId(),
                r -> r.interaction().sessionId(), r -> r.interaction().itemId()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(EventType.VIEW, "ann", "sess9", "i5"),
                org.assertj.core.groups.Tuple.tuple(EventType.CART, "logged", "cookie1", "i6"));
        assertThat(d.unmatched).isEqualTo(1); // /product/i1: the defaults were replaced
    }

    @Test
    void defaults_entry_keeps_the_default_rules_after_custom_ones() {
        List<UrlRule> rules = UrlRules.parse("search_click:GET:/click\\?(?:[^&]*+&)*?item=(?<item>[^&]*).*\n"
                + "defaults");

        assertThat(rules).hasSize(1 + UrlRules.defaults().size());
        Logs.Drained d = collect(WeblogSettings.defaults(dir).withRules(rules),
                Logs.line("u", T, "GET /click?pos=3&item=i77 HTTP/1.1", 200, null), Logs.view(2));
        assertThat(d.records).extracting(r -> r.interaction().eventType())
                .containsExactly(EventType.SEARCH_CLICK, EventType.VIEW);
    }

    @Test
    void blank_rules_text_means_the_defaults() {
        assertThat(UrlRules.parse("  ")).isEqualTo(UrlRules.defaults());
    }

    @Test
    void malformed_rules_fail_with_a_message_naming_the_key() {
        assertThatThrownBy(() -> UrlRules.parse("view GET /product/(?<item>.*)"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("sources.weblog.rules").hasMessageContaining("event_type:METHODS:regex");
        assertThatThrownBy(() -> UrlRules.parse("like:GET:/x/(?<item>.*)"))
                .hasMessageContaining("unknown event type 'like'");
        assertThatThrownBy(() -> UrlRules.parse("view:GET:/product/(?<id>.*)"))
                .hasMessageContaining("has no named group (?<item>...)");
        assertThatThrownBy(() -> UrlRules.parse("search:GET:/s\\?q=(.*)"))
                .hasMessageContaining("has no named group (?<query>...)");
        assertThatThrownBy(() -> UrlRules.parse("view:GET:/product/(?<item>[a-"))
                .hasMessageContaining("bad regex for the view rule");
        assertThatThrownBy(() -> UrlRules.parse("view:G3T:/product/(?<item>.*)"))
                .hasMessageContaining("bad HTTP method 'G3T'");
    }

    @Test
    void default_rules_stay_fast_on_a_hostile_query_string() {
        String hostile = "GET /cart/add?" + "a&".repeat(20_000) + "b HTTP/1.1";
        long start = System.nanoTime();
        Logs.Drained d = collect(Logs.line("u", T, hostile, 200, null));

        assertThat(d.unmatched).isEqualTo(1);
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }

    @Test
    void a_configured_regex_that_overflows_the_stack_rejects_the_line_instead_of_failing_the_run() {
        WeblogSettings settings = WeblogSettings.defaults(dir).withMaxLineBytes(2 * 1024 * 1024)
                .withRules("view:GET:/p/(?:ab|cd)*(?<item>x)");
        Logs.Drained d = collect(settings, Logs.line("u", T, "GET /p/" + "ab".repeat(400_000) + "x HTTP/1.1", 200,
                null), Logs.line("u", T, "GET /p/abx HTTP/1.1", 200, null));

        assertThat(d.rejected).singleElement().satisfies(r ->
                assertThat(r.reason()).startsWith("the view rule's regex overflowed the stack"));
        assertThat(d.items()).containsExactly("x");
    }
}
