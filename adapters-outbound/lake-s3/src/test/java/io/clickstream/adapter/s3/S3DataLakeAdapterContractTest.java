package io.clickstream.adapter.s3;

import io.clickstream.testing.S3MockExtension;
import io.clickstream.testing.S3MockServer;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.DataLakeContract;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The DataLake port contract on a real S3-compatible server, each test in a fresh prefix of the bucket. */
@ExtendWith(S3MockExtension.class)
class S3DataLakeAdapterContractTest extends DataLakeContract {

    private static S3MockServer server;
    private S3DataLakeAdapter adapter;

    @BeforeAll
    static void server(S3MockServer s3mock) {
        server = s3mock;
    }

    @Override
    protected DataLake newLake() {
        URI lakeUri = URI.create("s3://" + S3MockExtension.BUCKET + "/contract/" + UUID.randomUUID());
        adapter = new S3DataLakeAdapter(S3LakeSettings.of(lakeUri)
                .withEndpoint(server.endpoint(), true)
                .withRetry(3, Duration.ofMillis(50), Duration.ofMillis(200)));
        return adapter;
    }

    @AfterEach
    void closeLake() {
        if (adapter != null) {
            adapter.close();
        }
    }
}
