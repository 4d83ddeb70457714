package io.clickstream.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class LakeLayoutTest {

    @Test
    void a_landed_batch_path_gives_back_its_source_and_batch_id() {
        ZonePath path = LakeLayout.landingBatch(Source.SEARCH, LocalDate.of(2026, 11, 21), "search-opensearch-20261121-abc");

        assertThat(LakeLayout.landedBatch(path))
                .hasValue(new LakeLayout.LandedBatchName(Source.SEARCH, "search-opensearch-20261121-abc"));
    }

    @Test
    void other_paths_are_not_landed_batches() {
        assertThat(LakeLayout.landedBatch(LakeLayout.sourceCheckpoint("weblog"))).isEmpty();
        assertThat(LakeLayout.landedBatch(LakeLayout.landingPartition(Source.WEBLOG, LocalDate.of(2026, 11, 21))
                .resolve("notes.txt"))).isEmpty();
        assertThat(LakeLayout.landedBatch(ZonePath.of(DataZone.LANDING, "clickstream/source=ftp/dt=2026-11-21/b.csv")))
                .as("an unknown source").isEmpty();
        assertThat(LakeLayout.landedBatch(ZonePath.of(DataZone.STAGING, "clickstream/source=weblog/dt=2026-11-21/b.csv")))
                .as("another zone").isEmpty();
    }

    @Test
    void a_published_manifest_is_named_after_its_batch() {
        assertThat(LakeLayout.publishedBatchId(LakeLayout.publishedManifest("weblog-20261121-abc")))
                .isEqualTo("weblog-20261121-abc");
    }

    @Test
    void dataset_and_model_files_sit_in_their_folders() {
        assertThat(DatasetFile.TRAIN.in(LakeLayout.dataset("d-1")).key()).isEqualTo("analytics/datasets/d-1/train.tsv");
        assertThat(ModelFile.METADATA.of("m-1").key()).isEqualTo("analytics/models/m-1/metadata.json");
        assertThat(ModelFile.WEIGHTS.ofEvaluatedFit("m-1").key()).isEqualTo("analytics/models/m-1/evaluated/weights.bin");
    }
}
