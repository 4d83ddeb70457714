package io.clickstream.bootstrap;

import io.clickstream.adapter.csv.CommonsCsvLandingFormat;
import io.clickstream.adapter.kafka.KafkaRawEventPublisherAdapter;
import io.clickstream.adapter.kafka.KafkaSettings;
import io.clickstream.adapter.localfs.LocalFsDataLakeAdapter;
import io.clickstream.adapter.weblog.WeblogClickstreamSourceAdapter;
import io.clickstream.adapter.weblog.WeblogSettings;
import io.clickstream.application.port.in.IngestClickstreamUseCase.IngestCommand;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.service.IngestService;
import io.clickstream.domain.JobMonitor;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.StepOutcome;
import io.clickstream.domain.ZonePath;
import io.clickstream.testing.ChildJvm;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Runs one ingest in its own JVM, for tests that kill it: the use case wired as {@link UseCaseModule} wires it
 * (weblog source, local lake, landing CSV, Kafka publisher), its settings from a properties file. Optionally halts
 * the JVM (as {@code kill -9} would) the n-th time ingest reaches a {@link HaltPoint}; the points are found where
 * the use case meets the lake, so no production code carries a test hook. Writes the job's counts to a properties
 * file when it finishes.
 */
public final class IngestRunner {

    /** Where a crash could lose or duplicate records, in the order ingest passes them for each chunk. */
    enum HaltPoint {
        /** The chunk's batch files are landed; its checkpoint is about to be saved. */
        LANDED,
        /** The chunk's checkpoint is saved; none of its batches is published yet. */
        CHECKPOINTED,
        /** A batch's Kafka transaction is committed; its manifest is about to be written. */
        COMMITTED
    }

    private IngestRunner() {
    }

    public static void main(String[] args) throws IOException {
        Properties p = ChildJvm.readSettings(Path.of(args[0]));
        DataLake lake = new LocalFsDataLakeAdapter(Path.of(p.getProperty("lake")));
        String haltAt = p.getProperty("haltAt", "");
        if (!haltAt.isBlank()) {
            String[] parts = haltAt.split(":");
            lake = new HaltingLake(lake, HaltPoint.valueOf(parts[0]), Integer.parseInt(parts[1]), haltAt);
        }
        KafkaSettings kafka = KafkaSettings.defaults(p.getProperty("kafka"))
                .withTopic(p.getProperty("topic"), 3, (short) 1)
                .withTransactionalId(p.getProperty("transactionalId"));
        StepOutcome outcome;
        try (KafkaRawEventPublisherAdapter publisher = new KafkaRawEventPublisherAdapter(kafka)) {
            IngestService ingest = new IngestService(
                    List.of(new WeblogClickstreamSourceAdapter(WeblogSettings.defaults(p.getProperty("logs")))),
                    lake, new CommonsCsvLandingFormat(), publisher, Clock.systemUTC(),
                    Integer.parseInt(p.getProperty("chunkSize")));
            outcome = ingest.ingest(new IngestCommand(JobMonitor.none()));
        }
        Properties counts = new Properties();
        outcome.counts().forEach((name, value) -> counts.setProperty(name, Long.toString(value)));
        ChildJvm.writeSettings(Path.of(p.getProperty("counts")), counts, outcome.message());
        System.exit(0);
    }

    /** The lake as the use case sees it, halting the JVM the n-th time ingest reaches the point. */
    private static final class HaltingLake implements DataLake {
        private final DataLake lake;
        private final HaltPoint point;
        private final int nth;
        private final String spec;
        private int reached;

        HaltingLake(DataLake lake, HaltPoint point, int nth, String spec) {
            this.lake = lake;
            this.point = point;
            this.nth = nth;
            this.spec = spec;
        }

        @Override
        public void write(ZonePath path, ContentWriter content) {
            boolean checkpoint = path.equals(LakeLayout.sourceCheckpoint(WeblogSettings.DEFAULT_ID));
            boolean manifest = path.key().startsWith(LakeLayout.publishedManifests().key() + "/");
            if (point == HaltPoint.LANDED && checkpoint || point == HaltPoint.COMMITTED && manifest) {
                haltOnNth();
            }
            lake.write(path, content);
            if (point == HaltPoint.CHECKPOINTED && checkpoint) {
                haltOnNth();
            }
        }

        private void haltOnNth() {
            if (++reached == nth) {
                ChildJvm.halt(spec);
            }
        }

        @Override
        public Optional<byte[]> read(ZonePath path) {
            return lake.read(path);
        }

        @Override
        public Optional<InputStream> open(ZonePath path) {
            return lake.open(path);
        }

        @Override
        public List<LakeObject> list(ZonePath prefix) {
            return lake.list(prefix);
        }

        @Override
        public boolean exists(ZonePath path) {
            return lake.exists(path);
        }

        @Override
        public boolean delete(ZonePath path) {
            return lake.delete(path);
        }

        @Override
        public URI location(ZonePath path) {
            return lake.location(path);
        }

        @Override
        public String describe() {
            return lake.describe();
        }
    }
}
