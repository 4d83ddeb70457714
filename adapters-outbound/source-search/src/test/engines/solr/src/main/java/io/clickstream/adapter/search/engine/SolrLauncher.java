package io.clickstream.adapter.search.engine;

import java.io.IOException;
import java.io.InputStream;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * Starts a standalone Solr on a free loopback port for source-search's tests, prints {@code ENGINE_READY <port>}
 * and runs until its standard input closes, so Solr dies with the test JVM that started it.
 *
 * <p>Arguments: the Solr home (with {@code solr.xml} and the cores).
 */
public final class SolrLauncher {
    private SolrLauncher() {
    }

    public static void main(String[] args) throws Exception {
        JettySolrRunner solr = new JettySolrRunner(args[0],
                JettyConfig.builder().setPort(0).setContext("/solr").stopAtShutdown(true).build());
        solr.start();
        System.out.println("ENGINE_READY " + solr.getLocalPort());
        System.out.flush();
        waitForEndOfInput(System.in);
        solr.stop();
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
