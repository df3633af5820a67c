package io.flinkops.agent;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.flinkops.agent.kube.MockKube;
import io.flinkops.agent.testing.GitFixture;
import io.flinkops.status.DeploymentStatus;
import io.flinkops.status.DeploymentStatus.SavepointRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.flinkops.agent.AgentEndToEndTest.FLINK_DEPLOYMENT;
import static io.flinkops.agent.AgentEndToEndTest.context;
import static io.flinkops.agent.AgentEndToEndTest.deployment;
import static io.flinkops.agent.AgentEndToEndTest.operatorStatus;
import static io.flinkops.agent.AgentEndToEndTest.status;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Day-2 operations end to end (docs/day-2.md), with real parts only: commits to a bare Git remote on disk compiled by
 * the real compiler, {@link Main#run} with {@code --once} (a new agent process each run: only the status branch links
 * one run to the next, as it links an old leader to a new one), the mock API server with the operator's CRDs. The test
 * plays the operator by writing status subresources and deleting snapshots as its history cleanup does.
 */
class DayTwoEndToEndTest {
    static final ResourceDefinitionContext SNAPSHOTS = context("flink.apache.org/v1beta1", "FlinkStateSnapshot");
    static final String FRAUD_FILE = "config/namespaces/payments/deployments/fraud-scoring.yaml";

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

    /** Applies the examples and lets the session cluster come up, so that every later run applies cleanly. */
    void start(GitFixture git, MockKube kube, StringBuilder logs) {
        assertEquals(1, once(git, kube, logs), logs::toString);
        assertNotNull(kube.client().genericKubernetesResources(FLINK_DEPLOYMENT).inNamespace("bi-streaming").withName("analytics-shared").get(),
                logs::toString);
        operatorStatus(kube.client(), FLINK_DEPLOYMENT, "bi-streaming", "analytics-shared", "{\"observedGeneration\":GEN,"
                + "\"lifecycleState\":\"STABLE\",\"jobManagerDeploymentStatus\":\"READY\"}");
        assertEquals(0, once(git, kube, logs), logs::toString);
        running(kube.client(), "");
    }

    static void running(KubernetesClient client, String more) {
        operatorStatus(client, FLINK_DEPLOYMENT, "flink-payments", "fraud-scoring", "{\"observedGeneration\":GEN,\"lifecycleState\":\"STABLE\","
                + "\"jobManagerDeploymentStatus\":\"READY\",\"jobStatus\":{\"state\":\"RUNNING\",\"jobId\":\"5f3c2a1b9d8e7f6a5b4c3d2e1f0a9b8c\"}" + more + "}");
    }

    static void savepoint(GitFixture git, String name, String createdAt) throws Exception {
        git.write("config/namespaces/payments/savepoints/fraud-scoring/" + name + ".yaml", """
                apiVersion: v1
                kind: Savepoint
                metadata:
                  name: %s
                  deploymentName: fraud-scoring
                  createdAt: "%s"
                  annotations:
                    flinkops.io/reason: before the Kafka migration
                spec: {}
                """.formatted(name, createdAt));
    }

    static DeploymentStatus fraud(GitFixture git) throws Exception {
        return deployment(status(git), "payments", "fraud-scoring");
    }

