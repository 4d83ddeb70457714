package io.clickstream.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InteractionSequenceTest {
    private static final Instant T = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void a_sequence_round_trips_through_its_line_even_with_colons_in_item_ids() {
        InteractionSequence s = new InteractionSequence("s-1", "u7", List.of(
                new InteractionSequence.Step("i1", EventType.VIEW, T),
                new InteractionSequence.Step("sku:42:red", EventType.CART, T.plusSeconds(5)),
                new InteractionSequence.Step("i1", EventType.PURCHASE, T.plusSeconds(9))));

        assertThat(s.toLine()).isEqualTo("s-1\tu7\ti1:v:" + T.toEpochMilli() + " sku:42:red:c:" + (T.toEpochMilli() + 5000)
                + " i1:p:" + (T.toEpochMilli() + 9000));
        assertThat(InteractionSequence.parse(s.toLine())).isEqualTo(s);
    }

    @Test
    void an_anonymous_sequence_has_an_empty_user_column() {
        InteractionSequence s = new InteractionSequence("s-2", null, List.of(new InteractionSequence.Step("i9", EventType.SEARCH_CLICK, T)));
        assertThat(s.toLine()).startsWith("s-2\t\t");
        assertThat(InteractionSequence.parse(s.toLine()).userId()).isNull();
    }

    @Test
    void malformed_lines_say_what_is_wrong() {
        assertThatThrownBy(() -> InteractionSequence.parse("s\tu")).hasMessageContaining("3 tab-separated columns");
        assertThatThrownBy(() -> InteractionSequence.parse("s\tu\ti1:x:5")).hasMessageContaining("unknown step type 'x'");
        assertThatThrownBy(() -> InteractionSequence.parse("s\tu\ti1:v:soon")).hasMessageContaining("epoch-millisecond");
        assertThatThrownBy(() -> InteractionSequence.parse("s\tu\ti1:v:9 i2:v:5")).hasMessageContaining("time order");
    }

    @Test
    void item_ids_with_whitespace_are_refused() {
        assertThatThrownBy(() -> new InteractionSequence.Step("red shoe", EventType.VIEW, T)).hasMessageContaining("whitespace");
    }
}
