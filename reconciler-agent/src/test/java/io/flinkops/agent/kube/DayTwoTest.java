package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.flinkops.agent.cycle.DesiredState;
import io.flinkops.render.Ownership;
import io.flinkops.status.DeploymentStatus;
import io.flinkops.status.DeploymentStatus.Operation;
import io.flinkops.status.DeploymentStatus.SavepointRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.flinkops.agent.kube.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Day-2 operations on the Kubernetes side (docs/day-2.md), against the mock API server with the operator's CRDs: the
 * test plays the operator by writing status subresources (and deleting snapshots as its history cleanup does), with
 * desired objects shaped as the compiler renders them.
 */
class DayTwoTest {
    static final Instant T0 = Instant.parse("2026-12-04T22:00:00Z");
    static final String REQUESTED_AT = "2026-12-04T21:50:00Z";

    /** A Savepoint document of payments/{@code deployment}, rendered for operator 1.10+. */
    static ObjectNode snapshot(String deployment, String savepoint, String requestedAt, String existingLocation) {
        ObjectNode o = object("flink.apache.org/v1beta1", "FlinkStateSnapshot", NS, deployment + "-" + savepoint, CLUSTER, null);
        ((ObjectNode) o.path("metadata").path("labels")).put(Ownership.DEPLOYMENT, deployment).put(DayTwoMetadata.SAVEPOINT, savepoint);
        ((ObjectNode) o.path("metadata").path("annotations")).put(DayTwoMetadata.REQUESTED_AT, requestedAt);
        ObjectNode spec = o.putObject("spec");
        spec.putObject("jobReference").put("kind", "FlinkDeployment").put("name", deployment);
        ObjectNode sp = spec.putObject("savepoint").put("alreadyExists", existingLocation != null).put("disposeOnDelete", false);
        if (existingLocation != null) sp.put("path", existingLocation);
        else sp.put("formatType", "CANONICAL");
        if (existingLocation == null) spec.put("backoffLimit", 3);
        return o;
    }

    static long posts(MockKube kube, String plural) {
        return kube.faults().requests().stream().filter(r -> r.startsWith("POST ") && r.contains("/" + plural)).count();
    }

    /** Writes to the objects themselves (the status subresource is the operator's, here the test's). */
    static long writes(MockKube kube, String plural) {
        return kube.faults().requests().stream().filter(r -> !r.startsWith("GET ") && r.contains("/" + plural + "/") && !r.contains("/status")).count();
    }

    static DeploymentStatus fraud(Map<String, DeploymentStatus> statuses) {
        return statuses.get("payments/fraud");
    }

    static String running() {
        return "{\"observedGeneration\":1,\"lifecycleState\":\"STABLE\",\"jobManagerDeploymentStatus\":\"READY\",\"jobStatus\":{\"state\":\"RUNNING\",\"jobId\":\"j-1\"}}";
    }

