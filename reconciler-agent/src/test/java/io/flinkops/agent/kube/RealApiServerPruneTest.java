package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.agent.cycle.DesiredState;
import io.flinkops.agent.testing.RealApiServer;
import io.flinkops.render.Ownership;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static io.flinkops.agent.kube.Fixtures.configMap;
import static io.flinkops.agent.kube.Fixtures.deployment;
import static io.flinkops.agent.kube.Fixtures.object;
import static io.flinkops.agent.kube.RealApiFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The prune step against a real API server: deletions take effect (no finalizers on these objects, so they are gone
 * at once), objects the agent does not own survive, and a running stateful deployment is suspended with a merge
 * patch that keeps the rest of its spec, makes a new generation, and is deleted only once the operator's status
 * (on the status subresource) has caught up with that generation.
 */
@ExtendWith(RealApiServer.class)
@Timeout(180)
class RealApiServerPruneTest {
    static final ApplyResult NONE = new ApplyResult(List.of(), List.of(), List.of());

    static void create(KubernetesClient client, ManagedKind kind, ObjectNode content) {
        client.genericKubernetesResources(kind.context()).inNamespace(content.path("metadata").path("namespace").asText())
                .resource(Json.resource(content)).create();
    }

    @Test
    void deletesWhatItOwnsAndNoLongerWants_andNothingElse() throws Exception {
        KubernetesClient client = RealApiServer.client();
        String ns = RealApiServer.namespace("prune");
        KubernetesSteps steps = new KubernetesSteps(client, settings(ns));
        steps.apply(desired("c1", in(ns, deployment("a", "running", "stateless"), deployment("b", "running", "stateless"),
                configMap("a-sql"), configMap("b-sql"))));
        // Not the agent's: no labels, only one of the two labels, another cluster's.
        ObjectNode unlabelled = configMap("foreign");
        ((ObjectNode) unlabelled.get("metadata")).remove("labels");
        ObjectNode onlyManagedBy = configMap("half");
        ((ObjectNode) onlyManagedBy.path("metadata").path("labels")).remove(Ownership.CLUSTER);
        for (ObjectNode o : in(ns, unlabelled, onlyManagedBy, object("v1", "ConfigMap", Fixtures.NS, "staging-cm", "staging", null))) {
            create(client, Fixtures.CONFIG_MAP, o);
        }

        DesiredState next = desired("c2", in(ns, deployment("a", "running", "stateless"), configMap("a-sql"), configMap("b-sql")));
        PruneResult r = steps.prune(next, steps.apply(next));
        assertEquals(List.of("FlinkDeployment " + ns + "/b"), r.deleted());
        assertEquals(List.of(), r.withheld());
        assertNull(get(client, ManagedKind.FLINK_DEPLOYMENT, ns, "b"), "gone from the API server");
        assertNotNull(get(client, ManagedKind.FLINK_DEPLOYMENT, ns, "a"));
        for (String name : List.of("foreign", "half", "staging-cm", "a-sql", "b-sql")) {
            assertNotNull(get(client, Fixtures.CONFIG_MAP, ns, name), name + " survives");
        }
        assertEquals(List.of(), steps.prune(next, NONE).deleted(), "nothing left to prune");

        // The share rule counts the managed objects the API server lists (not the foreign ones): 2 of the 3 is too many.
        DesiredState half = desired("c3", in(ns, configMap("a-sql")));
        PruneResult held = steps.prune(half, NONE);
        assertEquals(List.of(), held.deleted());
        assertTrue(held.withheld().get(0).contains("deleting 2 of 3 managed objects exceeds the allowed share of 50%"), held.withheld()::toString);
        assertNotNull(get(client, ManagedKind.FLINK_DEPLOYMENT, ns, "a"));
    }

