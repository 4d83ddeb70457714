package io.clickstream.adapter.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.adapter.localfs.LocalFsDataLakeAdapter;
import io.clickstream.application.port.out.StagingProcessor.StagingReport;
import io.clickstream.testing.RecordingMonitor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Issue 14 finding 4: before anything was ever published there is nothing to stage, which is not an error. */
class FreshLakeStagingTest {

    @Test
    void a_raw_topic_that_was_never_created_is_nothing_to_stage() {
        Path work = TestEnvironment.freshDir("fresh");
        LocalFsDataLakeAdapter lake = new LocalFsDataLakeAdapter(work.resolve("lake"));
        String topic = TestEnvironment.unique("never-published");
        try (SparkStagingProcessorAdapter adapter = new SparkStagingProcessorAdapter(
                TestEnvironment.settings(TestEnvironment.unique("fresh"), topic), lake)) {

            StagingReport report = adapter.stage(new RecordingMonitor());

            assertThat(report.read()).isZero();
            assertThat(report.staged()).isZero();
        }
    }
}
