package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkops.agent.cycle.DesiredState;
import io.flinkops.agent.cycle.Recovery;
import io.flinkops.agent.cycle.StepFailure;
import io.flinkops.render.Ownership;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.flinkops.agent.kube.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class PruneTest {
    static final ApplyResult NONE = new ApplyResult(List.of(), List.of(), List.of());

    static void create(KubernetesClient client, ManagedKind kind, ObjectNode content) {
        client.genericKubernetesResources(kind.context()).inNamespace(content.path("metadata").path("namespace").asText())
                .resource(Json.resource(content)).create();
    }

    static List<ObjectNode> four() {
        return List.of(deployment("a", "running", "stateless"), deployment("b", "running", "stateless"),
                configMap("a-sql"), configMap("b-sql"));
    }

    @Test
    void deletesOnlyWhatItOwnsAndNoLongerWants() throws Exception {
        try (MockKube kube = new MockKube()) {
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings());
            steps.apply(desired("c1", four()));
            // Not ours: no labels, only one label, another cluster's, same name in another namespace.
            ObjectNode unlabelled = deployment("b", "running", "stateless");
            ((ObjectNode) unlabelled.get("metadata")).put("namespace", "flink-other").remove("labels");
            create(kube.client(), ManagedKind.FLINK_DEPLOYMENT, unlabelled);
            ObjectNode onlyManagedBy = configMap("half");
            ((ObjectNode) onlyManagedBy.path("metadata").path("labels")).remove(Ownership.CLUSTER);
            create(kube.client(), CONFIG_MAP, onlyManagedBy);
            create(kube.client(), CONFIG_MAP, object("v1", "ConfigMap", NS, "staging-cm", "staging", null));

            DesiredState next = desired("c2", List.of(deployment("a", "running", "stateless"), configMap("a-sql"), configMap("b-sql")));
            ApplyResult applied = steps.apply(next);
            PruneResult r = steps.prune(next, applied);
            assertEquals(List.of("FlinkDeployment flink-payments/b"), r.deleted());
            assertEquals(List.of(), r.withheld());
            assertNull(get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "b"));
            assertNotNull(get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, "flink-other", "b"), "unlabelled object of the same name survives");
            assertNotNull(get(kube.client(), CONFIG_MAP, NS, "half"), "an object with only one of the labels survives");
            assertNotNull(get(kube.client(), CONFIG_MAP, NS, "staging-cm"), "another cluster's object survives");
            assertNotNull(get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "a"));
            assertEquals(List.of(), steps.prune(next, NONE).deleted(), "nothing left to prune");
        }
    }

    @Test
    void refusedObjectsAreNotPruned() throws Exception {
        try (MockKube kube = new MockKube()) {
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings());
            steps.apply(desired("c1", four()));
            // The repo policy no longer allows the namespace: apply refuses, and prune must not delete either.
            DesiredState narrowed = desired("c2", four(), List.of("flink-elsewhere"), List.of());
            ApplyResult applied = steps.apply(narrowed);
            assertEquals(4, applied.refused().size());
            PruneResult r = steps.prune(narrowed, applied);
            assertEquals(List.of(), r.deleted());
            assertNotNull(get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "a"));
        }
    }

    @Test
    void anEmptyDesiredSetPrunesNothing_unlessAllowed() throws Exception {
        try (MockKube kube = new MockKube()) {
            new KubernetesSteps(kube.client(), settings()).apply(desired("c1", four()));
            DesiredState empty = desired("c2", List.of());
            PruneResult held = new KubernetesSteps(kube.client(), settings().withPruneOverride(true)).prune(empty, NONE);
            assertEquals(List.of(), held.deleted());
            assertEquals(4, held.withheld().size());
            assertTrue(held.withheld().get(0).contains("the desired set came out empty"), held.withheld()::toString);
            assertNotNull(get(kube.client(), CONFIG_MAP, NS, "a-sql"));

            PruneResult allowed = new KubernetesSteps(kube.client(), settings().withPruneWhenEmpty(true).withPruneOverride(true)).prune(empty, NONE);
            assertEquals(4, allowed.deleted().size());
            assertNull(get(kube.client(), CONFIG_MAP, NS, "a-sql"));
        }
    }

    @Test
    void anInvalidDesiredStatePrunesNothing() throws Exception {
        try (MockKube kube = new MockKube()) {
            new KubernetesSteps(kube.client(), settings()).apply(desired("c1", four()));
            DesiredState invalid = desired("bad", List.of(), List.of("flink-*"), List.of(ApplyTest.invalidDiagnostic()));
            PruneResult r = new KubernetesSteps(kube.client(), settings().withPruneWhenEmpty(true).withPruneOverride(true)).prune(invalid, NONE);
            assertEquals(List.of(), r.deleted());
            assertEquals(1, r.withheld().size());
            assertTrue(r.withheld().get(0).contains("does not compile"));
            assertNotNull(get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "a"));
        }
    }

    @Test
    void refusesToDeleteMoreThanTheShare_withoutOverride() throws Exception {
        try (MockKube kube = new MockKube()) {
            new KubernetesSteps(kube.client(), settings()).apply(desired("c1", four()));
            DesiredState one = desired("c2", List.of(configMap("a-sql")));
            PruneResult held = new KubernetesSteps(kube.client(), settings()).prune(one, NONE);
            assertEquals(List.of(), held.deleted());
            assertEquals(3, held.withheld().size());
            assertTrue(held.withheld().get(0).contains("deleting 3 of 4 managed objects exceeds the allowed share of 50%"), held.withheld()::toString);

            DesiredState half = desired("c2", List.of(configMap("a-sql"), deployment("a", "running", "stateless")));
            assertEquals(2, new KubernetesSteps(kube.client(), settings()).prune(half, NONE).deleted().size(), "50% is allowed");

            new KubernetesSteps(kube.client(), settings()).apply(desired("c3", four()));
            PruneResult forced = new KubernetesSteps(kube.client(), settings().withPruneOverride(true)).prune(one, NONE);
            assertEquals(3, forced.deleted().size());
            // Deletion order is the reverse of apply order: deployments before their ConfigMaps.
            assertTrue(forced.deleted().get(0).startsWith("FlinkDeployment"), forced.deleted()::toString);
        }
    }

    @Test
    void aRunningStatefulDeploymentIsSuspendedFirst_andDeletedOnceSuspended() throws Exception {
        try (MockKube kube = new MockKube()) {
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings().withPruneOverride(true));
            steps.apply(desired("c1", List.of(deployment("keep", "running", "stateless"), deployment("stateful", "running", "last-state"))));
            writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "stateful",
                    "{\"observedGeneration\":1,\"lifecycleState\":\"STABLE\",\"jobStatus\":{\"state\":\"RUNNING\",\"jobId\":\"j1\"}}");
            DesiredState next = desired("c2", List.of(deployment("keep", "running", "stateless")));

            PruneResult first = steps.prune(next, NONE);
            assertEquals(List.of(), first.deleted());
            assertEquals(1, first.suspended().size());
            assertTrue(first.suspended().get(0).startsWith("FlinkDeployment flink-payments/stateful: suspending with a savepoint"));
            GenericKubernetesResource live = get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "stateful");
            Map<?, ?> job = (Map<?, ?>) ((Map<?, ?>) live.getAdditionalProperties().get("spec")).get("job");
            assertEquals("suspended", job.get("state"));
            assertEquals("savepoint", job.get("upgradeMode"), "the deployment configures a savepoint directory");
            assertEquals("suspended-for-prune", live.getMetadata().getAnnotations().get(ContentHash.ANNOTATION), "a later re-add applies it in full");

            PruneResult waiting = steps.prune(next, NONE);
            assertEquals(List.of(), waiting.deleted());
            assertTrue(waiting.suspended().get(0).contains("waiting for the operator"), waiting.suspended()::toString);
            // The operator has reconciled the old generation only: still waiting.
            writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "stateful",
                    "{\"jobStatus\":{\"state\":\"SUSPENDED\"},\"lifecycleState\":\"SUSPENDED\"}");
            assertEquals(List.of(), steps.prune(next, NONE).deleted());

            writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "stateful",
                    "{\"observedGeneration\":" + live.getMetadata().getGeneration() + "}");
            PruneResult done = steps.prune(next, NONE);
            assertEquals(List.of("FlinkDeployment flink-payments/stateful"), done.deleted());
            assertNull(get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "stateful"));
            assertNotNull(get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "keep"));
        }
    }

    @Test
    void theObjectsOfADeploymentBeingSuspendedStayUntilItsFlinkDeploymentIsDeleted() throws Exception {
        try (MockKube kube = new MockKube()) {
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings().withPruneOverride(true));
            ObjectNode entrypoint = configMap("stateful-entrypoint");
            ((ObjectNode) entrypoint.path("metadata").path("labels")).put(io.flinkops.render.Ownership.DEPLOYMENT, "stateful");
            steps.apply(desired("c1", List.of(deployment("keep", "running", "stateless"), deployment("stateful", "running", "savepoint"),
                    entrypoint, configMap("other-sql"))));
            writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "stateful",
                    "{\"observedGeneration\":1,\"lifecycleState\":\"STABLE\",\"jobStatus\":{\"state\":\"RUNNING\",\"jobId\":\"j1\"}}");
            DesiredState next = desired("c2", List.of(deployment("keep", "running", "stateless")));

            PruneResult first = steps.prune(next, NONE);
            assertEquals(List.of("ConfigMap flink-payments/other-sql"), first.deleted(), "another deployment's ConfigMap goes at once");
            assertEquals(2, first.suspended().size(), first.suspended()::toString);
            assertTrue(first.suspended().get(1).startsWith("ConfigMap flink-payments/stateful-entrypoint: kept until"), first.suspended()::toString);
            assertNotNull(get(kube.client(), CONFIG_MAP, NS, "stateful-entrypoint"));

            long generation = get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "stateful").getMetadata().getGeneration();
            writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "stateful",
                    "{\"observedGeneration\":" + generation + ",\"lifecycleState\":\"SUSPENDED\",\"jobStatus\":{\"state\":\"SUSPENDED\"}}");
            PruneResult done = steps.prune(next, NONE);
            assertEquals(List.of("FlinkDeployment flink-payments/stateful", "ConfigMap flink-payments/stateful-entrypoint"), done.deleted());
            assertEquals(List.of(), done.suspended());
        }
    }

    @Test
    void aStatelessOrStoppedDeploymentIsDeletedAtOnce() throws Exception {
        try (MockKube kube = new MockKube()) {
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings().withPruneOverride(true));
            steps.apply(desired("c1", List.of(deployment("keep", "running", "stateless"), deployment("stateless", "running", "stateless"),
                    deployment("finished", "running", "savepoint"), sessionCluster("shared"))));
            writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "finished", "{\"observedGeneration\":1,\"jobStatus\":{\"state\":\"FINISHED\"}}");
            PruneResult r = steps.prune(desired("c2", List.of(deployment("keep", "running", "stateless"))), NONE);
            assertEquals(List.of("FlinkDeployment flink-payments/finished", "FlinkDeployment flink-payments/stateless",
                    "FlinkDeployment flink-payments/shared"), r.deleted());
            assertEquals(List.of(), r.suspended());
        }
    }

    @Test
    void apiErrorsDuringPruneAreRetriedSoon_andTheRetryFinishes() throws Exception {
        try (MockKube kube = new MockKube()) {
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings());
            steps.apply(desired("c1", four()));
            DesiredState next = desired("c2", List.of(deployment("a", "running", "stateless"), configMap("a-sql"), configMap("b-sql")));
            kube.faults().fail(FaultInjector.on("DELETE", "/flinkdeployments/b"), 1, 503);
            StepFailure f = assertThrows(StepFailure.class, () -> steps.prune(next, NONE));
            assertEquals(Recovery.RETRY_SOON, f.recovery());
            assertTrue(f.getMessage().contains("Could not delete FlinkDeployment flink-payments/b"), f.getMessage());
            kube.faults().fail(FaultInjector.on("GET", "/configmaps"), 1, 500);
            assertEquals(Recovery.RETRY_SOON, assertThrows(StepFailure.class, () -> steps.prune(next, NONE)).recovery());
            assertEquals(List.of("FlinkDeployment flink-payments/b"), steps.prune(next, NONE).deleted());
        }
    }
}
