package io.clickstream.adapter.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.JobStore;
import io.clickstream.domain.Job;
import io.clickstream.domain.JobState;
import io.clickstream.domain.JobType;
import io.clickstream.domain.LakeLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job records in the lake, one JSON file each under {@code analytics/_jobs/}, so jobs survive a server restart. Each
 * record names the process that ran the job (host and pid): a queued or running job is handed back only when that
 * process is provably gone (same host, and its pid is no longer alive or is this very process, which has only just
 * started), so a server starting beside a live one on the same lake never declares the other's jobs interrupted.
 */
public final class LakeJobStoreAdapter implements JobStore {
    private static final Logger LOG = LoggerFactory.getLogger(LakeJobStoreAdapter.class);

    private final DataLake lake;
    private final String host = hostName();
    private final long pid = ProcessHandle.current().pid();
    private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public LakeJobStoreAdapter(DataLake lake) {
        this.lake = lake;
    }

    @Override
    public void save(Job job) {
        ObjectNode record = json.createObjectNode()
                .put("jobId", job.jobId()).put("type", job.type().wireName()).put("runId", job.runId())
                .put("state", job.state().name()).put("progress", job.progress())
                .put("createdAt", job.createdAt().toString())
                .put("startedAt", text(job.startedAt())).put("finishedAt", text(job.finishedAt()))
                .put("message", job.message()).put("host", host).put("pid", pid);
        ObjectNode counts = record.putObject("counts");
        job.counts().forEach(counts::put);
        ObjectNode measures = record.putObject("measures");
        job.measures().forEach(measures::put);
        try {
            lake.write(LakeLayout.jobRecord(job.jobId()), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(record));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<Job> loadAll() {
        List<Job> jobs = new ArrayList<>();
        for (DataLake.LakeObject o : lake.list(LakeLayout.jobRecords())) {
            if (o.path().relative().endsWith(".json")) {
                lake.read(o.path()).flatMap(bytes -> parse(o.path().toString(), bytes)).ifPresent(jobs::add);
            }
        }
        return jobs;
    }

    private boolean orphaned(JsonNode record) {
        long owner = record.path("pid").asLong(-1);
        return host.equals(record.path("host").asText())
                && (owner == pid || ProcessHandle.of(owner).map(p -> !p.isAlive()).orElse(true));
    }

    static String hostName() {
        String name = System.getenv().getOrDefault("HOSTNAME", "");
        if (name.isBlank()) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                name = "unknown-host";
            }
        }
        return name;
    }

    @Override
    public void delete(String jobId) {
        lake.delete(LakeLayout.jobRecord(jobId));
    }

    @Override
    public String toString() {
        return lake.describe() + " " + LakeLayout.jobRecords();
    }

    private Optional<Job> parse(String where, byte[] bytes) {
        try {
            JsonNode n = json.readTree(bytes);
            Map<String, Long> counts = new LinkedHashMap<>();
            n.path("counts").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
            // Records written before measures existed have none.
            Map<String, Double> measures = new LinkedHashMap<>();
            n.path("measures").fields().forEachRemaining(e -> measures.put(e.getKey(), e.getValue().asDouble()));
            JobState state = JobState.valueOf(n.path("state").asText());
            if (!state.isTerminal() && !orphaned(n)) {
                return Optional.empty();
            }
            JobType type = JobType.parse(n.path("type").asText())
                    .orElseThrow(() -> new IllegalArgumentException("unknown job type " + n.path("type")));
            return Optional.of(new Job(n.path("jobId").asText(), type, n.path("runId").asText(),
                    state, n.path("progress").asDouble(),
                    Instant.parse(n.path("createdAt").asText()), instant(n.get("startedAt")), instant(n.get("finishedAt")),
                    counts, measures, n.hasNonNull("message") ? n.get("message").asText() : null));
        } catch (IOException | RuntimeException e) {
            LOG.warn("skipping the unreadable job record {}: {}", where, e.getMessage());
            return Optional.empty();
        }
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    private static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : Instant.parse(node.asText());
    }
}