    @Test
    void aRunningStatefulDeploymentIsSuspendedFirst_andDeletedOnceTheOperatorReportsTheNewGenerationSuspended() throws Exception {
        KubernetesClient client = RealApiServer.client();
        String ns = RealApiServer.namespace("prune-stateful");
        KubernetesSteps steps = new KubernetesSteps(client, settings(ns).withPruneOverride(true));
        ObjectNode entrypoint = configMap("stateful-entrypoint");
        ((ObjectNode) entrypoint.path("metadata").path("labels")).put(Ownership.DEPLOYMENT, "stateful");
        steps.apply(desired("c1", in(ns, deployment("keep", "running", "stateless"), deployment("stateful", "running", "savepoint"), entrypoint)));
        writeStatus(client, ManagedKind.FLINK_DEPLOYMENT, ns, "stateful",
                "{\"observedGeneration\":1,\"lifecycleState\":\"STABLE\",\"jobManagerDeploymentStatus\":\"READY\",\"jobStatus\":{\"state\":\"RUNNING\",\"jobId\":\"j1\"}}");
        DesiredState next = desired("c2", in(ns, deployment("keep", "running", "stateless")));

        PruneResult first = steps.prune(next, NONE);
        assertEquals(List.of(), first.deleted());
        assertEquals(2, first.suspended().size(), first.suspended()::toString);
        assertTrue(first.suspended().get(0).startsWith("FlinkDeployment " + ns + "/stateful: suspending with a savepoint"), first.suspended()::toString);
        assertTrue(first.suspended().get(1).startsWith("ConfigMap " + ns + "/stateful-entrypoint: kept until"), first.suspended()::toString);

        JsonNode live = tree(client, ManagedKind.FLINK_DEPLOYMENT, ns, "stateful");
        JsonNode job = live.path("spec").path("job");
        assertEquals("suspended", job.path("state").asText());
        assertEquals("savepoint", job.path("upgradeMode").asText());
        // A merge patch, not an apply of a partial object: the rest of the spec is still there.
        assertEquals(2, job.path("parallelism").asInt(), job::toString);
        assertEquals("local:///opt/flink/usrlib/job.jar", job.path("jarURI").asText());
        assertEquals("registry.acme.io/flink:1.20", live.path("spec").path("image").asText());
        assertEquals(2, live.path("metadata").path("generation").asLong(), "the suspend is a new generation for the operator");
        assertEquals("STABLE", live.path("status").path("lifecycleState").asText(), "a patch of the object leaves the status alone");
        assertTrue(owns(owned(live, KubeSettings.FIELD_MANAGER, "Update"), "spec", "job", "state"), owners(live, "spec", "job", "state"));

        assertTrue(steps.prune(next, NONE).suspended().get(0).contains("waiting for the operator"));
        // The operator reports SUSPENDED, but for generation 1: the suspend of generation 2 has not been reconciled.
        writeStatus(client, ManagedKind.FLINK_DEPLOYMENT, ns, "stateful",
                "{\"lifecycleState\":\"SUSPENDED\",\"jobManagerDeploymentStatus\":\"MISSING\",\"jobStatus\":{\"state\":\"SUSPENDED\"}}");
        PruneResult behind = steps.prune(next, NONE);
        assertEquals(List.of(), behind.deleted());
        assertNotNull(get(client, ManagedKind.FLINK_DEPLOYMENT, ns, "stateful"));

        writeStatus(client, ManagedKind.FLINK_DEPLOYMENT, ns, "stateful", "{\"observedGeneration\":2}");
        PruneResult done = steps.prune(next, NONE);
        assertEquals(List.of("FlinkDeployment " + ns + "/stateful", "ConfigMap " + ns + "/stateful-entrypoint"), done.deleted());
        assertEquals(List.of(), done.suspended());
        assertNull(get(client, ManagedKind.FLINK_DEPLOYMENT, ns, "stateful"));
        assertNull(get(client, Fixtures.CONFIG_MAP, ns, "stateful-entrypoint"));
        assertNotNull(get(client, ManagedKind.FLINK_DEPLOYMENT, ns, "keep"));
    }
}
