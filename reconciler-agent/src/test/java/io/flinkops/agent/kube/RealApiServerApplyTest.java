package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.agent.cycle.DesiredState;
import io.flinkops.agent.testing.RealApiServer;
import io.flinkops.render.Ownership;
import io.flinkops.render.RenderedObject;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static io.flinkops.agent.kube.Fixtures.configMap;
import static io.flinkops.agent.kube.Fixtures.deployment;
import static io.flinkops.agent.kube.Fixtures.serviceAccount;
import static io.flinkops.agent.kube.Fixtures.sessionCluster;
import static io.flinkops.agent.kube.Fixtures.sessionJob;
import static io.flinkops.agent.kube.RealApiFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The apply step against a real API server: server-side apply with the agent's field manager, and what the mock
 * cannot show: a field removed from the repo is removed from the live object (the mock merges), the real CRD schemas
 * accept what flinkops renders, and the live object the API server returns (defaults, managedFields, generation)
 * does not look like drift to the agent.
 */
@ExtendWith(RealApiServer.class)
@Timeout(180)
class RealApiServerApplyTest {

    @Test
    void appliesWithTheAgentsFieldManager_andASecondApplySendsNothing() throws Exception {
        KubernetesClient client = RealApiServer.client();
        String ns = RealApiServer.namespace("apply");
        KubernetesSteps steps = new KubernetesSteps(client, settings(ns));
        List<ObjectNode> objects = in(ns, serviceAccount("flinkops-flink"), configMap("orders-sql"), sessionCluster("shared"),
                deployment("orders", "running", "savepoint"), sessionJob("sj", "shared"));

        ApplyResult first = steps.apply(desired("c1", objects));
        assertEquals(List.of(), first.refused());
        assertEquals(List.of("ServiceAccount " + ns + "/flinkops-flink", "ConfigMap " + ns + "/orders-sql", "FlinkDeployment " + ns + "/shared",
                "FlinkDeployment " + ns + "/orders", "FlinkSessionJob " + ns + "/sj"), first.applied(), "dependency order");

        for (ObjectNode o : objects) {
            ManagedKind kind = ManagedKind.of(o.path("apiVersion").asText(), o.path("kind").asText(), o.path("metadata").path("labels")).orElseThrow();
            JsonNode live = tree(client, kind, ns, o.path("metadata").path("name").asText());
            assertNotNull(live, o.toString());
            JsonNode agent = owned(live, KubeSettings.FIELD_MANAGER, "Apply");
            assertTrue(owns(agent, "metadata", "annotations", ContentHash.ANNOTATION), () -> "applied by the agent's field manager: " + live.path("metadata").path("managedFields"));
            assertTrue(owns(agent, "metadata", "labels", Ownership.CLUSTER), live.path("metadata").path("managedFields")::toString);
            assertEquals("c1", live.path("metadata").path("annotations").path(Ownership.SOURCE_COMMIT).asText());
        }
        JsonNode orders = tree(client, ManagedKind.FLINK_DEPLOYMENT, ns, "orders");
        assertTrue(owns(owned(orders, KubeSettings.FIELD_MANAGER, "Apply"), "spec", "job", "parallelism"), owners(orders, "spec", "job", "parallelism"));
        assertEquals(1, orders.path("metadata").path("generation").asLong());

        // A new commit that changes none of these objects: nothing is written, by this process or a new one (the
        // hash lives on the objects). The real API server's additions (managedFields, uid, creationTimestamp,
        // generation) are not drift.
        String resourceVersion = orders.path("metadata").path("resourceVersion").asText();
        ApplyResult second = steps.apply(desired("c2", objects));
        assertEquals(List.of(), second.applied());
        assertEquals(objects.size(), second.unchanged().size());
        assertEquals(List.of(), new KubernetesSteps(client, settings(ns)).apply(desired("c3", objects)).applied());
        JsonNode after = tree(client, ManagedKind.FLINK_DEPLOYMENT, ns, "orders");
        assertEquals(resourceVersion, after.path("metadata").path("resourceVersion").asText(), "not written again");
        assertEquals("c1", after.path("metadata").path("annotations").path(Ownership.SOURCE_COMMIT).asText(), "the commit that last changed it");
    }

