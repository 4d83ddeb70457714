package io.clickstream.adapter.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.domain.ZonePath;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lease in the lake that lets one stage job at a time work on the staging zone, across processes and machines.
 *
 * <p>The holder renews it every third of its duration; a holder that died stops renewing, and its lease expires
 * after at most one duration, after which the next job takes over (and finishes the dead job's batch, see
 * {@link BatchCommit}). A holder on this host (same host name and pid namespace) whose process no longer exists is
 * known to be dead, so its lease is taken over at once: a server killed during a stage job and restarted at once
 * must not wait out the duration (and fail the scheduler's stage task meanwhile). The lake offers no
 * compare-and-set, so acquiring writes the lease, waits, and reads it back: of two jobs racing for a free lease the
 * later write wins and the other one backs off.
 */
final class StageLease implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StageLease.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataLake lake;
    private final ZonePath path;
    private final Duration duration;
    private final Clock clock;
    private final String token = UUID.randomUUID().toString();
    private final Identity self;
    private final ScheduledExecutorService renewer;
    private volatile boolean lost;

    private StageLease(DataLake lake, ZonePath path, Duration duration, Clock clock, Identity self) {
        this.lake = lake;
        this.path = path;
        this.duration = duration;
        this.clock = clock;
        this.self = self;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stage-lease-renewer");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Takes the lease or fails naming the holder.
     *
     * @throws StageLockedException while another live job holds it
     */
    static StageLease acquire(DataLake lake, ZonePath path, Duration duration, Clock clock) {
        StageLease lease = new StageLease(lake, path, duration, clock, Identity.current());
        lease.take();
        return lease;
    }

    private void take() {
        Optional<Holder> current = read();
        Instant now = clock.instant();
        if (current.isPresent() && current.get().expiresAt().isAfter(now)) {
            Holder holder = current.get();
            if (!holder.diedOnThisHost(self)) {
                throw new StageLockedException(holder.owner(), holder.expiresAt());
            }
            LOG.warn("Taking over the stage lease of {} at once: that process no longer runs on this host (it died "
                    + "during a stage job); its unfinished batch is completed by this run", holder.owner());
        } else {
            current.ifPresent(dead -> LOG.warn("Taking over the stage lease of {}, which expired at {} without being "
                    + "released (that job died); its unfinished batch is completed by this run", dead.owner(),
                    dead.expiresAt()));
        }
        write();
        // settle: a racing writer's lease would have replaced ours by now
        sleep(Math.min(1000, Math.max(100, duration.toMillis() / 20)));
        Optional<Holder> after = read();
        if (after.isEmpty() || !after.get().token().equals(token)) {
            throw new StageLockedException(after.map(Holder::owner).orElse("another stage job"),
                    after.map(Holder::expiresAt).orElse(now.plus(duration)));
        }
        long period = Math.max(1, duration.toMillis() / 3);
        renewer.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    private void renew() {
        try {
            Optional<Holder> current = read();
            if (current.isPresent() && !current.get().token().equals(token)) {
                lost = true;
                LOG.error("The stage lease was taken over by {}; this job stops at its next safe point",
                        current.get().owner());
                return;
            }
            write();
        } catch (RuntimeException e) {
            LOG.warn("Cannot renew the stage lease at {}: {}", path, e.getMessage());
        }
    }

    /** True if another job took the lease over (this one was too slow to renew it): stop before committing. */
    boolean lost() {
        return lost;
    }

    @Override
    public void close() {
        renewer.shutdownNow();
        try {
            renewer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (read().filter(h -> h.token().equals(token)).isPresent()) {
            lake.delete(path);
        }
    }

    private void write() {
        Instant now = clock.instant();
        ObjectNode lease = JSON.createObjectNode().put("token", token).put("owner", self.owner()).put("host", self.host())
                .put("pid", String.valueOf(self.pid())).put("pidNamespace", self.pidNamespace())
                .put("acquiredAt", now.toString()).put("expiresAt", now.plus(duration).toString());
        lake.write(path, (lease + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private Optional<Holder> read() {
        return lake.read(path).map(bytes -> parse(new String(bytes, StandardCharsets.UTF_8)));
    }

    private static Holder parse(String json) {
        JsonNode lease;
        try {
            lease = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            lease = JSON.createObjectNode(); // unreadable: no holder to prove alive, and expired (see below)
        }
        return new Holder(lease.path("token").asText(""), lease.path("owner").asText("unknown"),
                new Identity(lease.path("host").asText(""), parsePid(lease.path("pid").asText("")),
                        lease.path("pidNamespace").asText("")),
                parseInstant(lease.path("expiresAt").asText("")));
    }

    private static long parsePid(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1; // no usable pid: the holder cannot be proven dead, so only expiry frees its lease
        }
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            return Instant.EPOCH; // an unreadable lease counts as expired rather than blocking staging forever
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while taking the stage lease", e);
        }
    }

    private record Holder(String token, String owner, Identity identity, Instant expiresAt) {
        /**
         * True only when the holder is provably dead: it ran on this host in this pid namespace (so its pid means the
         * same process here) and no process with that pid exists. A lease written before these fields existed, one
         * from another host or container, or one whose pid was reused, is left to expire.
         */
        boolean diedOnThisHost(Identity self) {
            return identity.pid() > 0 && identity.host().equals(self.host())
                    && identity.pidNamespace().equals(self.pidNamespace())
                    && ProcessHandle.of(identity.pid()).map(p -> !p.isAlive()).orElse(true);
        }
    }

    /**
     * Who holds a lease: the host name, the process id and the pid namespace. The namespace tells two containers
     * that share a host name (host networking) apart: there the same pid names different processes.
     */
    record Identity(String host, long pid, String pidNamespace) {
        static Identity current() {
            return new Identity(localHostName(), ProcessHandle.current().pid(), localPidNamespace());
        }

        String owner() {
            return host + "/pid-" + pid;
        }

        private static String localHostName() {
            String host = System.getenv().getOrDefault("HOSTNAME", "");
            if (host.isBlank()) {
                try {
                    host = java.net.InetAddress.getLocalHost().getHostName();
                } catch (java.net.UnknownHostException e) {
                    host = "localhost";
                }
            }
            return host.replaceAll("[^A-Za-z0-9._-]", "_");
        }

        /** Linux names the namespace in the link {@code /proc/self/ns/pid} ({@code pid:[4026531836]}); elsewhere empty. */
        private static String localPidNamespace() {
            try {
                return java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/ns/pid")).toString()
                        .replaceAll("[^A-Za-z0-9:\\[\\]._-]", "_");
            } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
                return "";
            }
        }
    }
}
