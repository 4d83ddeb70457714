package io.clickstream.adapter.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.adapter.s3.S3DataLakeAdapter;
import io.clickstream.adapter.s3.S3LakeSettings;
import io.clickstream.application.port.out.StagingProcessor.StagingReport;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.LakeLayout;
import io.clickstream.testing.S3MockExtension;
import io.clickstream.testing.S3MockServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The same staging with the lake in an S3-compatible store (S3Mock in its own JVM), read and written via s3a. */
@ExtendWith(S3MockExtension.class)
class S3LakeStagingTest {
    private static S3DataLakeAdapter lake;
    private static Scenario scenario;
    private static String db;
    private static SparkStagingProcessorAdapter adapter;

    @BeforeAll
    static void ingest(S3MockServer s3) {
        Path work = TestEnvironment.freshDir("s3");
        lake = new S3DataLakeAdapter(S3LakeSettings.of(URI.create("s3://" + S3MockExtension.BUCKET + "/"
                + TestEnvironment.unique("lake").replace('_', '-'))).withEndpoint(s3.endpoint(), true));
        String topic = TestEnvironment.unique("raw");
        db = TestEnvironment.unique("s3");
        scenario = Scenario.ingest(work, 1500, 5, 2, lake, topic);
        scenario.plant(topic, 10);
        adapter = new SparkStagingProcessorAdapter(TestEnvironment.settings(db, topic).withS3(
                new SparkStagingSettings.S3aOptions(s3.endpoint().toString(), true, "us-east-1", "test-access-key",
                        "test-secret-key")), lake);
    }

    @AfterAll
    static void close() {
        lake.close();
    }

    @Test
    void stages_into_s3_with_exact_counts_and_a_rerun_adds_nothing() {
        assertThat(lake.location(LakeLayout.stagingInteractions()).getScheme()).isEqualTo("s3a");
        StagingReport report = adapter.stage(JobMonitor.none());
        Map<String, Long> c = report.counts();
        assertThat(report.read()).isEqualTo(scenario.landed.size() + scenario.injectedBad + 10);
        assertThat(c.get("quarantined")).isEqualTo(scenario.injectedBad);
        assertThat(c.get("duplicates")).isEqualTo(10 + scenario.landedDuplicates());
        assertThat(c.get("bots")).isEqualTo(scenario.summary.accessLog().botViewLines());
        assertThat(report.staged()).isEqualTo(scenario.summary.accessLog().shopperEvents().values().stream()
                .mapToLong(Long::longValue).sum() + scenario.summary.searchEvents().total());

        var spark = TestEnvironment.spark();
        assertThat(spark.sql("SELECT COUNT(*) FROM " + db + ".interactions").first().getLong(0))
                .isEqualTo(report.staged());
        assertThat(spark.sql("SELECT COUNT(*) FROM " + db + ".quarantine").first().getLong(0))
                .isEqualTo(scenario.injectedBad);
        assertThat(lake.list(LakeLayout.stagingInteractions())).isNotEmpty()
                .allSatisfy(o -> assertThat(o.path().key()).matches(
                        "staging/interactions/source=\\w+/event_type=\\w+/dt=\\d{4}-\\d{2}-\\d{2}/part-.*\\.parquet"));

        assertThat(adapter.stage(JobMonitor.none()).read()).isZero();
        assertThat(spark.sql("SELECT COUNT(*) FROM " + db + ".interactions").first().getLong(0))
                .isEqualTo(report.staged());
    }
}