    static SavepointRecord record(DeploymentStatus s, String name) {
        return s.savepoints().stream().filter(r -> name.equals(r.name())).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + s.savepoints()));
    }

    static long snapshotCreates(MockKube kube) {
        return kube.faults().requests().stream().filter(r -> r.startsWith("POST ") && r.contains("/flinkstatesnapshots")).count();
    }

    @Test
    void aSavepointRequestIsTakenOnceItsOutcomeRecordedAndTheSnapshotNotRecreatedAfterTheOperatorsCleanup() throws Exception {
        try (GitFixture git = new GitFixture(tmp.resolve("git")); MockKube kube = new MockKube(10_000)) {
            StringBuilder logs = new StringBuilder();
            KubernetesClient client = kube.client();
            start(git, kube, logs);

            String first = "fraud-scoring-20261204-215000";
            String firstObject = "fraud-scoring-" + first;
            savepoint(git, first, "2026-12-04T21:50:00Z");
            git.commitAndPush("savepoint of fraud-scoring before the Kafka migration");
            assertEquals(0, once(git, kube, logs), logs::toString);
            var snapshot = client.genericKubernetesResources(SNAPSHOTS).inNamespace("flink-payments").withName(firstObject).get();
            assertNotNull(snapshot, "the agent created the FlinkStateSnapshot");
            assertEquals(1, snapshotCreates(kube));
            assertEquals(new SavepointRecord(first, null, "MANUAL", "PENDING", "2026-12-04T21:50:00Z", null, null), record(fraud(git), first));

            operatorStatus(client, SNAPSHOTS, "flink-payments", firstObject, "{\"state\":\"IN_PROGRESS\",\"triggerId\":\"t1\","
                    + "\"triggerTimestamp\":\"2026-12-04T21:50:30Z\"}");
            assertEquals(0, once(git, kube, logs), logs::toString);
            assertEquals("IN_PROGRESS", record(fraud(git), first).result());
            operatorStatus(client, SNAPSHOTS, "flink-payments", firstObject, "{\"state\":\"COMPLETED\","
                    + "\"path\":\"s3://flink/savepoints/fraud-scoring/savepoint-8a1f2c-5e0d\",\"resultTimestamp\":\"2026-12-04T21:51:12Z\"}");
            assertEquals(0, once(git, kube, logs), logs::toString);
            DeploymentStatus completed = fraud(git);
            assertEquals(new SavepointRecord(first, "s3://flink/savepoints/fraud-scoring/savepoint-8a1f2c-5e0d", "MANUAL", "COMPLETED",
                    "2026-12-04T21:50:00Z", "2026-12-04T21:51:12Z", null), record(completed, first));
            assertEquals("s3://flink/savepoints/fraud-scoring/savepoint-8a1f2c-5e0d", completed.lastSavepoint().location());

            // A second request fails: the record carries the operator's error.
            String second = "fraud-scoring-20261204-220000";
            savepoint(git, second, "2026-12-04T22:00:00Z");
            git.commitAndPush("another savepoint");
            assertEquals(0, once(git, kube, logs), logs::toString);
            operatorStatus(client, SNAPSHOTS, "flink-payments", "fraud-scoring-" + second, "{\"state\":\"FAILED\",\"failures\":4,"
                    + "\"resultTimestamp\":\"2026-12-04T22:03:00Z\",\"error\":\"Job fraud-scoring is not running, cannot take savepoint\"}");
            assertEquals(0, once(git, kube, logs), logs::toString);
            SavepointRecord failed = record(fraud(git), second);
            assertEquals(List.of("FAILED", "Job fraud-scoring is not running, cannot take savepoint"), List.of(failed.result(), failed.error()));
            assertEquals(List.of(second, first), fraud(git).savepoints().stream().map(SavepointRecord::name).toList(), "newest first");

            // The operator cleans up its history: the next runs (new processes) do not take the savepoint again.
            client.genericKubernetesResources(SNAPSHOTS).inNamespace("flink-payments").withName(firstObject).delete();
            assertEquals(0, once(git, kube, logs), logs::toString);
            assertEquals(0, once(git, kube, logs), logs::toString);
            assertNull(client.genericKubernetesResources(SNAPSHOTS).inNamespace("flink-payments").withName(firstObject).get(), "not recreated");
            assertEquals(2, snapshotCreates(kube), "one snapshot per request, in all");
            assertEquals(record(completed, first), record(fraud(git), first), "the history keeps it");

            // `flinkops status` shows the history from the status branch the agent pushed (read from the remote).
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            int code = io.flinkops.cli.Main.run(new String[]{"status", "payments/fraud-scoring", git.bare.toString()},
                    new java.io.PrintWriter(out), new java.io.PrintWriter(err));
            assertEquals(0, code, err::toString);
            String shown = out.toString();
            org.junit.jupiter.api.Assertions.assertTrue(shown.matches("(?s).*\\n" + second + " +2026-12-04T22:00:00Z +MANUAL +FAILED +2026-12-04T22:03:00Z +-\\n"
                    + "  error: Job fraud-scoring is not running, cannot take savepoint\\n" + first + " +2026-12-04T21:50:00Z +MANUAL +COMPLETED "
                    + "+2026-12-04T21:51:12Z +s3://flink/savepoints/fraud-scoring/savepoint-8a1f2c-5e0d\\n.*"), shown);
        }
    }

    @Test
    void aRestartIsAppliedOnceNotRepeatedByLaterRunsAndRecordedPendingThenDone() throws Exception {
        try (GitFixture git = new GitFixture(tmp.resolve("git")); MockKube kube = new MockKube(10_000)) {
            StringBuilder logs = new StringBuilder();
            KubernetesClient client = kube.client();
            start(git, kube, logs);
            assertEquals(0, once(git, kube, logs), logs::toString);

            git.write(FRAUD_FILE, git.read(FRAUD_FILE).replace("  name: fraud-scoring\n",
                    "  name: fraud-scoring\n  annotations:\n    flinkops.io/restart: \"2026-12-04T22:20:00Z\"\n"));
            git.commitAndPush("restart fraud-scoring");
            int before = kube.crud().applyRequests().size();
            assertEquals(0, once(git, kube, logs), logs::toString);
            List<String> sent = AgentEndToEndTest.applied(kube, before);
            assertTrue(sent.contains("flinkdeployments/flink-payments/fraud-scoring"), sent.toString());
            long nonce = Instant.parse("2026-12-04T22:20:00Z").getEpochSecond();
            var live = client.genericKubernetesResources(FLINK_DEPLOYMENT).inNamespace("flink-payments").withName("fraud-scoring").get();
            assertEquals(nonce, ((Number) ((Map<?, ?>) live.getAdditionalProperties().get("spec")).get("restartNonce")).longValue());
            DeploymentStatus.Operation pending = fraud(git).operations().get(0);
            assertEquals(List.of("RESTART", "2026-12-04T22:20:00Z", "PENDING"), List.of(pending.type(), pending.requestedAt(), pending.result()));

            // The next runs (each a new agent process) send nothing: the nonce is not re-sent, the job not restarted again.
            int afterRestart = kube.crud().applyRequests().size();
            assertEquals(0, once(git, kube, logs), logs::toString);
            assertEquals(0, once(git, kube, logs), logs::toString);
            assertEquals(afterRestart, kube.crud().applyRequests().size(), "applied once");
            assertEquals(pending, fraud(git).operations().get(0), "still pending, unchanged");

            // The operator reconciles the nonce and the job runs again.
            running(client, ",\"reconciliationStatus\":{\"state\":\"DEPLOYED\",\"lastReconciledSpec\":\"{\\\"spec\\\":{\\\"restartNonce\\\":" + nonce
                    + ",\\\"job\\\":{\\\"state\\\":\\\"running\\\"}}}\"}");
            assertEquals(0, once(git, kube, logs), logs::toString);
            DeploymentStatus.Operation done = fraud(git).operations().get(0);
            assertEquals(List.of("RESTART", "2026-12-04T22:20:00Z", "DONE"), List.of(done.type(), done.requestedAt(), done.result()));
            assertEquals(afterRestart, kube.crud().applyRequests().size());
            String tip = AgentEndToEndTest.statusTip(git).name();
            assertEquals(0, once(git, kube, logs), logs::toString);
            assertEquals(tip, AgentEndToEndTest.statusTip(git).name(), "nothing changed: no status commit");
        }
    }

    @Test
    void onOperator19ASavepointRequestIsANonceAndItsOutcomeComesFromSavepointInfo() throws Exception {
        try (GitFixture git = new GitFixture(tmp.resolve("git")); MockKube kube = new MockKube(10_000)) {
            StringBuilder logs = new StringBuilder();
            KubernetesClient client = kube.client();
            // Operator 1.9 runs Flink 1.15 to 1.19: the examples move to 1.19, the one on Flink 2.1 goes.
            git.write("config/flinkops.yaml", git.read("config/flinkops.yaml").replace("version: \"1.15\"", "version: \"1.9\"")
                    .replace("\"1.20\":", "\"1.19\":"));
            try (var files = java.nio.file.Files.walk(git.human.resolve("config"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                    java.nio.file.Files.writeString(f, java.nio.file.Files.readString(f).replace("flinkVersion: \"1.20\"", "flinkVersion: \"1.19\""));
                }
            }
            java.nio.file.Files.delete(git.human.resolve("config/namespaces/analytics/deployments/clickstream-sessionizer.yaml")); // Flink 2.1
            git.commitAndPush("the cluster runs operator 1.9");
            start(git, kube, logs);

            String name = "fraud-scoring-20261204-215000";
            savepoint(git, name, "2026-12-04T21:50:00Z");
            git.commitAndPush("savepoint of fraud-scoring");
            assertEquals(0, once(git, kube, logs), logs::toString);
            long nonce = Instant.parse("2026-12-04T21:50:00Z").getEpochSecond();
            var live = client.genericKubernetesResources(FLINK_DEPLOYMENT).inNamespace("flink-payments").withName("fraud-scoring").get();
            Map<?, ?> job = (Map<?, ?>) ((Map<?, ?>) live.getAdditionalProperties().get("spec")).get("job");
            assertEquals(nonce, ((Number) job.get("savepointTriggerNonce")).longValue());
            assertEquals(name, live.getMetadata().getAnnotations().get("flinkops.io/savepoint-request"));
            assertEquals("PENDING", record(fraud(git), name).result());

            long at = Instant.parse("2026-12-04T21:51:12Z").toEpochMilli();
            operatorStatus(client, FLINK_DEPLOYMENT, "flink-payments", "fraud-scoring", "{\"jobStatus\":{\"savepointInfo\":{\"lastSavepoint\":"
                    + "{\"timeStamp\":" + at + ",\"location\":\"s3://flink/savepoints/fraud-scoring/savepoint-8a1f2c-5e0d\",\"triggerType\":\"MANUAL\","
                    + "\"triggerNonce\":" + nonce + "}}}}");
            assertEquals(0, once(git, kube, logs), logs::toString);
            assertEquals(new SavepointRecord(name, "s3://flink/savepoints/fraud-scoring/savepoint-8a1f2c-5e0d", "MANUAL", "COMPLETED",
                    "2026-12-04T21:50:00Z", "2026-12-04T21:51:12Z", null), record(fraud(git), name));
        }
    }
}
