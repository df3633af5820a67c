package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.agent.cycle.DesiredState;
import io.flinkops.status.DeploymentStatus;
import io.flinkops.status.StatusFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.flinkops.agent.kube.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** The operator's status, written by the test onto the status subresource, mapped to VVP states and conditions. */
class ObserveTest {
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    /**
     * @param status   the simulated operator status (null: none yet); {@code GEN} is replaced by the object's generation
     * @param applied  whether the object is in the cluster at all
     */
    record Case(String name, String jobState, String upgradeMode, String status, boolean applied,
                String expectedState, boolean unreachable, String errorContains) {
    }

    static Case c(String name, String jobState, String upgradeMode, String status, String expected) {
        return new Case(name, jobState, upgradeMode, status, true, expected, false, null);
    }

    static Case unreachable(String name, String status, String expected) {
        return new Case(name, "running", "savepoint", status, true, expected, true, null);
    }

    static Case failed(String name, String status, String error) {
        return new Case(name, "running", "savepoint", status, true, "FAILED", false, error);
    }

    static String s(String lifecycle, String jobState) {
        return "{\"observedGeneration\":GEN,\"lifecycleState\":\"" + lifecycle + "\",\"jobManagerDeploymentStatus\":\"READY\","
                + "\"jobStatus\":{\"state\":\"" + jobState + "\",\"jobId\":\"j-1\"}}";
    }

