package io.flinkops.agent;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkops.agent.cycle.ClusterSteps;
import io.flinkops.agent.cycle.DesiredState;
import io.flinkops.agent.cycle.Recovery;
import io.flinkops.agent.cycle.StepFailure;
import io.flinkops.agent.kube.ApplyResult;
import io.flinkops.agent.kube.PruneResult;
import io.flinkops.status.DeploymentStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ReflectiveStepsTest {
    public record Settings(List<String> allowedNamespaces, boolean pruneWhenEmpty, double maxPruneShare, boolean pruneOverride) {
    }

    /** Shaped like io.flinkops.agent.kube.KubernetesSteps: does not implement ClusterSteps. */
    public static final class Target {
        static Settings last;

        public Target(KubernetesClient client, Settings settings) {
            last = settings;
        }

        public ApplyResult apply(DesiredState d) throws StepFailure {
            throw new StepFailure(Recovery.RETRY_SOON, "api down");
        }

        public PruneResult prune(DesiredState d, ApplyResult a) {
            return new PruneResult(List.of("x"), List.of(), List.of());
        }

        public Map<String, DeploymentStatus> observe(DesiredState d, Instant now) {
            return Map.of();
        }
    }

    @Test
    void buildsTheKubeSettingsFromTheAgentSettingsAndPassesStepFailuresThrough() throws Exception {
        AgentSettings s = new AgentSettings("prod-eu", "file:///x", "main", "", "flinkops/status", java.nio.file.Path.of("w"),
                java.time.Duration.ofMinutes(1), java.time.Duration.ofSeconds(15), io.flinkops.agent.cycle.Backoff.DEFAULT, 5, 0, false, null, "l", "me",
                io.flinkops.agent.git.GitCredentials.none(), List.of("flink-*"), true, 0.25, false);
        ClusterSteps steps = ReflectiveSteps.create(Target.class.getName(), null, s);
        assertEquals(new Settings(List.of("flink-*"), true, 0.25, false), Target.last);
        DesiredState d = new DesiredState("prod-eu", "c", List.of(), List.of(), List.of());
        StepFailure f = assertThrows(StepFailure.class, () -> steps.apply(d));
        assertEquals(Recovery.RETRY_SOON, f.recovery());
        assertEquals(List.of("x"), steps.prune(d, null).deleted());
        assertEquals(Map.of(), steps.observe(d, Instant.EPOCH));
    }
}
