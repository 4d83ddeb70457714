package io.clickstream.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ZonePathTest {
    @ParameterizedTest
    @ValueSource(strings = {"../etc/passwd", "a/../../b", "/abs/key", "a//b", "a/./b", "a\\b", "C:/x", "a/", "x\u0000y"})
    void paths_that_could_escape_the_lake_are_rejected(String relative) {
        assertThatThrownBy(() -> ZonePath.of(DataZone.LANDING, relative)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void key_includes_the_zone_prefix_and_parses_back() {
        ZonePath p = ZonePath.of(DataZone.STAGING, "interactions/source=weblog/part-0.parquet");
        assertThat(p.key()).isEqualTo("staging/interactions/source=weblog/part-0.parquet");
        assertThat(ZonePath.parseKey(p.key())).isEqualTo(p);
        assertThat(p.name()).isEqualTo("part-0.parquet");
        assertThat(ZonePath.root(DataZone.ANALYTICS).key()).isEqualTo("analytics");
    }

    @Test
    void layout_matches_the_documented_contract() {
        assertThat(LakeLayout.landingBatch(Source.WEBLOG, LocalDate.of(2026, 11, 21), "b-1").key())
                .isEqualTo("landing/clickstream/source=weblog/dt=2026-11-21/b-1.csv");
        assertThat(LakeLayout.sourceCheckpoint("weblog").key()).isEqualTo("landing/_checkpoints/weblog.json");
        assertThat(LakeLayout.publishedManifest("b-1").key()).isEqualTo("landing/_published/b-1.json");
        assertThat(LakeLayout.currentModelPointer().key()).isEqualTo("analytics/models/CURRENT");
        assertThat(LakeLayout.report("j1").key()).isEqualTo("analytics/reports/j1.json");
    }

    @Test
    void ids_that_would_smuggle_a_path_into_the_layout_are_rejected() {
        assertThatThrownBy(() -> LakeLayout.model("../CURRENT")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model version");
    }
}
