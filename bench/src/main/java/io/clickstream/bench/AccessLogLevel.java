package io.clickstream.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.clickstream.adapter.http.HttpApiServer;
import org.slf4j.LoggerFactory;

/**
 * The HTTP access log's level during an HTTP bench: the log writes every request to the console synchronously, so a
 * bench quiets it to measure serving rather than the console, and restores it after.
 */
final class AccessLogLevel {
    private final Logger access = (Logger) LoggerFactory.getLogger(HttpApiServer.ACCESS_LOG);
    private final Level before = access.getLevel();

    void quiet() {
        access.setLevel(Level.WARN);
    }

    void restore() {
        access.setLevel(before);
    }
}
