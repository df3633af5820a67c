package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.flinkops.agent.cycle.DesiredState;
import io.flinkops.agent.cycle.Recovery;
import io.flinkops.agent.cycle.StepFailure;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.flinkops.agent.kube.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** The agent killed in the middle of a cycle and started again (a new KubernetesSteps, no memory) converges. */
class RestartConvergenceTest {

    @Test
    void killedMidApply_aNewProcessConverges_appliesEachObjectOnce_andPrunesOnlyWhatItOwns() throws Exception {
        DesiredState v1 = ApplyTest.examples("prod-eu");
        try (MockKube kube = new MockKube()) {
            // A foreign FlinkDeployment in a managed namespace, named like nothing in the repo.
            ObjectNode foreign = deployment("hand-made", "running", "savepoint");
            ((ObjectNode) foreign.get("metadata")).remove("labels");
            ((ObjectNode) foreign.get("metadata")).put("namespace", v1.objects().get(0).namespace());
            kube.client().genericKubernetesResources(ManagedKind.FLINK_DEPLOYMENT.context()).inNamespace(v1.objects().get(0).namespace())
                    .resource(Json.resource(foreign)).create();

            // Killed at the first FlinkDeployment: what comes before it in dependency order is applied.
            kube.faults().fail(FaultInjector.on("PATCH", "/flinkdeployments/"), 1, 503);
            KubernetesSteps first = new KubernetesSteps(kube.client(), settings());
            assertEquals(Recovery.RETRY_SOON, assertThrows(StepFailure.class, () -> first.apply(v1)).recovery());
            int sentBefore = kube.crud().applyRequests().size();

            KubernetesSteps restarted = new KubernetesSteps(kube.client(), settings());
            ApplyResult r = restarted.apply(v1);
            int sentAfter = kube.crud().applyRequests().size();
            assertEquals(r.applied().size(), sentAfter - sentBefore, "only what was missing is sent");
            assertFalse(r.unchanged().isEmpty(), "what the killed process applied is not sent again");
            // Session jobs follow in the next cycle, once the operator reports their clusters READY.
            assertEquals(v1.objects().size(), r.applied().size() + r.unchanged().size() + r.waiting().size());
            ApplyTest.sessionClustersReady(kube, v1);
            ApplyResult next = restarted.apply(v1);
            assertEquals(r.waiting().size(), next.applied().size());
            assertEquals(v1.objects().size(), next.applied().size() + next.unchanged().size());
            // Every FlinkDeployment was written exactly once: generation 1.
            for (GenericKubernetesResource fd : kube.client().genericKubernetesResources(ManagedKind.FLINK_DEPLOYMENT.context()).inAnyNamespace().list().getItems()) {
                assertEquals(1L, fd.getMetadata().getGeneration(), fd.getMetadata().getName());
            }
            PruneResult pruned = restarted.prune(v1, next);
            assertEquals(List.of(), pruned.deleted());
            assertNotNull(get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, v1.objects().get(0).namespace(), "hand-made"));
        }
    }

    @Test
    void aDeploymentSuspendedForPruneThatComesBackIsAppliedInFull() throws Exception {
        try (MockKube kube = new MockKube()) {
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings().withPruneOverride(true));
            ObjectNode stateful = deployment("back", "running", "savepoint");
            steps.apply(desired("c1", List.of(deployment("keep", "running", "stateless"), stateful)));
            writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "back", "{\"observedGeneration\":1,\"jobStatus\":{\"state\":\"RUNNING\"}}");
            assertEquals(1, steps.prune(desired("c2", List.of(deployment("keep", "running", "stateless"))), PruneTest.NONE).suspended().size());

            ApplyResult again = steps.apply(desired("c3", List.of(deployment("keep", "running", "stateless"), stateful)));
            assertEquals(List.of("FlinkDeployment flink-payments/back"), again.applied());
            Map<?, ?> job = (Map<?, ?>) ((Map<?, ?>) get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "back").getAdditionalProperties().get("spec")).get("job");
            assertEquals("running", job.get("state"));
        }
    }

    @Test
    void anInvalidCommitIsObservedFromTheManagedObjectsInTheCluster() throws Exception {
        try (MockKube kube = new MockKube()) {
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings());
            steps.apply(desired("c1", List.of(deployment("orders", "running", "savepoint"), deployment("paused", "suspended", "savepoint"))));
            writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "orders",
                    "{\"observedGeneration\":1,\"lifecycleState\":\"STABLE\",\"jobManagerDeploymentStatus\":\"READY\",\"jobStatus\":{\"state\":\"RUNNING\",\"jobId\":\"j\"}}");
            DesiredState invalid = desired("bad", List.of(), List.of("flink-*"), List.of(ApplyTest.invalidDiagnostic()));
            Map<String, io.flinkops.status.DeploymentStatus> observed = steps.observe(invalid, ObserveTest.T0);
            assertEquals(List.of("payments/orders", "payments/paused"), List.copyOf(observed.keySet()));
            assertEquals("RUNNING", observed.get("payments/orders").state());
            assertEquals("c1", observed.get("payments/orders").sourceCommit());
            assertEquals("SUSPENDED", observed.get("payments/paused").desiredState());
        }
    }

    @Test
    void observeFailuresAreRetriedSoon() throws Exception {
        try (MockKube kube = new MockKube()) {
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings());
            DesiredState d = desired("c1", List.of(deployment("orders", "running", "savepoint")));
            steps.apply(d);
            kube.faults().fail(FaultInjector.on("GET", "/flinkdeployments?"), 1, 500);
            StepFailure f = assertThrows(StepFailure.class, () -> steps.observe(d, ObserveTest.T0));
            assertEquals(Recovery.RETRY_SOON, f.recovery());
            assertEquals("TRANSITIONING", steps.observe(d, ObserveTest.T0).get("payments/orders").state());
        }
    }
}
