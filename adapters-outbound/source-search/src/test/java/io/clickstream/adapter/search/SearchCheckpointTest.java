package io.clickstream.adapter.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SearchCheckpointTest {

    @Test
    void an_absent_or_empty_checkpoint_is_the_beginning() {
        assertThat(SearchCheckpoint.parse(Optional.empty(), "s")).isEqualTo(SearchCheckpoint.START);
        assertThat(SearchCheckpoint.parse(Optional.of("{}"), "s")).isEqualTo(SearchCheckpoint.START);
        assertThat(SearchCheckpoint.START.toJson()).isEqualTo("{}");
    }

    @Test
    void a_position_survives_its_json_form() {
        SearchCheckpoint at = SearchCheckpoint.START.afterUntimed("u-9")
                .afterTimed(Instant.parse("2026-11-21T10:00:00.120Z"), "e\"42");

        String json = at.toJson();

        assertThat(json).isEqualTo("{\"timestamp\":\"2026-11-21T10:00:00.120Z\",\"id\":\"e\\\"42\",\"untimed_id\":\"u-9\"}");
        assertThat(SearchCheckpoint.parse(Optional.of(json), "s")).isEqualTo(at);
    }

    @Test
    void a_checkpoint_of_another_kind_is_refused_naming_the_source() {
        assertThatThrownBy(() -> SearchCheckpoint.parse(Optional.of("weblog.log:1234"), "search-solr"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checkpoint of source 'search-solr'")
                .hasMessageContaining("weblog.log:1234");
        assertThatThrownBy(() -> SearchCheckpoint.parse(Optional.of("{\"timestamp\":\"noon\",\"id\":\"a\"}"), "s"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SearchCheckpoint.parse(Optional.of("{\"id\":\"a\"}"), "s"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