    /** What {@code ApplyTest.aFieldRemovedFromTheRepoIsSentAgain_removalItselfIsTheApiServersJob} leaves to the API server. */
    @Test
    void aFieldRemovedFromTheRepoIsRemovedFromTheLiveObject() throws Exception {
        KubernetesClient client = RealApiServer.client();
        String ns = RealApiServer.namespace("removal");
        KubernetesSteps steps = new KubernetesSteps(client, settings(ns));

        ObjectNode full = deployment("orders", "running", "savepoint"); // spec.job.parallelism: 2
        ((ObjectNode) full.path("spec").path("flinkConfiguration")).put("pipeline.max-parallelism", "120");
        ((ObjectNode) full.path("metadata").path("labels")).put("cost-center", "cc-4102");
        ((ObjectNode) full.path("spec").path("job")).putArray("args").add("--source-topic").add("orders.v1");
        ObjectNode scripts = configMap("orders-sql"); // data: script.sql
        ((ObjectNode) scripts.get("data")).put("extra.sql", "SELECT 2;");
        steps.apply(desired("c1", in(ns, full, scripts)));
        JsonNode before = tree(client, ManagedKind.FLINK_DEPLOYMENT, ns, "orders");
        assertEquals(2, before.path("spec").path("job").path("parallelism").asInt());
        assertEquals("120", before.path("spec").path("flinkConfiguration").path("pipeline.max-parallelism").asText());

        ObjectNode without = full.deepCopy();
        ((ObjectNode) without.path("spec").path("job")).remove(List.of("parallelism", "args"));
        ((ObjectNode) without.path("spec").path("flinkConfiguration")).remove("pipeline.max-parallelism");
        ((ObjectNode) without.path("metadata").path("labels")).remove("cost-center");
        ObjectNode fewerScripts = scripts.deepCopy();
        ((ObjectNode) fewerScripts.get("data")).remove("extra.sql");
        ApplyResult r = steps.apply(desired("c2", in(ns, without, fewerScripts)));
        assertEquals(List.of("ConfigMap " + ns + "/orders-sql", "FlinkDeployment " + ns + "/orders"), r.applied());

        JsonNode live = tree(client, ManagedKind.FLINK_DEPLOYMENT, ns, "orders");
        JsonNode job = live.path("spec").path("job");
        assertFalse(job.has("parallelism"), () -> "removed from the repo, so removed live: " + job);
        assertFalse(job.has("args"), job::toString);
        assertEquals("local:///opt/flink/usrlib/job.jar", job.path("jarURI").asText(), "the rest stays");
        assertFalse(live.path("spec").path("flinkConfiguration").has("pipeline.max-parallelism"), live.path("spec")::toString);
        assertEquals("s3://bucket/sp", live.path("spec").path("flinkConfiguration").path("execution.checkpointing.savepoint-dir").asText());
        assertFalse(live.path("metadata").path("labels").has("cost-center"), live.path("metadata")::toString);
        assertEquals(2, live.path("metadata").path("generation").asLong(), "one new generation for the operator to reconcile");
        JsonNode data = tree(client, Fixtures.CONFIG_MAP, ns, "orders-sql").path("data");
        List<String> keys = new ArrayList<>();
        data.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("script.sql"), keys, data::toString);

        assertEquals(List.of(), steps.apply(desired("c2", in(ns, without, fewerScripts))).applied(), "then it is settled");
    }

    /**
     * The examples repo, compiled for prod-eu as the agent compiles it, against the operator's real CRD schemas and
     * the API server's own validation of ConfigMaps, ServiceAccounts, Roles and RoleBindings: every object is
     * accepted, and nothing the API server stores differs from what the agent sends, so the next cycle sends nothing
     * (a field the schema pruned would be re-sent on every cycle).
     */
    @Test
    void theExamplesRepoIsAccepted_andTheNextCycleSendsNothing() throws Exception {
        KubernetesClient client = RealApiServer.client();
        DesiredState desired = ApplyTest.examples("prod-eu");
        List<String> namespaces = desired.objects().stream().map(RenderedObject::namespace).distinct().sorted().toList();
        for (String ns : namespaces) RealApiServer.createNamespace(ns);
        KubernetesSteps steps = new KubernetesSteps(client, KubeSettings.of(namespaces));

        ApplyResult first = steps.apply(desired);
        assertEquals(List.of(), first.refused());
        assertEquals(desired.objects().size(), first.applied().size());
        ApplyResult second = steps.apply(desired);
        assertEquals(List.of(), second.applied(), "every object the API server stored is what the agent sent");
        assertEquals(desired.objects().size(), second.unchanged().size());
        for (RenderedObject o : desired.objects()) {
            if (!"FlinkDeployment".equals(o.kind())) continue;
            JsonNode live = tree(client, ManagedKind.FLINK_DEPLOYMENT, o.namespace(), o.name());
            assertEquals(1, live.path("metadata").path("generation").asLong(), o.name());
            assertEquals(o.content().path("spec").path("image").asText(), live.path("spec").path("image").asText());
        }
    }
}
