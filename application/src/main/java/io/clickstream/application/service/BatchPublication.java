package io.clickstream.application.service;

import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.LandingFormat;
import io.clickstream.application.port.out.LandingFormat.PublishedManifest;
import io.clickstream.application.port.out.RawEventPublisher;
import io.clickstream.application.port.out.RawEventPublisher.PublishReceipt;
import io.clickstream.application.port.out.RawEventPublisher.RawMessage;
import io.clickstream.domain.Interaction;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.ZonePath;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one protocol every landed batch goes through on its way to the raw topic, whatever its source: publish it whole
 * (the publisher's transaction), then mark it with a manifest in the lake. A batch with a manifest is done; one
 * without is either unpublished or was published by a run that died before the manifest, which the publisher can
 * tell ({@link RawEventPublisher#alreadyPublished}), so recovering it never sends it twice.
 */
final class BatchPublication {
    private final DataLake lake;
    private final LandingFormat format;
    private final RawEventPublisher publisher;
    private final Clock clock;

    BatchPublication(DataLake lake, LandingFormat format, RawEventPublisher publisher, Clock clock) {
        this.lake = lake;
        this.format = format;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Sends the batch unconditionally and writes its manifest. */
    PublishReceipt publish(LandedBatch batch) {
        List<RawMessage> messages = new ArrayList<>(batch.rows().size());
        for (int i = 0; i < batch.rows().size(); i++) {
            messages.add(new RawMessage(batch.keys().get(i), batch.rows().get(i)));
        }
        PublishReceipt receipt = publisher.publish(batch.batchId(), messages);
        writeManifest(batch.batchId(), batch.path(), receipt);
        return receipt;
    }

    /**
     * The receipt of an earlier publish whose manifest is missing (the run died between the two), after writing that
     * manifest from it; empty when the batch was never published.
     */
    Optional<PublishReceipt> recoverManifest(String batchId, ZonePath path) {
        Optional<PublishReceipt> earlier = publisher.alreadyPublished(batchId);
        earlier.ifPresent(receipt -> writeManifest(batchId, path, receipt));
        return earlier;
    }

    boolean hasManifest(String batchId) {
        return lake.exists(LakeLayout.publishedManifest(batchId));
    }

    private void writeManifest(String batchId, ZonePath path, PublishReceipt receipt) {
        lake.write(LakeLayout.publishedManifest(batchId),
                format.encodeManifest(new PublishedManifest(batchId, path, receipt, clock.instant())));
    }

    /** The raw topic's partitioning key of a record: its session, else its user, else its own id. */
    static String partitionKey(Interaction i) {
        return i.session().or(i::user).orElse(i.eventId());
    }

    /** A landed batch with each record encoded once, for the file and the raw-topic messages alike. */
    record LandedBatch(String batchId, ZonePath path, List<String> rows, List<String> keys) {
    }
}
