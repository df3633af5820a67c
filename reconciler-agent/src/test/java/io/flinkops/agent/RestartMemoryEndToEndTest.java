package io.flinkops.agent;

import io.flinkops.agent.kube.MockKube;
import io.flinkops.agent.testing.GitFixture;
import io.flinkops.status.DeploymentStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.flinkops.agent.AgentEndToEndTest.FLINK_DEPLOYMENT;
import static io.flinkops.agent.AgentEndToEndTest.condition;
import static io.flinkops.agent.AgentEndToEndTest.deployment;
import static io.flinkops.agent.AgentEndToEndTest.operatorStatus;
import static io.flinkops.agent.AgentEndToEndTest.status;
import static io.flinkops.agent.AgentEndToEndTest.transition;
import static org.junit.jupiter.api.Assertions.*;

/**
 * JobFailing from restarts that no single process saw: every {@code --once} run is a new process (fresh
 * {@code KubernetesSteps}), so only the status branch links one run's observation to the next, exactly as it links
 * an old leader's to a new one's. Real parts: {@link Main#run}, the mock API server, a bare Git remote on disk.
 */
class RestartMemoryEndToEndTest {
    @TempDir
    Path tmp;

    int once(GitFixture git, MockKube kube, StringBuilder logs) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String[] args = {"--once", "--cluster", "prod-eu", "--repo-url", git.fileUrl(), "--path", "config",
                "--work-dir", tmp.resolve("agent-work").toString(), "--allowed-namespaces", "flink-*,bi-streaming",
                "--retry-attempts", "2", "--retry-initial", "10ms", "--retry-max", "50ms", "--http-port", "0"};
        int code = Main.run(args, Map.of(), (ignored, settings) -> Main.kubernetesSteps(kube.client(), settings),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        logs.append(bytes.toString(StandardCharsets.UTF_8));
        return code;
    }

    @Test
    void onceRunsRaiseJobFailingFromTheRecordedHistoryAndKeepItWithoutASpuriousTransition() throws Exception {
        try (GitFixture git = new GitFixture(tmp.resolve("git"));
             MockKube kube = new MockKube(10_000)) {
            StringBuilder logs = new StringBuilder();
            // Applies; the session jobs wait for their session cluster, which the operator then reports READY.
            assertEquals(1, once(git, kube, logs), logs::toString);
            operatorStatus(kube.client(), FLINK_DEPLOYMENT, "bi-streaming", "analytics-shared", "{\"observedGeneration\":GEN,"
                    + "\"lifecycleState\":\"STABLE\",\"jobManagerDeploymentStatus\":\"READY\"}");
            assertEquals(0, once(git, kube, logs), logs::toString);

            // The job restarts three times, one --once run between each change; the last run sees it recovered.
            String[] jobStates = {"RESTARTING", "RUNNING", "RESTARTING", "RUNNING", "RESTARTING", "RUNNING"};
            List<String> failing = new ArrayList<>();
            List<String> failingSince = new ArrayList<>();
            DeploymentStatus last = null;
            for (String jobState : jobStates) {
                operatorStatus(kube.client(), FLINK_DEPLOYMENT, "flink-payments", "fraud-scoring", "{\"observedGeneration\":GEN,"
                        + "\"lifecycleState\":\"STABLE\",\"jobManagerDeploymentStatus\":\"READY\",\"jobStatus\":{\"state\":\"" + jobState
                        + "\",\"jobId\":\"9f2a6c1e\"}}");
                assertEquals(0, once(git, kube, logs), logs::toString);
                last = deployment(status(git), "payments", "fraud-scoring");
                failing.add(condition(last, "JobFailing"));
                failingSince.add(transition(last, "JobFailing"));
            }
            assertEquals(List.of("False", "False", "False", "False", "True", "True"), failing,
                    "the third restart raises JobFailing, and the recovery does not lower it");
            assertEquals(failingSince.get(4), failingSince.get(5), "no transition on the run after");
            assertEquals(3, last.restarts().seen().size(), last.toString());
            assertEquals("RUNNING", last.restarts().jobState());
            assertEquals("True", condition(last, "JobUnstable"));
        }
    }
}
