package io.clickstream.adapter.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Kafka's own producer benchmark ({@code org.apache.kafka.tools.ProducerPerformance} of kafka-tools, what
 * {@code kafka-producer-perf-test.sh} runs) in its own JVM against a broker: the baseline of the publish rate of
 * {@code bin/pipeline bench ingest}. The tool comes from {@code org.apache.kafka:kafka-tools}, a runtime dependency.
 * Its payloads are the pipeline's own messages (one per line of a payload file), so the record count, sizes and
 * compressibility match; producer settings are Kafka's defaults with {@code acks=all}.
 */
public final class ProducerPerformanceBaseline {
    private static final Pattern RESULT = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec");

    private ProducerPerformanceBaseline() {
    }

    /** Records/s reported by the tool for {@code records} messages picked from {@code payloadFile}. */
    public static double recordsPerSecond(String bootstrapServers, int partitions, long records, Path payloadFile)
            throws IOException, InterruptedException {
        String topic = "bench.producer-performance." + System.currentTimeMillis();
        try (Admin admin = AdminClients.create(bootstrapServers, Duration.ofSeconds(30), "bench-topic-creation")) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("cannot create topic " + topic + ": " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance",
                "--topic", topic, "--num-records", Long.toString(records), "--throughput", "-1",
                "--payload-file", payloadFile.toString(),
                "--producer-props", "bootstrap.servers=" + bootstrapServers, "acks=all"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("ProducerPerformance failed:\n" + output);
        }
        Matcher m = RESULT.matcher(output);
        double rate = -1;
        while (m.find()) {
            rate = Double.parseDouble(m.group(2)); // the last line is the total
        }
        if (rate < 0) {
            throw new IOException("ProducerPerformance printed no result:\n" + output);
        }
        return rate;
    }

    /** The landed rows (the raw-topic message values), one per line, without the CSV header rows. */
    public static Path payloadFile(List<Path> landedCsvFiles, Path file) {
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Path csv : landedCsvFiles) {
                List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
                for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                    if (!line.isEmpty()) {
                        out.write(line);
                        out.write('\n');
                    }
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
