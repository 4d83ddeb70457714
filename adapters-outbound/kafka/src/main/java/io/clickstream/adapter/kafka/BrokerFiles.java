package io.clickstream.adapter.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The embedded broker's files under its home: server.properties, the data directory, the logs and the logging
 * configuration of its JVM (for logback or log4j2, whichever binding the application's classpath carries).
 */
final class BrokerFiles {
    private final Path home;

    BrokerFiles(Path home) {
        this.home = home;
    }

    Path home() {
        return home;
    }

    Path serverProperties() {
        return home.resolve("server.properties");
    }

    Path dataDir() {
        return home.resolve("data");
    }

    Path logsDir() {
        return home.resolve("logs");
    }

    Path tmpDir() {
        return home.resolve("tmp");
    }

    Path serverLog() {
        return logsDir().resolve("server.log");
    }

    Path processOutput() {
        return logsDir().resolve("broker.out");
    }

    Path formatOutput() {
        return logsDir().resolve("format.out");
    }

    Path logbackConfig() {
        return home.resolve("logback-broker.xml");
    }

    Path log4jConfig() {
        return home.resolve("log4j2-broker.xml");
    }

    Path pidFile() {
        return home.resolve("broker.pid");
    }

    void createDirectories() {
        try {
            Files.createDirectories(dataDir());
            Files.createDirectories(logsDir());
            Files.createDirectories(tmpDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the embedded Kafka broker's directories under " + home, e);
        }
    }

    /** Formatting writes meta.properties; its presence means the storage (and cluster id) already exist. */
    boolean isFormatted() {
        return Files.exists(dataDir().resolve("meta.properties"));
    }

    Optional<String> clusterId() {
        Path meta = dataDir().resolve("meta.properties");
        if (!Files.exists(meta)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (var in = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(props.getProperty("cluster.id"));
    }

    void writeServerProperties(int port, int controllerPort, Map<String, String> overrides) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        // A static voter set: unlike a dynamic quorum it does not record the controller's address in the
        // metadata log, so the broker can come back on other free ports with the same data.
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", dataDir().toString());
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "4");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // Sized for a small shared machine: one broker next to the application.
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("num.recovery.threads.per.data.dir", "1");
        props.put("log.cleaner.threads", "1");
        props.putAll(overrides);
        List<String> lines = new ArrayList<>();
        lines.add("# Written by the clickstream pipeline at every start of its embedded broker; edits are lost.");
        props.forEach((key, value) -> lines.add(key + "=" + value.replace("\\", "\\\\")));
        write(serverProperties(), String.join("\n", lines) + "\n");
    }

    void writeLogConfigs() {
        String dir = xml(logsDir().toString());
        write(logbackConfig(), """
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.rolling.RollingFileAppender">
                    <file>%1$s/server.log</file>
                    <rollingPolicy class="ch.qos.logback.core.rolling.FixedWindowRollingPolicy">
                      <fileNamePattern>%1$s/server.%%i.log</fileNamePattern>
                      <minIndex>1</minIndex>
                      <maxIndex>3</maxIndex>
                    </rollingPolicy>
                    <triggeringPolicy class="ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy">
                      <maxFileSize>10MB</maxFileSize>
                    </triggeringPolicy>
                    <encoder><pattern>%%d{ISO8601} %%-5level [%%thread] %%logger{36} - %%msg%%n</pattern></encoder>
                  </appender>
                  <logger name="state.change.logger" level="WARN"/>
                  <logger name="kafka.request.logger" level="WARN"/>
                  <root level="INFO"><appender-ref ref="FILE"/></root>
                </configuration>
                """.formatted(dir));
        write(log4jConfig(), """
                <Configuration status="WARN">
                  <Appenders>
                    <RollingFile name="FILE" fileName="%1$s/log4j.log" filePattern="%1$s/log4j.%%i.log">
                      <PatternLayout pattern="%%d{ISO8601} %%-5level [%%t] %%c{1.} - %%m%%n"/>
                      <Policies><SizeBasedTriggeringPolicy size="10MB"/></Policies>
                      <DefaultRolloverStrategy max="3"/>
                    </RollingFile>
                  </Appenders>
                  <Loggers>
                    <Logger name="state.change.logger" level="WARN"/>
                    <Logger name="kafka.request.logger" level="WARN"/>
                    <Root level="INFO"><AppenderRef ref="FILE"/></Root>
                  </Loggers>
                </Configuration>
                """.formatted(dir));
    }

    /**
     * The errors the broker logged and the last lines of its logs, for an error message that says why it did
     * not start (a failed start ends with a screenful of shutdown lines that hide the cause).
     */
    String logTail(int lines) {
        StringBuilder tail = new StringBuilder();
        List<String> errors = errorLines(lastLines(serverLog(), 5000), 10);
        if (!errors.isEmpty()) {
            tail.append("\n--- errors in ").append(serverLog()).append(" ---\n").append(String.join("\n", errors));
        }
        for (Path log : List.of(serverLog(), logsDir().resolve("log4j.log"), processOutput(), formatOutput())) {
            List<String> last = lastLines(log, lines);
            if (!last.isEmpty()) {
                tail.append("\n--- last lines of ").append(log).append(" ---\n").append(String.join("\n", last));
            }
        }
        return tail.length() == 0 ? " (the broker wrote no log under " + logsDir() + ")" : tail.toString();
    }

    /** The last ERROR lines, each with the exception message that follows it. */
    private static List<String> errorLines(List<String> lines, int max) {
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(" ERROR ")) {
                errors.add(lines.get(i));
                if (i + 1 < lines.size() && !lines.get(i + 1).isEmpty()
                        && !Character.isDigit(lines.get(i + 1).charAt(0)) && !lines.get(i + 1).startsWith("\t")) {
                    errors.add(lines.get(i + 1));
                }
            }
        }
        return errors.subList(Math.max(0, errors.size() - 2 * max), errors.size());
    }

    private static List<String> lastLines(Path file, int count) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - count), all.size());
        } catch (IOException | UncheckedIOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
