package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.flinkops.agent.cycle.DesiredState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.flinkops.agent.kube.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The per-deployment maintenance switch ({@code flinkops.io/reconcile: disabled}, docs/config-reference.md): the
 * objects of a paused Deployment are neither applied nor pruned, and what runs is left as it is, even where it
 * differs from the repo.
 */
class PauseTest {

    static Map<?, ?> spec(MockKube kube, String name) {
        return (Map<?, ?>) get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, name).getAdditionalProperties().get("spec");
    }

    /** A ConfigMap of Deployment payments/{@code deployment}. */
    static ObjectNode configMapOf(String name, String deployment) {
        ObjectNode o = configMap(name);
        ((ObjectNode) o.path("metadata").path("labels")).put(io.flinkops.render.Ownership.DEPLOYMENT, deployment);
        return o;
    }

    @Test
    void aPausedDeploymentsObjectsAreNeitherAppliedNorPruned_whatRunsIsLeftAlone_andResumingAppliesWhatChanged() throws Exception {
        try (MockKube kube = new MockKube()) {
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings());
            steps.apply(desired("c1", List.of(deployment("orders", "running", "savepoint"), configMap("orders"), configMapOf("orders-old", "orders"),
                    deployment("billing", "running", "stateless"), configMap("billing"), serviceAccount("flinkops-flink"))));
            // Maintenance by hand on the live object (a hot fix of the image).
            kube.client().genericKubernetesResources(ManagedKind.FLINK_DEPLOYMENT.context()).inNamespace(NS).withName("orders")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"image\":\"registry.acme.io/flink:hotfix\"}}");
            String configVersion = get(kube.client(), CONFIG_MAP, NS, "orders").getMetadata().getResourceVersion();

            // The repo pauses orders, and meanwhile changes its spec and its ConfigMap and drops one of its ConfigMaps.
            // The compiler annotates every object of a paused resource; the agent also finds them by their labels, so
            // the ConfigMap here goes without the annotation.
            ObjectNode orders = paused(deployment("orders", "running", "savepoint"));
            ((ObjectNode) orders.get("spec")).put("image", "registry.acme.io/flink:1.21");
            ObjectNode ordersConfig = configMap("orders");
            ((ObjectNode) ordersConfig.get("data")).put("script.sql", "SELECT 2;");
            ObjectNode billing = deployment("billing", "running", "stateless");
            ((ObjectNode) billing.get("spec")).put("image", "registry.acme.io/flink:1.21");
            DesiredState pausing = desired("c2", List.of(orders, ordersConfig, billing, configMap("billing"), serviceAccount("flinkops-flink")));

            ApplyResult r = steps.apply(pausing);
            assertEquals(List.of("FlinkDeployment flink-payments/billing"), r.applied(), "the rest of the repo is applied");
            assertEquals(List.of(), r.drifted(), "a paused object is not put back");
            assertEquals(2, r.paused().size(), r.paused()::toString);
            assertTrue(r.paused().get(0).startsWith("FlinkDeployment flink-payments/orders: Deployment payments/orders carries flinkops.io/reconcile: disabled in "
                    + "namespaces/payments/orders.yaml"), r.paused()::toString);
            assertTrue(r.paused().get(1).startsWith("ConfigMap flink-payments/orders: Deployment payments/orders carries"), r.paused()::toString);
            assertEquals("registry.acme.io/flink:hotfix", spec(kube, "orders").get("image"), "what runs is left as it is");
            assertEquals(configVersion, get(kube.client(), CONFIG_MAP, NS, "orders").getMetadata().getResourceVersion(), "not written");

            PruneResult pruned = steps.prune(pausing, r);
            assertEquals(List.of(), pruned.deleted());
            assertEquals(List.of("ConfigMap flink-payments/orders-old"), pruned.paused().stream().map(p -> p.substring(0, p.indexOf(':'))).toList(),
                    "a paused deployment's object that left the repo is kept");
            assertNotNull(get(kube.client(), CONFIG_MAP, NS, "orders-old"));

            // A deployment that is not paused is still pruned in the same cycle.
            DesiredState billingGone = desired("c3", List.of(orders, ordersConfig, serviceAccount("flinkops-flink")));
            PruneResult gone = steps.prune(billingGone, steps.apply(billingGone));
            assertEquals(List.of("ConfigMap flink-payments/billing", "FlinkDeployment flink-payments/billing"), gone.deleted().stream().sorted().toList());
            assertNotNull(get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "orders"));

            // Resuming (the annotation removed): the next cycle applies what changed meanwhile, and prunes what left.
            ObjectNode resumed = deployment("orders", "running", "savepoint");
            ((ObjectNode) resumed.get("spec")).put("image", "registry.acme.io/flink:1.21");
            DesiredState resume = desired("c4", List.of(resumed, ordersConfig, serviceAccount("flinkops-flink")));
            ApplyResult back = steps.apply(resume);
            assertEquals(List.of("ConfigMap flink-payments/orders", "FlinkDeployment flink-payments/orders"), back.applied());
            assertEquals(List.of(), back.paused());
            assertEquals("registry.acme.io/flink:1.21", spec(kube, "orders").get("image"));
            assertEquals(List.of("ConfigMap flink-payments/orders-old"), steps.prune(resume, back).deleted());
        }
    }

    @Test
    void pausesAreFoundPerResource_fromTheAnnotatedObjectsLabels() {
        DesiredState d = desired("c1", List.of(paused(deployment("orders", "running", "savepoint")), configMap("orders"),
                paused(sessionCluster("shared")), deployment("billing", "running", "stateless"), serviceAccount("flinkops-flink")));
        DesiredState.Pauses pauses = d.pauses();
        assertEquals(List.of("Deployment payments/orders", "SessionCluster payments/shared"), List.copyOf(pauses.subjects().keySet()));
        assertEquals(java.util.Set.of("payments/orders"), pauses.deployments(), "session clusters have no status of their own");
        assertTrue(pauses.covers(configMap("orders").path("metadata")), "found by its labels");
        assertFalse(pauses.covers(configMap("billing").path("metadata")));
        assertFalse(pauses.covers(serviceAccount("flinkops-flink").path("metadata")), "namespace objects belong to no resource");
    }
}