    static final List<Case> CASES = List.of(
            c("no-status", "running", "savepoint", null, "TRANSITIONING"),
            c("behind", "running", "savepoint", s("STABLE", "RUNNING").replace("GEN", "0"), "TRANSITIONING"),
            c("old-operator", "running", "savepoint", "{\"lifecycleState\":\"STABLE\",\"jobManagerDeploymentStatus\":\"READY\",\"jobStatus\":{\"state\":\"RUNNING\"},"
                    + "\"reconciliationStatus\":{\"lastReconciledSpec\":\"{\\\"spec\\\":{\\\"job\\\":{\\\"state\\\":\\\"running\\\"}},\\\"resource_metadata\\\":{\\\"metadata\\\":{\\\"generation\\\":GEN}}}\"}}",
                    "RUNNING"),
            c("old-operator-behind", "running", "savepoint", "{\"lifecycleState\":\"STABLE\",\"jobStatus\":{\"state\":\"RUNNING\"},"
                    + "\"reconciliationStatus\":{\"lastReconciledSpec\":\"{\\\"resource_metadata\\\":{\\\"metadata\\\":{\\\"generation\\\":0}}}\"}}", "TRANSITIONING"),
            c("reconciled-other-job-state", "running", "savepoint", "{\"observedGeneration\":GEN,\"lifecycleState\":\"SUSPENDED\",\"jobManagerDeploymentStatus\":\"READY\","
                    + "\"jobStatus\":{\"state\":\"SUSPENDED\"},\"reconciliationStatus\":{\"lastReconciledSpec\":\"{\\\"spec\\\":{\\\"job\\\":{\\\"state\\\":\\\"suspended\\\"}}}\"}}",
                    "TRANSITIONING"),
            c("running-stable", "running", "savepoint", s("STABLE", "RUNNING"), "RUNNING"),
            c("running-deployed", "running", "savepoint", s("DEPLOYED", "RUNNING"), "TRANSITIONING"),
            c("running-upgrading", "running", "savepoint", s("UPGRADING", "RUNNING"), "TRANSITIONING"),
            c("rolling-back", "running", "savepoint", s("ROLLING_BACK", "RUNNING"), "TRANSITIONING"),
            c("job-created", "running", "savepoint", s("DEPLOYED", "CREATED"), "TRANSITIONING"),
            c("job-initializing", "running", "savepoint", s("DEPLOYED", "INITIALIZING"), "TRANSITIONING"),
            c("job-reconciling", "running", "savepoint", s("DEPLOYED", "RECONCILING"), "TRANSITIONING"),
            c("job-restarting", "running", "savepoint", s("STABLE", "RESTARTING"), "TRANSITIONING"),
            c("job-failing", "running", "savepoint", s("STABLE", "FAILING"), "TRANSITIONING"),
            c("job-cancelling", "running", "savepoint", s("STABLE", "CANCELLING"), "TRANSITIONING"),
            c("deploying", "running", "savepoint", "{\"observedGeneration\":GEN,\"lifecycleState\":\"DEPLOYED\",\"jobManagerDeploymentStatus\":\"DEPLOYING\"}", "TRANSITIONING"),
            failed("job-failed", "{\"observedGeneration\":GEN,\"lifecycleState\":\"STABLE\",\"jobManagerDeploymentStatus\":\"READY\",\"jobStatus\":{\"state\":\"FAILED\"},"
                    + "\"error\":\"{\\\"type\\\":\\\"org.apache.flink.runtime.JobException\\\",\\\"message\\\":\\\"Recovery is suppressed by NoRestartBackoffTimeStrategy\\\"}\"}",
                    "Recovery is suppressed by NoRestartBackoffTimeStrategy"),
            failed("lifecycle-failed", "{\"observedGeneration\":GEN,\"lifecycleState\":\"FAILED\",\"jobManagerDeploymentStatus\":\"READY\",\"error\":\"bad jar\"}", "bad jar"),
            failed("rolled-back", s("ROLLED_BACK", "RUNNING"), "rolled back"),
            c("finished", "running", "savepoint", s("STABLE", "FINISHED"), "FINISHED"),
            c("suspended", "suspended", "savepoint", "{\"observedGeneration\":GEN,\"lifecycleState\":\"SUSPENDED\",\"jobManagerDeploymentStatus\":\"MISSING\",\"jobStatus\":{\"state\":\"SUSPENDED\"}}", "SUSPENDED"),
            c("suspending", "suspended", "savepoint", s("STABLE", "RUNNING"), "TRANSITIONING"),
            c("cancelled", "suspended", "stateless", "{\"observedGeneration\":GEN,\"lifecycleState\":\"SUSPENDED\",\"jobManagerDeploymentStatus\":\"MISSING\",\"jobStatus\":{\"state\":\"CANCELED\"}}", "CANCELLED"),
            c("cancelled-outside", "running", "savepoint", s("STABLE", "CANCELED"), "CANCELLED"),
            unreachable("jm-missing", s("STABLE", "RUNNING").replace("READY", "MISSING"), "RUNNING"),
            unreachable("jm-error", s("STABLE", "RECONCILING").replace("READY", "ERROR"), "TRANSITIONING"),
            unreachable("job-unknown", s("STABLE", "UNKNOWN"), "UNKNOWN"),
            unreachable("error-unreachable", "{\"observedGeneration\":GEN,\"lifecycleState\":\"STABLE\",\"jobManagerDeploymentStatus\":\"READY\","
                    + "\"jobStatus\":{\"state\":\"RUNNING\"},\"error\":\"java.net.ConnectException: Connection refused: orders-rest.flink-payments:8081\"}", "RUNNING"),
            // Operators that report no lifecycleState say what they are doing only in reconciliationStatus.state.
            c("upgrading-no-lifecycle", "running", "savepoint", "{\"observedGeneration\":GEN,\"jobManagerDeploymentStatus\":\"READY\","
                    + "\"jobStatus\":{\"state\":\"RUNNING\"},\"reconciliationStatus\":{\"state\":\"UPGRADING\"}}", "TRANSITIONING"),
            c("rolling-back-no-lifecycle", "running", "savepoint", "{\"observedGeneration\":GEN,\"jobManagerDeploymentStatus\":\"READY\","
                    + "\"jobStatus\":{\"state\":\"RUNNING\"},\"reconciliationStatus\":{\"state\":\"ROLLING_BACK\"}}", "TRANSITIONING"),
            failed("rolled-back-no-lifecycle", "{\"observedGeneration\":GEN,\"jobManagerDeploymentStatus\":\"READY\","
                    + "\"jobStatus\":{\"state\":\"RUNNING\"},\"reconciliationStatus\":{\"state\":\"ROLLED_BACK\"}}", "rolled back"),
            // The generation said both ways, disagreeing: the lower one counts.
            c("generations-disagree", "running", "savepoint", "{\"observedGeneration\":GEN,\"lifecycleState\":\"STABLE\",\"jobManagerDeploymentStatus\":\"READY\","
                    + "\"jobStatus\":{\"state\":\"RUNNING\"},\"reconciliationStatus\":{\"lastReconciledSpec\":\"{\\\"resource_metadata\\\":{\\\"metadata\\\":{\\\"generation\\\":0}}}\"}}",
                    "TRANSITIONING"),
            // No generation anywhere: the spec the operator last reconciled must have the applied spec's fields.
            c("no-generation-same-spec", "running", "savepoint", noGeneration("running", 2), "RUNNING"),
            c("no-generation-other-spec", "running", "savepoint", noGeneration("running", 1), "TRANSITIONING"),
            new Case("absent", "running", "savepoint", null, false, "UNKNOWN", false, "not in the cluster"));

