package io.flinkops.agent.kube;

import io.flinkops.status.DeploymentStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The restart counting rules and the memory that goes into the status file, without Kubernetes. */
class RestartHistoryTest {
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    static DeploymentStatus recorded(DeploymentStatus.Restarts restarts) {
        return new DeploymentStatus("payments", "orders", "c1", "RUNNING", "RUNNING", "j-1", List.of(), null, null, T0.toString(), "prod-eu", restarts);
    }

    @Test
    void aJobWithoutAStateYetThatRestartsCounts() {
        RestartHistory h = new RestartHistory();
        h.observe("k", null, null, 1L, at(0)); // deployed, the operator has reported nothing
        assertEquals(1, h.observe("k", "j-1", "RESTARTING", 1L, at(1)).inFailingWindow());
    }

    @Test
    void aResubmittedJobIsARestart_aNewGenerationIsNot() {
        RestartHistory h = new RestartHistory();
        h.observe("k", "j-1", "FAILED", 1L, at(0));
        assertEquals(1, h.observe("k", "j-2", "RUNNING", 1L, at(1)).inFailingWindow(), "same spec, new job after a failure");
        h.observe("k", "j-2", "FAILED", 1L, at(2));
        assertEquals(1, h.observe("k", "j-3", "RUNNING", 2L, at(3)).inFailingWindow(), "a new spec was deployed: an upgrade, not a restart");
    }

    @Test
    void theRecordContinuesInAnotherHistory_damagedEntriesAreSkipped() {
        RestartHistory first = new RestartHistory();
        first.observe("k", "j-1", "RUNNING", 1L, at(0));
        first.observe("k", "j-1", "RESTARTING", 1L, at(1));
        DeploymentStatus.Restarts kept = first.record("k");
        assertEquals(new DeploymentStatus.Restarts(List.of(at(1).toString()), "RESTARTING", 1L), kept);

        RestartHistory next = new RestartHistory();
        List<String> seen = new ArrayList<>(kept.seen());
        seen.add(0, "not a time");
        next.seed("k", recorded(new DeploymentStatus.Restarts(seen, kept.jobState(), kept.generation())));
        assertTrue(next.knows("k"));
        // Still RESTARTING: the same restart, not a new one.
        assertEquals(1, next.observe("k", "j-1", "RESTARTING", 1L, at(2)).inFailingWindow());
        next.observe("k", "j-1", "RUNNING", 1L, at(3));
        assertEquals(2, next.observe("k", "j-1", "FAILING", 1L, at(4)).inFailingWindow());

        RestartHistory older = new RestartHistory();
        older.seed("k", recorded(null)); // a file an older agent wrote: nothing to continue from
        assertFalse(older.knows("k"));
    }

    @Test
    void aHistoryFromAClockAheadStaysSorted_andTheKeptTimesAreCapped() {
        RestartHistory h = new RestartHistory();
        h.seed("k", recorded(new DeploymentStatus.Restarts(List.of(at(5).toString()), "RUNNING", 1L)));
        h.observe("k", "j-1", "RESTARTING", 1L, at(4)); // this replica's clock is a minute behind the last one's
        assertEquals(List.of(at(4).toString(), at(5).toString()), h.record("k").seen());

        RestartHistory loop = new RestartHistory();
        RestartHistory.Counts c = null;
        for (int i = 0; i < 2 * RestartHistory.MAX_KEPT + 2; i++) {
            c = loop.observe("k", "j-1", i % 2 == 0 ? "RUNNING" : "RESTARTING", 1L, T0.plusSeconds(i));
        }
        assertEquals(RestartHistory.MAX_KEPT, loop.record("k").seen().size());
        assertTrue(c.capped());
    }
}
