package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.agent.testing.RealApiServer;
import io.flinkops.status.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.flinkops.agent.kube.Fixtures.deployment;
import static io.flinkops.agent.kube.RealApiFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The observe step against a real API server, with the operator's status written where the operator writes it: the
 * status subresource. The API server enforces the split (status sent with the object is dropped, spec sent to
 * {@code /status} is dropped, only spec changes make a new generation), and the agent's apply never touches status.
 */
@ExtendWith(RealApiServer.class)
@Timeout(180)
class RealApiServerStatusTest {
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    static String running(long observedGeneration) {
        return "{\"observedGeneration\":" + observedGeneration + ",\"lifecycleState\":\"STABLE\",\"jobManagerDeploymentStatus\":\"READY\","
                + "\"jobStatus\":{\"state\":\"RUNNING\",\"jobId\":\"j-1\"}}";
    }

    @Test
    void statusIsObservedFromTheStatusSubresource_andANewGenerationIsTransitioningUntilTheOperatorCatchesUp() throws Exception {
        KubernetesClient client = RealApiServer.client();
        String ns = RealApiServer.namespace("status");
        KubernetesSteps steps = new KubernetesSteps(client, settings(ns));
        List<ObjectNode> v1 = in(ns, deployment("orders", "running", "savepoint"));
        steps.apply(desired("c1", v1));
        String id = "payments/orders";

        Map<String, DeploymentStatus> observed = steps.observe(desired("c1", v1), T0);
        assertEquals("TRANSITIONING", observed.get(id).state(), "no status yet: the operator has not reconciled it");

        writeStatus(client, ManagedKind.FLINK_DEPLOYMENT, ns, "orders", running(1));
        JsonNode live = tree(client, ManagedKind.FLINK_DEPLOYMENT, ns, "orders");
        assertEquals(1, live.path("metadata").path("generation").asLong(), "a status write is not a new generation");
        assertTrue(owns(owned(live, OPERATOR, "Update", "status"), "status", "lifecycleState"), owners(live, "status", "lifecycleState"));
        observed = steps.observe(desired("c1", v1), T0.plusSeconds(60));
        assertEquals("RUNNING", observed.get(id).state());
        assertEquals("j-1", observed.get(id).jobId());
        assertEquals("c1", observed.get(id).sourceCommit());

        // The API server keeps the two apart: status sent with the object is dropped ...
        mergePatch(client, ManagedKind.FLINK_DEPLOYMENT, ns, "orders", "someone",
                "{\"status\":{\"lifecycleState\":\"FAILED\",\"jobStatus\":{\"state\":\"FAILED\"}}}");
        live = tree(client, ManagedKind.FLINK_DEPLOYMENT, ns, "orders");
        assertEquals("STABLE", live.path("status").path("lifecycleState").asText(), live.path("status")::toString);
        // ... and so is spec sent to the status subresource.
        client.genericKubernetesResources(ManagedKind.FLINK_DEPLOYMENT.context()).inNamespace(ns).withName("orders").subresource("status")
                .patch(new io.fabric8.kubernetes.client.dsl.base.PatchContext.Builder()
                        .withPatchType(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE).withFieldManager(OPERATOR).build(),
                        "{\"spec\":{\"image\":\"evil/flink:latest\"}}");
        assertEquals("registry.acme.io/flink:1.20", tree(client, ManagedKind.FLINK_DEPLOYMENT, ns, "orders").path("spec").path("image").asText());
        assertEquals("RUNNING", steps.observe(desired("c1", v1), T0.plusSeconds(120)).get(id).state());

        // Status is not drift: the same content is not sent again.
        assertEquals(List.of(), steps.apply(desired("c2", v1)).applied());

        // A changed spec: the agent's apply makes generation 2 and leaves the operator's status alone; until the
        // operator has reconciled generation 2, the deployment is TRANSITIONING, never generation 1's RUNNING.
        ObjectNode changed = v1.get(0).deepCopy();
        ((ObjectNode) changed.get("spec")).put("image", "registry.acme.io/flink:1.20.3");
        assertEquals(List.of("FlinkDeployment " + ns + "/orders"), steps.apply(desired("c3", List.of(changed))).applied());
        live = tree(client, ManagedKind.FLINK_DEPLOYMENT, ns, "orders");
        assertEquals(2, live.path("metadata").path("generation").asLong());
        assertEquals("STABLE", live.path("status").path("lifecycleState").asText(), "the apply kept the status");
        assertEquals(1, live.path("status").path("observedGeneration").asLong());
        assertFalse(owns(owned(live, KubeSettings.FIELD_MANAGER, "Apply"), "status"), owners(live, "status"));
        observed = steps.observe(desired("c3", List.of(changed)), T0.plusSeconds(180));
        assertEquals("TRANSITIONING", observed.get(id).state(), "the operator still reports generation 1");
        assertEquals("c3", observed.get(id).sourceCommit());

        writeStatus(client, ManagedKind.FLINK_DEPLOYMENT, ns, "orders", running(2));
        assertEquals("RUNNING", steps.observe(desired("c3", List.of(changed)), T0.plusSeconds(240)).get(id).state());
    }

    @Test
    void aFailedJobsErrorComesFromTheStatus() throws Exception {
        KubernetesClient client = RealApiServer.client();
        String ns = RealApiServer.namespace("failed");
        KubernetesSteps steps = new KubernetesSteps(client, settings(ns));
        List<ObjectNode> objects = in(ns, deployment("orders", "running", "savepoint"));
        steps.apply(desired("c1", objects));
        // The operator's error is a JSON string in status.error, as the schema says (type: string).
        writeStatus(client, ManagedKind.FLINK_DEPLOYMENT, ns, "orders", "{\"observedGeneration\":1,\"lifecycleState\":\"STABLE\","
                + "\"jobManagerDeploymentStatus\":\"READY\",\"jobStatus\":{\"state\":\"FAILED\",\"jobId\":\"j-2\"},"
                + "\"error\":\"{\\\"type\\\":\\\"org.apache.flink.runtime.JobException\\\",\\\"message\\\":\\\"Recovery is suppressed by NoRestartBackoffTimeStrategy\\\"}\"}");
        DeploymentStatus s = steps.observe(desired("c1", objects), T0).get("payments/orders");
        assertEquals("FAILED", s.state());
        assertTrue(s.error() != null && s.error().contains("Recovery is suppressed by NoRestartBackoffTimeStrategy"), String.valueOf(s.error()));
    }
}
