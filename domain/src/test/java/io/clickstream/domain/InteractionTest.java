package io.clickstream.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InteractionTest {
    @Test
    void an_item_event_without_an_item_is_rejected() {
        assertThatThrownBy(() -> new Interaction("e", Instant.EPOCH, Source.WEBLOG, EventType.VIEW, "u", "s", " ", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("view event needs an item id");
    }

    @Test
    void a_search_needs_no_item_and_blanks_become_absent() {
        Interaction i = new Interaction("e", Instant.EPOCH, Source.SEARCH, EventType.SEARCH, "", "s1", null, "shoes");
        assertThat(i.user()).isEmpty();
        assertThat(i.query()).isEqualTo("shoes");
    }

    @Test
    void event_ids_are_deterministic_per_source_and_raw_record() {
        assertThat(EventId.of(Source.WEBLOG, "line")).isEqualTo(EventId.of(Source.WEBLOG, "line")).hasSize(32);
        assertThat(EventId.of(Source.WEBLOG, "line")).isNotEqualTo(EventId.of(Source.SEARCH, "line"));
    }

    @Test
    void wire_names_round_trip() {
        for (EventType t : EventType.values()) {
            assertThat(EventType.fromWireName(t.wireName())).isEqualTo(t);
        }
        assertThatThrownBy(() -> EventType.fromWireName("click")).hasMessageContaining("valid: view, cart");
    }
}