    /**
     * The status of an operator that records no generation, its last reconciled spec the fixture's deployment with
     * {@code parallelism}, written the way the operator writes its typed spec (more fields than were applied).
     */
    static String noGeneration(String jobState, int parallelism) {
        ObjectNode spec = (ObjectNode) deployment("x", jobState, "savepoint").get("spec");
        ((ObjectNode) spec.get("job")).put("parallelism", parallelism).put("allowNonRestoredState", (String) null).putArray("args");
        spec.put("restartNonce", (String) null).putObject("jobManager").put("replicas", 1);
        ObjectNode lastReconciled = JSON.createObjectNode();
        lastReconciled.set("spec", spec);
        ObjectNode status = JSON.createObjectNode();
        status.put("lifecycleState", "STABLE").put("jobManagerDeploymentStatus", "READY");
        status.putObject("jobStatus").put("state", "RUNNING");
        status.putObject("reconciliationStatus").put("state", "DEPLOYED").put("lastReconciledSpec", lastReconciled.toString());
        return status.toString();
    }

    @Test
    void everyStateAndCondition() throws Exception {
        try (MockKube kube = new MockKube()) {
            List<ObjectNode> objects = new ArrayList<>();
            List<ObjectNode> applied = new ArrayList<>();
            for (Case k : CASES) {
                ObjectNode d = deployment(k.name(), k.jobState(), k.upgradeMode());
                objects.add(d);
                if (k.applied()) applied.add(d);
            }
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings());
            steps.apply(desired("c1", applied));
            for (Case k : CASES) {
                if (k.status() == null) continue;
                long generation = get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, k.name()).getMetadata().getGeneration();
                writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, k.name(), k.status().replace("GEN", Long.toString(generation)));
            }
            Map<String, DeploymentStatus> observed = steps.observe(desired("c1", objects), T0);
            assertEquals(CASES.size(), observed.size());
            List<Executable> checks = new ArrayList<>();
            for (Case k : CASES) {
                checks.add(() -> {
                    DeploymentStatus st = observed.get("payments/" + k.name());
                    assertNotNull(st, k.name());
                    assertEquals(k.expectedState(), st.state(), k.name() + ": " + st);
                    assertEquals(k.unreachable() ? "True" : "False", condition(st, "ClusterUnreachable").status(), k.name() + ": " + st);
                    assertEquals("False", condition(st, "JobFailing").status());
                    if (k.errorContains() != null) {
                        assertNotNull(st.error(), k.name());
                        assertTrue(st.error().contains(k.errorContains()), k.name() + ": " + st.error());
                    }
                    assertEquals(T0.toString(), st.observedAt());
                });
            }
            assertAll(checks);
            DeploymentStatus suspended = observed.get("payments/suspended");
            assertEquals("SUSPENDED", suspended.desiredState());
            assertEquals("CANCELLED", observed.get("payments/cancelled").desiredState());
            assertEquals("RUNNING", observed.get("payments/running-stable").desiredState());
            assertEquals("j-1", observed.get("payments/running-stable").jobId());
            assertEquals("c1", observed.get("payments/running-stable").sourceCommit());
        }
    }

    /** The operator's status after it reconciled {@code generation}: a JSON merge patch, so every field is set or cleared. */
    static String operator(Long observedGeneration, String reconciliationState, String reconciledJobState, Long reconciledGeneration,
                           String lifecycle, String jobState) {
        ObjectNode lastReconciled = JSON.createObjectNode();
        lastReconciled.putObject("spec").putObject("job").put("state", reconciledJobState);
        if (reconciledGeneration != null) lastReconciled.putObject("resource_metadata").putObject("metadata").put("generation", reconciledGeneration);
        ObjectNode status = JSON.createObjectNode();
        status.put("observedGeneration", observedGeneration).put("lifecycleState", lifecycle).put("jobManagerDeploymentStatus", "READY");
        status.putObject("jobStatus").put("state", jobState).put("jobId", "j-1");
        status.putObject("reconciliationStatus").put("state", reconciliationState).put("lastReconciledSpec", lastReconciled.toString());
        return status.toString();
    }

    /**
     * A spec change applied to a running deployment, and the operator catching up with it step by step as the
     * operator writes its status (observedGeneration is written when an upgrade <em>starts</em>). Until it has deployed
     * the new generation the state is TRANSITIONING, never the old generation's RUNNING.
     */
    @Test
    void aNewGenerationIsTransitioningUntilTheOperatorHasReconciledIt() throws Exception {
        try (MockKube kube = new MockKube()) {
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings());
            DesiredState v1 = desired("c1", List.of(deployment("orders", "running", "savepoint")));
            steps.apply(v1);
            writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "orders", operator(1L, "DEPLOYED", "running", 1L, "STABLE", "RUNNING"));
            assertEquals("RUNNING", steps.observe(v1, T0).get("payments/orders").state());

            ObjectNode changed = deployment("orders", "running", "savepoint");
            ((ObjectNode) changed.path("spec").path("job")).put("parallelism", 4);
            DesiredState v2 = desired("c2", List.of(changed));
            steps.apply(v2);
            assertEquals(2L, get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "orders").getMetadata().getGeneration());
            record Step(String what, String status, String expected) {
            }
            List<Step> timeline = List.of(
                    new Step("not seen yet: the status still describes generation 1", null, "TRANSITIONING"),
                    new Step("upgrade started: observedGeneration 2, the job still the old one",
                            operator(2L, "UPGRADING", "suspended", 2L, "UPGRADING", "RUNNING"), "TRANSITIONING"),
                    new Step("an operator without lifecycleState, upgrade started",
                            operator(2L, "UPGRADING", "suspended", 2L, null, "RUNNING"), "TRANSITIONING"),
                    new Step("deployed, not yet stable", operator(2L, "DEPLOYED", "running", 2L, "DEPLOYED", "RUNNING"), "TRANSITIONING"),
                    new Step("stable", operator(2L, "DEPLOYED", "running", 2L, "STABLE", "RUNNING"), "RUNNING"));
            for (Step step : timeline) {
                if (step.status() != null) writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "orders", step.status());
                assertEquals(step.expected(), steps.observe(v2, T0).get("payments/orders").state(), step.what());
            }

            // An operator that records no generation at all: its last reconciled spec must be the applied one.
            ObjectNode v3spec = deployment("orders", "running", "savepoint");
            ((ObjectNode) v3spec.path("spec").path("job")).put("parallelism", 6);
            DesiredState v3 = desired("c3", List.of(v3spec));
            steps.apply(v3);
            writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "orders", "{\"observedGeneration\":null,\"reconciliationStatus\":"
                    + "{\"lastReconciledSpec\":" + JSON.writeValueAsString(JSON.createObjectNode().set("spec", changed.get("spec")).toString()) + "}}");
            assertEquals("TRANSITIONING", steps.observe(v3, T0).get("payments/orders").state(), "reconciled spec has parallelism 4, 6 applied");
            writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "orders", "{\"reconciliationStatus\":"
                    + "{\"lastReconciledSpec\":" + JSON.writeValueAsString(JSON.createObjectNode().set("spec", v3spec.get("spec")).toString()) + "}}");
            assertEquals("RUNNING", steps.observe(v3, T0).get("payments/orders").state(), "reconciled spec is the applied one");
        }
    }

    static DeploymentStatus.Condition condition(DeploymentStatus st, String type) {
        return st.conditions().stream().filter(c -> c.type().equals(type)).findFirst().orElseThrow(() -> new AssertionError(type + " missing: " + st));
    }

    @Test
    void savepointInfo() throws Exception {
        try (MockKube kube = new MockKube()) {
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings());
            DesiredState desired = desired("c1", List.of(deployment("with-savepoint", "running", "savepoint"), deployment("upgrade-path", "running", "savepoint")));
            steps.apply(desired);
            writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "with-savepoint", "{\"observedGeneration\":1,\"lifecycleState\":\"STABLE\",\"jobStatus\":{\"state\":\"RUNNING\","
                    + "\"upgradeSavepointPath\":\"s3://b/sp/old\",\"savepointInfo\":{\"lastSavepoint\":{\"location\":\"s3://b/sp/savepoint-1\",\"timeStamp\":1763719200000,\"triggerType\":\"PERIODIC\"}}}}");
            writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "upgrade-path", "{\"observedGeneration\":1,\"lifecycleState\":\"STABLE\",\"jobStatus\":{\"state\":\"RUNNING\","
                    + "\"upgradeSavepointPath\":\"s3://b/sp/savepoint-2\"}}");
            Map<String, DeploymentStatus> observed = steps.observe(desired, T0);
            assertEquals(new DeploymentStatus.Savepoint("s3://b/sp/savepoint-1", "2025-11-21T10:00:00Z", "PERIODIC"), observed.get("payments/with-savepoint").lastSavepoint());
            assertEquals(new DeploymentStatus.Savepoint("s3://b/sp/savepoint-2", null, "UPGRADE"), observed.get("payments/upgrade-path").lastSavepoint());
        }
    }

    @Test
    void sessionJobs_useTheirSessionClustersJobManager() throws Exception {
        try (MockKube kube = new MockKube()) {
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings());
            DesiredState desired = desired("c1", List.of(sessionCluster("shared"), sessionJob("report", "shared"), sessionJob("orphan", "gone")));
            steps.apply(desired);
            writeStatus(kube.client(), ManagedKind.SESSION_CLUSTER, NS, "shared", "{\"observedGeneration\":1,\"lifecycleState\":\"STABLE\",\"jobManagerDeploymentStatus\":\"READY\"}");
            steps.apply(desired); // session jobs follow once their cluster is READY
            // A job whose session cluster was removed after the job was applied (apply holds a new one back).
            PruneTest.create(kube.client(), ManagedKind.FLINK_SESSION_JOB, sessionJob("orphan", "gone"));
            String running = "{\"observedGeneration\":1,\"lifecycleState\":\"STABLE\",\"jobStatus\":{\"state\":\"RUNNING\",\"jobId\":\"s-1\"}}";
            writeStatus(kube.client(), ManagedKind.FLINK_SESSION_JOB, NS, "report", running);
            writeStatus(kube.client(), ManagedKind.FLINK_SESSION_JOB, NS, "orphan", running);
            Map<String, DeploymentStatus> observed = steps.observe(desired, T0);
            assertEquals(List.of("payments/orphan", "payments/report"), List.copyOf(observed.keySet()), "session clusters get no status of their own");
            assertEquals("RUNNING", observed.get("payments/report").state());
            assertEquals("False", condition(observed.get("payments/report"), "ClusterUnreachable").status());
            assertEquals("True", condition(observed.get("payments/orphan"), "ClusterUnreachable").status());

            writeStatus(kube.client(), ManagedKind.SESSION_CLUSTER, NS, "shared", "{\"jobManagerDeploymentStatus\":\"MISSING\"}");
            assertEquals("True", condition(steps.observe(desired, T0.plusSeconds(60)).get("payments/report"), "ClusterUnreachable").status());
        }
    }

    @Test
    void restartsObservedOverTime_giveJobFailingAndJobUnstable_andTimesOnlyMoveOnChange() throws Exception {
        try (MockKube kube = new MockKube()) {
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings());
            DesiredState desired = desired("c1", List.of(deployment("flaky", "running", "savepoint")));
            steps.apply(desired);
            record Step(int minute, String jobState, String failing, String unstable) {
            }
            List<Step> timeline = List.of(
                    new Step(0, "RUNNING", "False", "False"),
                    new Step(1, "RESTARTING", "False", "False"),   // 1
                    new Step(2, "RUNNING", "False", "False"),
                    new Step(3, "RESTARTING", "False", "False"),   // 2
                    new Step(4, "RESTARTING", "False", "False"),   // still the same restart
                    new Step(5, "RUNNING", "False", "False"),
                    new Step(6, "FAILING", "True", "True"),        // 3 within 10 min
                    new Step(7, "RUNNING", "True", "True"),
                    new Step(12, "RUNNING", "False", "True"),      // the first left the 10 min window
                    new Step(62, "RUNNING", "False", "False"));     // and the 60 min window
            DeploymentStatus before = null;
            String failingSince = null;
            for (Step step : timeline) {
                writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "flaky",
                        "{\"observedGeneration\":1,\"lifecycleState\":\"STABLE\",\"jobManagerDeploymentStatus\":\"READY\",\"jobStatus\":{\"state\":\"" + step.jobState() + "\",\"jobId\":\"j-1\"}}");
                Instant at = T0.plus(Duration.ofMinutes(step.minute()));
                DeploymentStatus st = steps.observe(desired, at).get("payments/flaky");
                assertEquals(step.failing(), condition(st, "JobFailing").status(), "minute " + step.minute() + ": " + st);
                assertEquals(step.unstable(), condition(st, "JobUnstable").status(), "minute " + step.minute() + ": " + st);
                if (step.minute() == 6) {
                    failingSince = condition(st, "JobFailing").lastTransitionTime();
                    assertEquals(at.toString(), failingSince);
                    assertTrue(condition(st, "JobFailing").message().contains("3 times within the last 10 minutes"));
                }
                if (step.minute() == 7) assertEquals(failingSince, condition(st, "JobFailing").lastTransitionTime(), "unchanged condition keeps its time");
                before = st;
            }
            // Nothing changes: the very same status, observedAt included (so no new commit).
            assertEquals(before, steps.observe(desired, T0.plus(Duration.ofMinutes(63))).get("payments/flaky"));
            assertEquals(T0.plus(Duration.ofMinutes(62)).toString(), before.observedAt());
        }
    }

    /**
     * The restart history lives in the status: a new process (an agent restart, a new leader, the next {@code --once})
     * that reads the recorded status continues the count. Without it the new process saw JobFailing True→False: a
     * spurious transition at every fail-over.
     */
    @Test
    void restartHistoryContinuesInANewProcessFromTheRecordedStatus() throws Exception {
        try (MockKube kube = new MockKube()) {
            DesiredState desired = desired("c1", List.of(deployment("flaky", "running", "savepoint")));
            KubernetesSteps first = new KubernetesSteps(kube.client(), settings());
            first.apply(desired);
            DeploymentStatus recorded = null;
            String[] states = {"RUNNING", "RESTARTING", "RUNNING", "RESTARTING", "RUNNING", "FAILING"};
            for (int minute = 0; minute < states.length; minute++) {
                writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "flaky",
                        "{\"observedGeneration\":1,\"lifecycleState\":\"STABLE\",\"jobManagerDeploymentStatus\":\"READY\",\"jobStatus\":{\"state\":\""
                                + states[minute] + "\",\"jobId\":\"j-1\"}}");
                DeploymentStatus st = first.observe(desired, T0.plus(Duration.ofMinutes(minute))).get("payments/flaky");
                // What the status branch holds after each cycle: the file, read back.
                recorded = StatusFiles.readDeployment(StatusFiles.toYaml(st.withCluster("prod-eu")));
            }
            assertEquals("True", condition(recorded, "JobFailing").status(), recorded.toString());
            assertEquals(List.of(T0.plus(Duration.ofMinutes(1)).toString(), T0.plus(Duration.ofMinutes(3)).toString(),
                    T0.plus(Duration.ofMinutes(5)).toString()), recorded.restarts().seen());
            assertEquals("FAILING", recorded.restarts().jobState());
            assertEquals(1L, recorded.restarts().generation());
            String failingSince = condition(recorded, "JobFailing").lastTransitionTime();

            // The leader dies; a new process takes over, the job recovers meanwhile.
            writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "flaky",
                    "{\"jobStatus\":{\"state\":\"RUNNING\",\"jobId\":\"j-1\"}}");
            KubernetesSteps second = new KubernetesSteps(kube.client(), settings());
            Map<String, DeploymentStatus> branch = Map.of("payments/flaky", recorded);
            DeploymentStatus after = second.observe(desired, () -> branch, T0.plus(Duration.ofMinutes(7))).get("payments/flaky");
            assertEquals("True", condition(after, "JobFailing").status(), "3 restarts within 10 minutes, whoever observed them");
            assertEquals(failingSince, condition(after, "JobFailing").lastTransitionTime(), "no transition");
            assertEquals("True", condition(after, "JobUnstable").status());
            // A restart the new process sees is the 4th, not the 1st.
            writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "flaky", "{\"jobStatus\":{\"state\":\"RESTARTING\",\"jobId\":\"j-1\"}}");
            DeploymentStatus fourth = second.observe(desired, () -> fail("asked only for deployments new to the process"),
                    T0.plus(Duration.ofMinutes(8))).get("payments/flaky");
            assertEquals(4, fourth.restarts().seen().size());
            assertTrue(condition(fourth, "JobFailing").message().contains("4 times within the last 10 minutes"), fourth.toString());
            // And the windows still close: at minute 14 only the restarts of minutes 5 and 8 are within 10 minutes.
            writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "flaky", "{\"jobStatus\":{\"state\":\"RUNNING\",\"jobId\":\"j-1\"}}");
            DeploymentStatus later = second.observe(desired, T0.plus(Duration.ofMinutes(14))).get("payments/flaky");
            assertEquals("False", condition(later, "JobFailing").status());
            assertEquals("True", condition(later, "JobUnstable").status());

            // Without the recorded status (as before this change) the new process would start from nothing.
            KubernetesSteps amnesic = new KubernetesSteps(kube.client(), settings());
            assertEquals("False", condition(amnesic.observe(desired, T0.plus(Duration.ofMinutes(7))).get("payments/flaky"), "JobFailing").status());
        }
    }
}