    @Test
    void aSavepointRequestIsCreatedOnceItsOutcomeRecordedAndItIsNeverCreatedAgainOnceRecorded() throws Exception {
        try (MockKube kube = new MockKube(10_000)) {
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings());
            DesiredState desired = desired("c1", List.of(deployment("fraud", "running", "savepoint"), snapshot("fraud", "sp1", REQUESTED_AT, null)));

            ApplyResult first = steps.apply(desired);
            assertTrue(first.applied().contains("FlinkStateSnapshot flink-payments/fraud-sp1"), first.toString());
            assertEquals(1, posts(kube, "flinkstatesnapshots"), "created with a POST, not applied");
            assertEquals(0, kube.crud().applyRequests().stream().filter(p -> p.contains("flinkstatesnapshots")).count());
            var live = get(kube.client(), ManagedKind.FLINK_STATE_SNAPSHOT, NS, "fraud-sp1");
            assertEquals(false, tree(live).path("spec").path("savepoint").path("disposeOnDelete").asBoolean(true));

            // The operator labels it and reports its progress; the agent neither sends it again nor "corrects" the labels.
            kube.client().genericKubernetesResources(ManagedKind.FLINK_STATE_SNAPSHOT.context()).inNamespace(NS).withName("fraud-sp1")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"snapshot.type\":\"SAVEPOINT\",\"snapshot.trigger-type\":\"MANUAL\","
                            + "\"snapshot.state\":\"IN_PROGRESS\",\"job-reference.kind\":\"FlinkDeployment\",\"job-reference.name\":\"fraud\"}}}");
            long writesBefore = writes(kube, "flinkstatesnapshots");
            assertEquals(PENDING, result(steps.observe(desired, T0), "sp1"), "no status yet: the operator has not started");
            ApplyResult second = steps.apply(desired);
            assertTrue(second.unchanged().contains("FlinkStateSnapshot flink-payments/fraud-sp1"), second.toString());
            writeStatus(kube.client(), ManagedKind.FLINK_STATE_SNAPSHOT, NS, "fraud-sp1",
                    "{\"state\":\"IN_PROGRESS\",\"triggerId\":\"t-1\",\"triggerTimestamp\":\"2026-12-04T22:00:05Z\"}");
            assertEquals("IN_PROGRESS", result(steps.observe(desired, T0.plusSeconds(10)), "sp1"));
            writeStatus(kube.client(), ManagedKind.FLINK_STATE_SNAPSHOT, NS, "fraud-sp1",
                    "{\"state\":\"COMPLETED\",\"path\":\"s3://bucket/sp/savepoint-1\",\"resultTimestamp\":\"2026-12-04T22:01:12Z\"}");
            writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "fraud", running());
            Map<String, DeploymentStatus> completed = steps.observe(desired, T0.plusSeconds(20));
            assertEquals(List.of(new SavepointRecord("sp1", "s3://bucket/sp/savepoint-1", "MANUAL", "COMPLETED", REQUESTED_AT, "2026-12-04T22:01:12Z", null)),
                    fraud(completed).savepoints());
            assertEquals(new DeploymentStatus.Savepoint("s3://bucket/sp/savepoint-1", "2026-12-04T22:01:12Z", "MANUAL"), fraud(completed).lastSavepoint());
            steps.apply(desired);
            assertEquals(writesBefore, writes(kube, "flinkstatesnapshots"), "the agent never writes a snapshot that exists");

            // The operator cleans up its snapshot history: the agent does not take the savepoint again, nor does an agent that
            // starts afresh from the status branch, and the history keeps the savepoint.
            kube.client().genericKubernetesResources(ManagedKind.FLINK_STATE_SNAPSHOT.context()).inNamespace(NS).withName("fraud-sp1").delete();
            ApplyResult afterCleanup = steps.apply(desired);
            assertEquals(1, afterCleanup.notRecreated().size(), afterCleanup.toString());
            assertTrue(afterCleanup.notRecreated().get(0).startsWith("FlinkStateSnapshot flink-payments/fraud-sp1: the deployment's status records Savepoint sp1"),
                    afterCleanup.notRecreated().toString());
            assertEquals(completed, steps.observe(desired, T0.plusSeconds(30)), "nothing changed: the history keeps it");
            KubernetesSteps restarted = new KubernetesSteps(kube.client(), settings());
            ApplyResult fresh = restarted.apply(desired, () -> completed);
            assertEquals(1, fresh.notRecreated().size(), fresh.toString());
            assertEquals(1, posts(kube, "flinkstatesnapshots"), "created once, in all");
            assertEquals(fraud(completed).savepoints(), fraud(restarted.observe(desired, () -> completed, T0.plusSeconds(40))).savepoints());

            // A new request of the same deployment is created; when its document leaves the repo, prune deletes the snapshot.
            DesiredState two = desired("c2", List.of(deployment("fraud", "running", "savepoint"), snapshot("fraud", "sp1", REQUESTED_AT, null),
                    snapshot("fraud", "sp2", "2026-12-04T23:00:00Z", null)));
            assertTrue(steps.apply(two).applied().contains("FlinkStateSnapshot flink-payments/fraud-sp2"));
            DesiredState without = desired("c3", List.of(deployment("fraud", "running", "savepoint"), snapshot("fraud", "sp1", REQUESTED_AT, null)));
            PruneResult pruned = steps.prune(without, steps.apply(without));
            assertEquals(List.of("FlinkStateSnapshot flink-payments/fraud-sp2"), pruned.deleted());
        }
    }

    static final String PENDING = "PENDING";

    static String result(Map<String, DeploymentStatus> statuses, String savepoint) {
        return fraud(statuses).savepoints().stream().filter(r -> savepoint.equals(r.name())).map(SavepointRecord::result).findFirst()
                .orElseThrow(() -> new AssertionError(savepoint + " not in " + fraud(statuses).savepoints()));
    }

    @Test
    void aFailedSnapshotCarriesTheOperatorsErrorAndTheOperatorsOwnSavepointsAreRecordedWithoutAName() throws Exception {
        try (MockKube kube = new MockKube(10_000)) {
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings());
            DesiredState desired = desired("c1", List.of(deployment("fraud", "running", "savepoint"), snapshot("fraud", "sp1", REQUESTED_AT, null),
                    snapshot("fraud", "restore", "2026-12-01T08:00:00Z", "s3://bucket/sp/savepoint-0")));
            steps.apply(desired);
            writeStatus(kube.client(), ManagedKind.FLINK_STATE_SNAPSHOT, NS, "fraud-sp1", "{\"state\":\"FAILED\",\"failures\":4,"
                    + "\"resultTimestamp\":\"2026-12-04T22:03:00Z\",\"error\":\"Job fraud is not running, cannot take savepoint\"}");
            // The operator's own upgrade savepoint of the job, and one of another job (not this deployment's).
            for (String[] s : List.of(new String[]{"fraud", "upgrade-1", "UPGRADE"}, new String[]{"other", "upgrade-2", "UPGRADE"})) {
                kube.client().genericKubernetesResources(ManagedKind.FLINK_STATE_SNAPSHOT.context()).inNamespace(NS).resource(io.fabric8.kubernetes.client.utils.Serialization
                        .unmarshal("{\"apiVersion\":\"flink.apache.org/v1beta1\",\"kind\":\"FlinkStateSnapshot\",\"metadata\":{\"name\":\"" + s[0] + "-" + s[1]
                                + "\",\"labels\":{\"snapshot.type\":\"SAVEPOINT\",\"snapshot.trigger-type\":\"" + s[2] + "\",\"job-reference.kind\":\"FlinkDeployment\","
                                + "\"job-reference.name\":\"" + s[0] + "\"}},\"spec\":{\"jobReference\":{\"kind\":\"FlinkDeployment\",\"name\":\"" + s[0]
                                + "\"},\"savepoint\":{\"alreadyExists\":false}}}", io.fabric8.kubernetes.api.model.GenericKubernetesResource.class)).create();
                writeStatus(kube.client(), ManagedKind.FLINK_STATE_SNAPSHOT, NS, s[0] + "-" + s[1], "{\"state\":\"COMPLETED\",\"path\":\"s3://bucket/sp/"
                        + s[1] + "\",\"triggerTimestamp\":\"2026-12-04T21:40:00Z\",\"resultTimestamp\":\"2026-12-04T21:41:00Z\"}");
            }
            DeploymentStatus status = fraud(steps.observe(desired, T0));
            assertEquals(3, status.savepoints().size(), status.savepoints().toString());
            SavepointRecord failed = status.savepoints().get(0);
            assertEquals(List.of("sp1", "FAILED", "Job fraud is not running, cannot take savepoint", "2026-12-04T22:03:00Z"),
                    List.of(failed.name(), failed.result(), failed.error(), failed.completedAt()));
            SavepointRecord upgrade = status.savepoints().get(1);
            assertNull(upgrade.name());
            assertEquals(List.of("UPGRADE", "COMPLETED", "s3://bucket/sp/upgrade-1"), List.of(upgrade.trigger(), upgrade.result(), upgrade.location()));
            SavepointRecord registered = status.savepoints().get(2);
            assertEquals(List.of("restore", "REGISTERED", "s3://bucket/sp/savepoint-0", PENDING),
                    List.of(registered.name(), registered.trigger(), registered.location(), registered.result()));
            assertEquals("s3://bucket/sp/upgrade-1", status.lastSavepoint().location(), "the newest the job took; not a registered one");
        }
    }

    @Test
    void aRestartIsAppliedOnceAndRecordedPendingThenDoneWhenTheOperatorReconciledItsNonce() throws Exception {
        try (MockKube kube = new MockKube(10_000)) {
            EventRecorder events = new EventRecorder(kube.client(), java.time.Clock.systemUTC(), "agent", m -> fail(m));
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings(), java.time.Clock.systemUTC(), java.util.Optional.of(events));
            ObjectNode fraud = deployment("fraud", "running", "savepoint");
            long nonce = Instant.parse("2026-12-04T21:55:00Z").getEpochSecond();
            ((ObjectNode) fraud.path("spec")).put("restartNonce", nonce);
            ((ObjectNode) fraud.path("metadata").path("annotations")).put(DayTwoMetadata.RESTART, "2026-12-04T22:55:00+01:00");
            DesiredState desired = desired("c1", List.of(fraud));
            steps.apply(desired);
            writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "fraud", running());
            assertEquals(List.of(new Operation("RESTART", "2026-12-04T21:55:00Z", null, null, PENDING, T0.toString(), null)),
                    fraud(steps.observe(desired, T0)).operations());
            assertTrue(steps.apply(desired).unchanged().contains("FlinkDeployment flink-payments/fraud"), "re-applied unchanged: no second restart");
            assertTrue(new KubernetesSteps(kube.client(), settings()).apply(desired).unchanged().contains("FlinkDeployment flink-payments/fraud"),
                    "nor after an agent restart");
            assertEquals(nonce, tree(get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "fraud")).path("spec").path("restartNonce").asLong());

            writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "fraud", "{\"reconciliationStatus\":{\"state\":\"DEPLOYED\",\"lastReconciledSpec\":"
                    + "\"{\\\"spec\\\":{\\\"restartNonce\\\":" + nonce + ",\\\"job\\\":{\\\"state\\\":\\\"running\\\"}}}\"}}");
            Instant t1 = T0.plusSeconds(90);
            Map<String, DeploymentStatus> done = steps.observe(desired, t1);
            assertEquals(List.of(new Operation("RESTART", "2026-12-04T21:55:00Z", null, null, "DONE", t1.toString(), null)), fraud(done).operations());
            // The job failing later is its own failure, not the restart's.
            writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "fraud", "{\"jobStatus\":{\"state\":\"FAILED\"},\"error\":\"boom\"}");
            assertEquals("DONE", fraud(steps.observe(desired, t1.plusSeconds(60))).operations().get(0).result());
            // kubectl describe tells it: one event when the restart was first seen, one when it was done; none for the rest.
            List<String> reasons = kube.client().v1().events().inNamespace(NS).list().getItems().stream()
                    .filter(e -> "fraud".equals(e.getInvolvedObject().getName()) && e.getReason().startsWith("Restart"))
                    .map(io.fabric8.kubernetes.api.model.Event::getReason).sorted().toList();
            assertEquals(List.of("RestartDone", "RestartRequested"), reasons);
        }
    }

    @Test
    void aRedeployNamesItsSavepointAndFailsWithTheOperatorsError() throws Exception {
        try (MockKube kube = new MockKube(10_000)) {
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings());
            ObjectNode fraud = deployment("fraud", "running", "savepoint");
            long nonce = Instant.parse("2026-12-04T22:10:00Z").getEpochSecond();
            ((ObjectNode) fraud.path("spec").path("job")).put("initialSavepointPath", "s3://bucket/sp/savepoint-0").put("savepointRedeployNonce", nonce);
            ((ObjectNode) fraud.path("metadata").path("annotations")).put(DayTwoMetadata.REDEPLOY_FROM, "restore");
            DesiredState desired = desired("c1", List.of(fraud));
            steps.apply(desired);
            writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "fraud", "{\"observedGeneration\":1,\"lifecycleState\":\"FAILED\","
                    + "\"error\":\"{\\\"type\\\":\\\"x\\\",\\\"message\\\":\\\"Savepoint s3://bucket/sp/savepoint-0 does not exist\\\"}\","
                    + "\"reconciliationStatus\":{\"state\":\"DEPLOYED\",\"lastReconciledSpec\":\"{\\\"spec\\\":{\\\"job\\\":{\\\"state\\\":\\\"running\\\","
                    + "\\\"savepointRedeployNonce\\\":" + nonce + "}}}\"}}");
            assertEquals(List.of(new Operation("REDEPLOY", "2026-12-04T22:10:00Z", "s3://bucket/sp/savepoint-0", "restore", "FAILED", T0.toString(),
                    "Savepoint s3://bucket/sp/savepoint-0 does not exist")), fraud(steps.observe(desired, T0)).operations());
        }
    }

    @Test
    void theNonceRouteOfOperatorsBefore110ReadsTheOutcomeFromSavepointInfo() throws Exception {
        try (MockKube kube = new MockKube(10_000)) {
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings());
            ObjectNode fraud = deployment("fraud", "running", "savepoint");
            long nonce = Instant.parse(REQUESTED_AT).getEpochSecond();
            ((ObjectNode) fraud.path("spec").path("job")).put("savepointTriggerNonce", nonce);
            ((ObjectNode) fraud.path("metadata").path("annotations")).put(DayTwoMetadata.SAVEPOINT_REQUEST, "sp1");
            DesiredState desired = desired("c1", List.of(fraud));
            steps.apply(desired);
            writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "fraud", running());
            assertEquals(PENDING, result(steps.observe(desired, T0), "sp1"));
            writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "fraud", "{\"jobStatus\":{\"savepointInfo\":{\"triggerId\":\"t-1\","
                    + "\"triggerTimestamp\":1733349000000,\"triggerType\":\"MANUAL\",\"formatType\":\"CANONICAL\"}}}");
            assertEquals("IN_PROGRESS", result(steps.observe(desired, T0.plusSeconds(10)), "sp1"));
            long at = Instant.parse("2026-12-04T21:51:12Z").toEpochMilli();
            writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "fraud", "{\"jobStatus\":{\"checkpointInfo\":{\"lastCheckpoint\":{\"timeStamp\":"
                    + Instant.parse("2026-12-04T22:14:02Z").toEpochMilli() + ",\"triggerType\":\"PERIODIC\"}},"
                    + "\"savepointInfo\":{\"triggerId\":null,\"triggerTimestamp\":null,\"triggerType\":null,"
                    + "\"lastSavepoint\":{\"timeStamp\":" + at + ",\"location\":\"s3://bucket/sp/savepoint-2\",\"triggerType\":\"MANUAL\",\"triggerNonce\":" + nonce + "},"
                    + "\"savepointHistory\":[{\"timeStamp\":" + (at - 3_600_000) + ",\"location\":\"s3://bucket/sp/savepoint-1\",\"triggerType\":\"PERIODIC\"},"
                    + "{\"timeStamp\":" + at + ",\"location\":\"s3://bucket/sp/savepoint-2\",\"triggerType\":\"MANUAL\",\"triggerNonce\":" + nonce + "}]}}}");
            DeploymentStatus status = fraud(steps.observe(desired, T0.plusSeconds(20)));
            assertEquals(List.of(new SavepointRecord("sp1", "s3://bucket/sp/savepoint-2", "MANUAL", "COMPLETED", REQUESTED_AT, "2026-12-04T21:51:12Z", null),
                    new SavepointRecord(null, "s3://bucket/sp/savepoint-1", "PERIODIC", "COMPLETED", "2026-12-04T20:51:12Z", "2026-12-04T20:51:12Z", null)),
                    status.savepoints());
            assertEquals(new DeploymentStatus.Checkpoint(null, "2026-12-04T22:14:02Z"), status.lastCheckpoint());

            // A request the operator gave up on: its nonce is reconciled and no savepoint carries it.
            ObjectNode next = fraud.deepCopy();
            long nonce2 = nonce + 600;
            ((ObjectNode) next.path("spec").path("job")).put("savepointTriggerNonce", nonce2);
            ((ObjectNode) next.path("metadata").path("annotations")).put(DayTwoMetadata.SAVEPOINT_REQUEST, "sp2");
            DesiredState second = desired("c2", List.of(next));
            steps.apply(second);
            writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "fraud", "{\"observedGeneration\":2,\"reconciliationStatus\":{\"state\":\"DEPLOYED\","
                    + "\"lastReconciledSpec\":\"{\\\"spec\\\":{\\\"job\\\":{\\\"state\\\":\\\"running\\\",\\\"savepointTriggerNonce\\\":" + nonce2 + "}}}\"}}");
            DeploymentStatus failed = fraud(steps.observe(second, T0.plusSeconds(30)));
            SavepointRecord sp2 = failed.savepoints().get(0);
            assertEquals(List.of("sp2", "FAILED"), List.of(sp2.name(), sp2.result()));
            assertTrue(sp2.error().contains("SavepointError events on FlinkDeployment flink-payments/fraud"), sp2.error());
            assertEquals("COMPLETED", result(Map.of("payments/fraud", failed), "sp1"), "the earlier request stays in the history");
        }
    }
    @Test
    void aClusterWithoutTheSnapshotCrdIsServedAsOneWithoutSnapshots() throws Exception {
        try (MockKube kube = new MockKube(10_000)) {
            // Operators before 1.10 install no FlinkStateSnapshot CRD: the API server answers 404 for the resource.
            kube.faults().fail(FaultInjector.on("GET", "/flinkstatesnapshots"), Integer.MAX_VALUE, 404);
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings());
            DesiredState desired = desired("c1", List.of(deployment("fraud", "running", "savepoint"), configMap("fraud-sql")));
            assertEquals(List.of("ConfigMap flink-payments/fraud-sql", "FlinkDeployment flink-payments/fraud"), steps.apply(desired).applied());
            assertEquals(List.of(), fraud(steps.observe(desired, T0)).savepoints());
            assertEquals(List.of("ConfigMap flink-payments/fraud-sql"),
                    steps.prune(desired("c2", List.of(deployment("fraud", "running", "savepoint"))), null).deleted());
        }
    }
}
