package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.agent.cycle.DesiredState;
import io.flinkops.model.RepositorySpec;
import io.flinkops.policy.ObjectFence;
import io.flinkops.render.Ownership;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.flinkops.agent.kube.Fixtures.CLUSTER;
import static io.flinkops.agent.kube.Fixtures.NS;
import static io.flinkops.agent.kube.Fixtures.deployment;
import static io.flinkops.agent.kube.Fixtures.get;
import static io.flinkops.agent.kube.Fixtures.object;
import static io.flinkops.agent.kube.Fixtures.rendered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent enforces the fences of flinkops.yaml itself, with the compiler bypassed: the desired state here is made
 * by hand, as a manifest produced another way (or by a compiler with a bug) would be, and nothing outside the fence of
 * the flinkops namespace an object comes from reaches the cluster.
 */
class FenceAtApplyTest {
    /** payments may use flink-payments only; analytics its own; nothing is shared. */
    private static final ObjectFence FENCE = ObjectFence.of(new RepositorySpec(null, null, new RepositorySpec.Policy(
            List.of("flink-*"), List.of("registry.acme.io"), null, null,
            new RepositorySpec.Fence(List.of("flink-{{ namespace }}"), null), null, null, null, null, null), null, null, null));

    @Test
    void objectsOutsideTheirNamespacesFenceAndDangerousBindingsAreRefused() throws Exception {
        try (MockKube kube = new MockKube()) {
            // payments places a FlinkDeployment into analytics' Kubernetes namespace (where analytics has one too).
            ObjectNode intruder = deployment("intruder", "running", "stateless");
            ((ObjectNode) intruder.get("metadata")).put("namespace", "flink-analytics");
            ObjectNode analytics = deployment("dashboards", "running", "stateless");
            ((ObjectNode) analytics.get("metadata")).put("namespace", "flink-analytics");
            ((ObjectNode) analytics.path("metadata").path("labels")).put(Ownership.NAMESPACE, "analytics");
            // Bindings: a ClusterRole, the cluster administrators, another namespace's service account; and a fine one.
            ObjectNode clusterAdmin = binding("flinkops-payments-editor", "ClusterRole", "cluster-admin", subject("Group", "payments-devs", null));
            ObjectNode masters = binding("flinkops-payments-owner", "Role", "flinkops-payments-owner", subject("Group", "system:masters", null));
            ObjectNode foreignAccount = binding("flinkops-flink", "Role", "flinkops-flink", subject("ServiceAccount", "default", "flink-analytics"));
            ObjectNode fine = binding("flinkops-payments-viewer", "Role", "flinkops-payments-viewer", subject("Group", "payments-devs", null));
            // A sidecar from a registry the policy does not allow (the main container's image is the deployment's).
            ObjectNode sidecar = deployment("miner", "running", "stateless");
            ((ObjectNode) sidecar.get("spec")).putObject("podTemplate").putObject("spec").putArray("containers")
                    .add(Fixtures.JSON.createObjectNode().put("name", "flink-main-container").put("image", "ignored.example/flink"))
                    .add(Fixtures.JSON.createObjectNode().put("name", "helper").put("image", "ghcr.io/attacker/miner:1"));

            DesiredState desired = new DesiredState(CLUSTER, "c1", List.of(intruder, analytics, clusterAdmin, masters, foreignAccount, fine, sidecar,
                    deployment("orders", "running", "stateless")).stream().map(Fixtures::rendered).toList(), FENCE, List.of(), Map.of());
            ApplyResult r = new KubernetesSteps(kube.client(), KubeSettings.of(List.of("flink-*"))).apply(desired);

            String refused = String.join("\n", r.refused());
            assertEquals(List.of("FlinkDeployment flink-analytics/dashboards", "FlinkDeployment flink-payments/orders",
                    "RoleBinding flink-payments/flinkops-payments-viewer"), r.applied().stream().sorted().toList(), refused);
            assertEquals(5, r.refused().size(), refused);
            assertTrue(refused.contains("FlinkDeployment flink-payments/miner: it pulls ghcr.io/attacker/miner:1, not from a registry"), refused);
            assertTrue(refused.contains("FlinkDeployment flink-analytics/intruder: Kubernetes namespace flink-analytics is outside the fence of flinkops namespace payments"), refused);
            assertTrue(refused.contains("RoleBinding flink-payments/flinkops-payments-editor: it binds ClusterRole cluster-admin"), refused);
            assertTrue(refused.contains("RoleBinding flink-payments/flinkops-payments-owner: it binds Group system:masters"), refused);
            assertTrue(refused.contains("RoleBinding flink-payments/flinkops-flink: it binds service account flink-analytics/default"), refused);
            assertNull(get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, "flink-analytics", "intruder"));
        }
    }

    @Test
    void objectsOfTwoNamespacesInOneKubernetesNamespaceAreRefusedUnlessShared() throws Exception {
        ObjectNode payments = deployment("orders", "running", "stateless");
        ObjectNode analytics = deployment("dashboards", "running", "stateless");
        ((ObjectNode) analytics.path("metadata").path("labels")).put(Ownership.NAMESPACE, "analytics");
        List<io.flinkops.render.RenderedObject> objects = List.of(rendered(payments), rendered(analytics));

        ObjectFence open = ObjectFence.of(new RepositorySpec(null, null, new RepositorySpec.Policy(List.of("flink-*"), null, null, null,
                null, null, null, null, null, null), null, null, null));
        assertEquals(List.of(0, 1), List.copyOf(open.refusals(objects).keySet()));
        assertTrue(open.refusals(objects).get(0).contains("holds objects of the flinkops namespaces analytics, payments"));

        ObjectFence shared = ObjectFence.of(new RepositorySpec(null, null, new RepositorySpec.Policy(List.of("flink-*"), null, null, null,
                null, null, List.of(NS), null, null, null), null, null, null));
        assertTrue(shared.refusals(objects).isEmpty());
    }

    private static ObjectNode binding(String name, String refKind, String refName, ObjectNode subject) {
        ObjectNode o = object("rbac.authorization.k8s.io/v1", "RoleBinding", NS, name, CLUSTER, null);
        ObjectNode ref = o.putObject("roleRef");
        ref.put("apiGroup", "rbac.authorization.k8s.io").put("kind", refKind).put("name", refName);
        ArrayNode subjects = o.putArray("subjects");
        subjects.add(subject);
        return o;
    }

    private static ObjectNode subject(String kind, String name, String namespace) {
        ObjectNode s = Fixtures.JSON.createObjectNode();
        s.put("kind", kind).put("name", name);
        if (namespace != null) s.put("namespace", namespace);
        else s.put("apiGroup", "rbac.authorization.k8s.io");
        return s;
    }
}
