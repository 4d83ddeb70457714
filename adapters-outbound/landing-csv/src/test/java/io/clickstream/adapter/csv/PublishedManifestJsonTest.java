package io.clickstream.adapter.csv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickstream.application.port.out.LandingFormat.PublishedManifest;
import io.clickstream.application.port.out.RawEventPublisher.PartitionRange;
import io.clickstream.application.port.out.RawEventPublisher.PublishReceipt;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.Source;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublishedManifestJsonTest {

    @Test
    void a_manifest_names_the_batch_its_topic_offsets_and_time_on_one_line() throws Exception {
        PublishedManifest manifest = new PublishedManifest("weblog-20261121-abc",
                LakeLayout.landingBatch(Source.WEBLOG, LocalDate.of(2026, 11, 21), "weblog-20261121-abc"),
                new PublishReceipt("clickstream.raw", 5, List.of(new PartitionRange(0, 0, 1), new PartitionRange(2, 10, 12))),
                Instant.parse("2026-11-23T08:00:00Z"));

        String text = new String(new CommonsCsvLandingFormat().encodeManifest(manifest), StandardCharsets.UTF_8);

        assertThat(text).endsWith("}\n").doesNotContain("\n{").hasLineCount(1);
        assertThat(text).contains("{\"partition\":0,\"firstOffset\":0,\"lastOffset\":1}");
        JsonNode json = new ObjectMapper().readTree(text);
        assertThat(json.path("batchId").asText()).isEqualTo("weblog-20261121-abc");
        assertThat(json.path("batch").asText()).isEqualTo("landing/clickstream/source=weblog/dt=2026-11-21/weblog-20261121-abc.csv");
        assertThat(json.path("topic").asText()).isEqualTo("clickstream.raw");
        assertThat(json.path("messages").asLong()).isEqualTo(5);
        assertThat(json.path("partitions")).hasSize(2);
        assertThat(json.path("partitions").get(1).path("lastOffset").asLong()).isEqualTo(12);
        assertThat(json.path("publishedAt").asText()).isEqualTo("2026-11-23T08:00:00Z");
    }
}
