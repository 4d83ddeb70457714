package io.clickstream.adapter.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.adapter.memory.InMemoryDataLake;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.ZonePath;
import io.clickstream.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who may take the stage lease before it expires: only a job on the same host whose holder process is gone. The
 * holders are real processes (a finished one and a sleeping one), so "dead" and "alive" are what the OS says.
 */
class StageLeaseTest {
    private static final ZonePath PATH = LakeLayout.stagingCheckpoints().resolve("stage.lease");
    private static final Duration DURATION = Duration.ofMinutes(2);

    private final InMemoryDataLake lake = new InMemoryDataLake();
    // the clock never moves past the holders' expiry: a lease taken in these tests was not taken by expiring
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final StageLease.Identity self = StageLease.Identity.current();
    private Process sleeper;

    @AfterEach
    void stopSleeper() throws InterruptedException {
        if (sleeper != null) {
            sleeper.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_lease_of_a_dead_process_on_this_host_is_taken_over_at_once() throws Exception {
        long dead = deadPid();
        holdLease(self.host(), dead, self.pidNamespace());

        try (StageLease lease = StageLease.acquire(lake, PATH, DURATION, clock)) {
            assertThat(leaseText()).contains("\"pid\":\"" + self.pid() + "\"").doesNotContain("\"pid\":\"" + dead + "\"");
            assertThat(lease.lost()).isFalse();
        }
        assertThat(lake.exists(PATH)).as("released on close").isFalse();
    }

    @Test
    void a_lease_of_a_live_process_on_this_host_stays_locked() throws Exception {
        sleeper = new ProcessBuilder("sleep", "300").start();
        holdLease(self.host(), sleeper.pid(), self.pidNamespace());

        assertThatThrownBy(() -> StageLease.acquire(lake, PATH, DURATION, clock))
                .isInstanceOf(StageLockedException.class)
                .hasMessageContaining(self.host() + "/pid-" + sleeper.pid());
    }

    @Test
    void a_dead_pid_of_another_host_or_pid_namespace_means_nothing_here_so_only_expiry_frees_the_lease()
            throws Exception {
        long dead = deadPid();
        holdLease("other-" + self.host(), dead, self.pidNamespace());
        assertThatThrownBy(() -> StageLease.acquire(lake, PATH, DURATION, clock)).isInstanceOf(StageLockedException.class);

        holdLease(self.host(), dead, "pid:[1]" + self.pidNamespace());
        assertThatThrownBy(() -> StageLease.acquire(lake, PATH, DURATION, clock)).isInstanceOf(StageLockedException.class);

        clock.advance(DURATION.plusSeconds(1));
        try (StageLease lease = StageLease.acquire(lake, PATH, DURATION, clock)) {
            assertThat(leaseText()).contains("\"pid\":\"" + self.pid() + "\"");
        }
    }

    @Test
    void a_lease_without_host_and_pid_fields_is_left_to_expire() {
        // the form written before the lease named its host and pid separately
        String legacy = "{\"token\":\"other\",\"owner\":\"" + self.host() + "/pid-" + Long.MAX_VALUE
                + "\",\"expiresAt\":\"" + clock.instant().plus(DURATION) + "\"}";
        lake.write(PATH, legacy.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> StageLease.acquire(lake, PATH, DURATION, clock)).isInstanceOf(StageLockedException.class);
    }

    @Test
    void a_live_holder_in_this_process_is_not_taken_over() {
        try (StageLease first = StageLease.acquire(lake, PATH, DURATION, clock)) {
            assertThatThrownBy(() -> StageLease.acquire(lake, PATH, DURATION, clock))
                    .isInstanceOf(StageLockedException.class).hasMessageContaining("/pid-" + self.pid());
            assertThat(first.lost()).isFalse();
        }
    }

    private void holdLease(String host, long pid, String pidNamespace) {
        String json = "{\"token\":\"other\",\"owner\":\"" + host + "/pid-" + pid + "\",\"host\":\"" + host
                + "\",\"pid\":\"" + pid + "\",\"pidNamespace\":\"" + pidNamespace + "\",\"acquiredAt\":\""
                + clock.instant() + "\",\"expiresAt\":\"" + clock.instant().plus(DURATION) + "\"}\n";
        lake.write(PATH, json.getBytes(StandardCharsets.UTF_8));
    }

    private String leaseText() {
        return new String(lake.read(PATH).orElseThrow(), StandardCharsets.UTF_8);
    }

    /** The pid of a process that ran on this host and has exited (and been reaped). */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(p.pid()).filter(ProcessHandle::isAlive)).as("pid %s reused at once", p.pid()).isEmpty();
        return p.pid();
    }
}
