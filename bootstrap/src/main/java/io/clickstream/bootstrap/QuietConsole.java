package io.clickstream.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AsyncAppenderBase;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Keeps the terminal of {@code demo} and {@code run} for progress and results: once {@link #logTo} is called, every log
 * line goes to a file under the data dir, and the console (this filter sits on logback.xml's console appender) shows
 * only this application's own warnings and errors. Spark, Hive, Hadoop and DL4J log through SLF4J in this process
 * (the embedded Kafka broker runs in a JVM of its own with its own log files), so nothing of theirs reaches the
 * terminal.
 */
public final class QuietConsole extends Filter<ILoggingEvent> {
    /** Where the logs go, relative to {@code data.dir}. */
    static final Path LOG_FILE = Path.of("logs", "pipeline.log");
    private static final String OWN_LOGGERS = "io.clickstream.";
    private static final String ACCESS_LOGGER = io.clickstream.adapter.http.HttpApiServer.ACCESS_LOG;
    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger - %msg%n";

    private static volatile boolean quiet;

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (!quiet) {
            return FilterReply.NEUTRAL;
        }
        boolean own = event.getLoggerName().startsWith(OWN_LOGGERS) && !event.getLoggerName().equals(ACCESS_LOGGER);
        return own && event.getLevel().isGreaterOrEqual(Level.WARN) ? FilterReply.NEUTRAL : FilterReply.DENY;
    }

    /**
     * Writes every log line to {@code <dataDir>/logs/pipeline.log} from now on (appended) and, unless {@code verbose},
     * quiets the console as the class comment says.
     *
     * @return the log file
     */
    static synchronized Path logTo(Path dataDir, boolean verbose) {
        Path file = dataDir.resolve(LOG_FILE).toAbsolutePath().normalize();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("FILE");
        appender.setFile(file.toString()); // logback creates the folder
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        // One line per request: queued, never blocking a request, as logback.xml does for the console.
        AsyncAppenderBase<ILoggingEvent> access = new ch.qos.logback.classic.AsyncAppender();
        access.setContext(context);
        access.setName("ACCESS_FILE");
        access.setQueueSize(8192);
        access.setDiscardingThreshold(0);
        access.setNeverBlock(true);
        access.addAppender(appender);
        access.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        context.getLogger(ACCESS_LOGGER).addAppender(access);
        quiet = !verbose;
        return file;
    }

    /** Back to logging on the console only (tests running commands in-process). */
    static synchronized void reset() {
        quiet = false;
    }
}
