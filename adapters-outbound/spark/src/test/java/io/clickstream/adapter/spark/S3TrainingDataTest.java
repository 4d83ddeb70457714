package io.clickstream.adapter.spark;

import static io.clickstream.adapter.spark.StagedRowsFixture.Event.of;
import static io.clickstream.adapter.spark.StagedRowsFixture.Event.view;
import static io.clickstream.adapter.spark.StagedRowsFixture.lines;
import static io.clickstream.adapter.spark.StagedRowsFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.adapter.s3.S3DataLakeAdapter;
import io.clickstream.adapter.s3.S3LakeSettings;
import io.clickstream.application.port.out.TrainingDataProvider.TrainingDataset;
import io.clickstream.domain.InteractionSequence;
import io.clickstream.testing.RecordingMonitor;
import io.clickstream.testing.S3MockExtension;
import io.clickstream.testing.S3MockServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The same preparation with the lake in an S3-compatible store (S3Mock in its own JVM): Spark writes via s3a. */
@ExtendWith(S3MockExtension.class)
class S3TrainingDataTest {
    private static S3DataLakeAdapter lake;
    private static StagedRowsFixture fixture;

    @BeforeAll
    static void stage(S3MockServer s3) {
        lake = new S3DataLakeAdapter(S3LakeSettings.of(URI.create("s3://" + S3MockExtension.BUCKET + "/train-"
                + ProcessHandle.current().pid() + "-" + System.nanoTime())).withEndpoint(s3.endpoint(), true));
        fixture = StagedRowsFixture.create("s3", lake, new SparkStagingSettings.S3aOptions(s3.endpoint().toString(),
                true, "us-east-1", "test-access-key", "test-secret-key"), true);
        fixture.stage(List.of(
                view("e1", "2024-05-01T10:00:00Z", "u1", "s1", "a"),
                view("e2", "2024-05-01T10:01:00Z", "u1", "s1", "b"),
                of("e3", "2024-05-01T10:02:00Z", "weblog", "cart", "u1", "s1", "b"),
                view("e4", "2024-05-02T09:00:00Z", null, "s2", "b"),
                view("e5", "2024-05-02T09:05:00Z", null, "s2", "a")));
    }

    @AfterAll
    static void close() {
        lake.close();
    }

    @Test
    void prepares_a_dataset_the_trainer_can_read_from_s3() {
        TrainingDataset data = new SparkTrainingDataAdapter(SparkTrainingDataSettings.defaults(fixture.spark), lake)
                .prepare(Duration.ofDays(2), Duration.ofHours(12), new RecordingMonitor());
        assertThat(lake.location(data.location()).getScheme()).isEqualTo("s3a");
        assertThat(data.windowEnd()).isEqualTo(Instant.parse("2024-05-02T09:05:00Z"));
        assertThat(lines(lake, data.location(), "train.tsv")).map(InteractionSequence::parse)
                .extracting(InteractionSequence::sequenceId, InteractionSequence::items)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("s1", List.of("a", "b", "b")));
        assertThat(lines(lake, data.location(), "holdout.tsv")).map(InteractionSequence::parse)
                .extracting(InteractionSequence::items).containsExactly(List.of("b", "a"));
        assertThat(lines(lake, data.location(), "users.tsv")).hasSize(1);
        assertThat(text(lake, data.location().resolve("vocabulary.tsv"))).isEqualTo("b\t2\n");
        assertThat(text(lake, data.location().resolve("dataset.json"))).contains("\"trainSequences\" : 1");
        assertThat(data.partitions()).containsExactly("source=weblog/event_type=cart/dt=2024-05-01",
                "source=weblog/event_type=view/dt=2024-05-01", "source=weblog/event_type=view/dt=2024-05-02");
    }
}
