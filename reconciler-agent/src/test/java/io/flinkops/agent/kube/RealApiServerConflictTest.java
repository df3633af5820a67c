package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.agent.cycle.DesiredState;
import io.flinkops.agent.testing.RealApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static io.flinkops.agent.kube.Fixtures.deployment;
import static io.flinkops.agent.kube.RealApiFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Another field manager owns a field the agent sets. The repo is the source of truth, so the agent's apply forces
 * (a server-side apply without force would be refused with 409): it takes the field back, and leaves alone the
 * fields it does not set, which stay the other manager's.
 */
@ExtendWith(RealApiServer.class)
@Timeout(180)
class RealApiServerConflictTest {

    @Test
    void aHandEditIsPutBack_theFieldReturnsToTheAgent_andTheEditorsOtherFieldsStay() throws Exception {
        KubernetesClient client = RealApiServer.client();
        String ns = RealApiServer.namespace("edit");
        KubernetesSteps steps = new KubernetesSteps(client, settings(ns));
        DesiredState d = desired("c1", in(ns, deployment("orders", "running", "savepoint")));
        steps.apply(d);

        // kubectl edit: an update (not an apply) by another manager. Updates never conflict; the API server moves
        // the ownership of the fields it changed to the editor.
        mergePatch(client, ManagedKind.FLINK_DEPLOYMENT, ns, "orders", "kubectl-edit", "{\"spec\":{\"image\":\"evil/flink:latest\",\"restartNonce\":7}}");
        JsonNode edited = tree(client, ManagedKind.FLINK_DEPLOYMENT, ns, "orders");
        assertTrue(owns(owned(edited, "kubectl-edit", "Update"), "spec", "image"), owners(edited, "spec", "image"));
        assertFalse(owns(owned(edited, KubeSettings.FIELD_MANAGER, "Apply"), "spec", "image"), owners(edited, "spec", "image"));

        assertEquals(List.of("FlinkDeployment " + ns + "/orders"), steps.apply(d).applied(), "drift on a field the agent sets");
        JsonNode live = tree(client, ManagedKind.FLINK_DEPLOYMENT, ns, "orders");
        assertEquals("registry.acme.io/flink:1.20", live.path("spec").path("image").asText());
        assertTrue(owns(owned(live, KubeSettings.FIELD_MANAGER, "Apply"), "spec", "image"), owners(live, "spec", "image"));
        assertFalse(owns(owned(live, "kubectl-edit", "Update"), "spec", "image"), owners(live, "spec", "image"));
        // restartNonce is not in the repo: not the agent's field, not drift, and still the editor's.
        assertEquals(7, live.path("spec").path("restartNonce").asInt());
        assertTrue(owns(owned(live, "kubectl-edit", "Update"), "spec", "restartNonce"), owners(live, "spec", "restartNonce"));
        assertEquals(List.of(), steps.apply(d).applied(), "then it is settled");
    }

    @Test
    void anotherAppliersFieldIsTakenBackByTheForcedApply() throws Exception {
        KubernetesClient client = RealApiServer.client();
        String ns = RealApiServer.namespace("conflict");
        KubernetesSteps steps = new KubernetesSteps(client, settings(ns));
        ObjectNode orders = in(ns, deployment("orders", "running", "savepoint")).get(0);
        DesiredState d = desired("c1", List.of(orders));
        steps.apply(d);

        // Another controller (an autoscaler, say) takes spec.job.parallelism with a forced apply of its own.
        ObjectNode scale = Fixtures.JSON.createObjectNode();
        scale.put("apiVersion", "flink.apache.org/v1beta1").put("kind", "FlinkDeployment");
        scale.putObject("metadata").put("name", "orders").put("namespace", ns);
        scale.putObject("spec").putObject("job").put("parallelism", 5);
        var api = client.genericKubernetesResources(ManagedKind.FLINK_DEPLOYMENT.context()).inNamespace(ns);
        api.resource(Json.resource(scale)).fieldManager("platform-autoscaler").forceConflicts().serverSideApply();
        JsonNode scaled = tree(client, ManagedKind.FLINK_DEPLOYMENT, ns, "orders");
        assertEquals(5, scaled.path("spec").path("job").path("parallelism").asInt());
        assertTrue(owns(owned(scaled, "platform-autoscaler", "Apply"), "spec", "job", "parallelism"), owners(scaled, "spec", "job", "parallelism"));
        assertFalse(owns(owned(scaled, KubeSettings.FIELD_MANAGER, "Apply"), "spec", "job", "parallelism"), owners(scaled, "spec", "job", "parallelism"));

        // Why the agent forces: the same apply by its field manager without force is refused, and changes nothing.
        KubernetesClientException conflict = assertThrows(KubernetesClientException.class,
                () -> api.resource(Json.resource(orders)).fieldManager(KubeSettings.FIELD_MANAGER).serverSideApply());
        assertEquals(409, conflict.getCode());
        assertTrue(String.valueOf(conflict.getMessage()).contains("platform-autoscaler"), conflict::getMessage);
        assertEquals(5, tree(client, ManagedKind.FLINK_DEPLOYMENT, ns, "orders").path("spec").path("job").path("parallelism").asInt());

        ApplyResult r = steps.apply(d);
        assertEquals(List.of("FlinkDeployment " + ns + "/orders"), r.applied(), "drift: the live value is not the repo's");
        JsonNode live = tree(client, ManagedKind.FLINK_DEPLOYMENT, ns, "orders");
        assertEquals(2, live.path("spec").path("job").path("parallelism").asInt());
        assertTrue(owns(owned(live, KubeSettings.FIELD_MANAGER, "Apply"), "spec", "job", "parallelism"), owners(live, "spec", "job", "parallelism"));
        assertFalse(owns(owned(live, "platform-autoscaler", "Apply"), "spec", "job", "parallelism"), owners(live, "spec", "job", "parallelism"));
        assertEquals(List.of(), steps.apply(d).applied(), "then it is settled");
    }
}
