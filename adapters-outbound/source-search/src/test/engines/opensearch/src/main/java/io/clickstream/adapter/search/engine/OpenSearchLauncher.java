package io.clickstream.adapter.search.engine;

import java.io.IOException;
import java.io.InputStream;
import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.opensearch.http.HttpServerTransport;

/**
 * Starts a single-node OpenSearch for source-search's tests, prints {@code ENGINE_READY <port>} and runs until its
 * standard input closes, so the node dies with the test JVM that started it.
 *
 * <p>Arguments: the base directory for the node's data, config and logs.
 */
public final class OpenSearchLauncher {
    private OpenSearchLauncher() {
    }

    public static void main(String[] args) throws IOException {
        OpenSearchRunner runner = new OpenSearchRunner();
        runner.onBuild((number, settings) -> {
            settings.put("discovery.type", "single-node");
            settings.put("network.host", "127.0.0.1");
            // A nearly full build disk must not turn the test index read-only.
            settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
        }).build(OpenSearchRunner.newConfigs().basePath(args[0]).numOfNode(1).clusterName("source-search-test"));
        runner.ensureYellow();
        int port = runner.node().injector().getInstance(HttpServerTransport.class)
                .boundAddress().publishAddress().getPort();
        System.out.println("ENGINE_READY " + port);
        System.out.flush();
        waitForEndOfInput(System.in);
        runner.close();
        System.exit(0);
    }

    private static void waitForEndOfInput(InputStream in) {
        try {
            while (in.read() >= 0) {
                // keep running until the parent closes the pipe or dies
            }
        } catch (IOException e) {
            // a broken pipe means the parent is gone: stop as well
        }
    }
}
