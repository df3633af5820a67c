package io.flinkops.agent.record;

import io.flinkops.status.AgentStatus;
import io.flinkops.status.DeploymentStatus;
import io.flinkops.status.StatusFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/** The status branch's merge policy, on file contents alone: no Git. */
class StatusMergeTest {
    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    static final String EARLIER = "2026-11-21T09:00:00Z";
    final StatusMerge merge = new StatusMerge("prod-eu");

    /** A tip of file contents, parsed on demand (as the Git side's, without its cache). */
    record Files(Map<String, byte[]> files) implements StatusMerge.Tip {
        static Files of(Object... pathsAndStatuses) {
            Map<String, byte[]> m = new TreeMap<>();
            for (int i = 0; i < pathsAndStatuses.length; i += 2) {
                Object v = pathsAndStatuses[i + 1];
                m.put((String) pathsAndStatuses[i], v instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : StatusFiles.toYaml(v));
            }
            return new Files(m);
        }

        @Override
        public Set<String> paths() {
            return new TreeSet<>(files.keySet());
        }

        @Override
        public Optional<DeploymentStatus> deployment(String path) {
            return Optional.ofNullable(files.get(path)).flatMap(b -> read(() -> StatusFiles.readDeployment(b)));
        }

        @Override
        public Optional<AgentStatus> agent(String path) {
            return Optional.ofNullable(files.get(path)).flatMap(b -> read(() -> StatusFiles.readAgent(b)));
        }

        interface Read<T> {
            T get() throws IOException;
        }

        static <T> Optional<T> read(Read<T> read) {
            try {
                return Optional.of(read.get());
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    static DeploymentStatus status(String deployment, String state, String cluster, String observedAt, String unreachableSince) {
        return new DeploymentStatus("payments", deployment, "c1", "RUNNING", state, null,
                List.of(new DeploymentStatus.Condition("ClusterUnreachable", "False", "", "", unreachableSince)), null, null, observedAt, cluster);
    }

    static AgentStatus agent(String attempted, String applied, String outcome) {
        return new AgentStatus("prod-eu", attempted, applied, outcome, List.of(), List.of(), null, null);
    }

    static StatusUpdate update(Map<String, DeploymentStatus> deployments, boolean removeOwnMissing, AgentStatus agent) {
        return new StatusUpdate("c2", deployments, removeOwnMissing, agent);
    }

    static DeploymentStatus written(StatusMerge.Changes c, String path) throws IOException {
        return StatusFiles.readDeployment(c.writes().get(path));
    }

    @Test
    void aNewStatusIsWrittenWithTheClusterTheSourceCommitAndTheTime() throws Exception {
        DeploymentStatus observed = new DeploymentStatus("payments", "orders", null, "RUNNING", "RUNNING", null, List.of(), null, null, "t0");
        StatusMerge.Changes c = merge.merge(Files.of(), update(Map.of("payments/orders", observed), true, agent("c2", "c2", "SUCCEEDED")), NOW);
        assertEquals(List.of("status/payments/orders.yaml", "status/agents/prod-eu.yaml"), c.changedPaths());
        DeploymentStatus s = written(c, "status/payments/orders.yaml");
        assertEquals("prod-eu", s.cluster());
        assertEquals("c2", s.sourceCommit(), "a status without a source commit is as of the update's");
        assertEquals(NOW.toString(), s.observedAt());
        assertEquals(NOW.toString(), StatusFiles.readAgent(c.writes().get("status/agents/prod-eu.yaml")).observedAt());
    }

    @Test
    void anUnchangedStatusIsNotWrittenSoItKeepsItsBytesAndTime() {
        DeploymentStatus before = status("orders", "RUNNING", "prod-eu", EARLIER, EARLIER);
        AgentStatus agentBefore = agent("c1", "c1", "SUCCEEDED").withObservedAt(EARLIER);
        Files tip = Files.of(before.path(), before, "status/agents/prod-eu.yaml", agentBefore);
        StatusMerge.Changes c = merge.merge(tip, new StatusUpdate("c1", Map.of("payments/orders", status("orders", "RUNNING", null, NOW.toString(), NOW.toString())),
                true, agent("c1", "c1", "SUCCEEDED")), NOW);
        assertTrue(c.isEmpty(), c.changedPaths().toString());
    }

    @Test
    void aConditionThatKeptItsStatusKeepsTheTipsTransitionTime() throws Exception {
        DeploymentStatus before = status("orders", "RUNNING", "prod-eu", EARLIER, EARLIER);
        StatusMerge.Changes c = merge.merge(Files.of(before.path(), before),
                update(Map.of("payments/orders", status("orders", "FAILED", null, NOW.toString(), NOW.toString())), true, null), NOW);
        DeploymentStatus s = written(c, before.path());
        assertEquals("FAILED", s.state());
        assertEquals(EARLIER, s.conditions().get(0).lastTransitionTime(), "ClusterUnreachable stayed False");
        assertEquals(NOW.toString(), s.observedAt());
        assertEquals(List.of(before.path()), c.changedPaths(), "no agent status in the update: its file is left alone");
    }

    @Test
    void onlyThisClustersDepartedDeploymentsAreRemoved() {
        DeploymentStatus kept = status("orders", "RUNNING", "prod-eu", EARLIER, EARLIER);
        DeploymentStatus gone = status("refunds", "RUNNING", "prod-eu", EARLIER, EARLIER);
        DeploymentStatus otherCluster = status("fx", "RUNNING", "staging", EARLIER, EARLIER);
        Files tip = Files.of(kept.path(), kept, gone.path(), gone, otherCluster.path(), otherCluster,
                "status/payments/broken.yaml", "{not: [a status", "status/agents/staging.yaml", agent("a", "a", "SUCCEEDED"), "NOTES.md", "human\n");
        StatusUpdate leaving = update(Map.of("payments/orders", status("orders", "RUNNING", null, EARLIER, EARLIER)), true, null);
        assertEquals(Set.of(gone.path()), merge.merge(tip, leaving, NOW).removals(),
                "another cluster's file, an unreadable one, an agent's and a person's are kept");
        StatusUpdate unsure = update(leaving.deployments(), false, null);
        assertTrue(merge.merge(tip, unsure, NOW).removals().isEmpty(), "after an invalid build or a failed observe nothing is removed");
    }

    @Test
    void aRevisionUnknownThisCycleIsAsBefore() throws Exception {
        Files tip = Files.of("status/agents/prod-eu.yaml", agent("c1", "c0", "SUCCEEDED").withObservedAt(EARLIER));
        StatusMerge.Changes c = merge.merge(tip, new StatusUpdate(null, Map.of(), false, agent(null, null, "NEEDS_HUMAN")), NOW);
        AgentStatus s = StatusFiles.readAgent(c.writes().get("status/agents/prod-eu.yaml"));
        assertEquals("c1", s.lastAttemptedRevision());
        assertEquals("c0", s.lastAppliedRevision());
        assertEquals("NEEDS_HUMAN", s.outcome());
        assertEquals(NOW.toString(), s.observedAt());
    }

    @Test
    void anUnreadableAgentFileIsOverwritten() {
        Files tip = Files.of("status/agents/prod-eu.yaml", "outcome: [");
        StatusMerge.Changes c = merge.merge(tip, update(Map.of(), false, agent("c2", "c2", "SUCCEEDED")), NOW);
        assertEquals(List.of("status/agents/prod-eu.yaml"), c.changedPaths());
    }
}
