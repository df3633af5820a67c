package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.flinkops.Compiler;
import io.flinkops.Compilation;
import io.flinkops.agent.cycle.DesiredState;
import io.flinkops.agent.cycle.Recovery;
import io.flinkops.agent.cycle.StepFailure;
import io.flinkops.diag.Diagnostic;
import io.flinkops.render.Ownership;
import io.flinkops.render.RenderedObject;
import io.flinkops.source.Sources;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.flinkops.agent.kube.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class ApplyTest {

    static DesiredState examples(String cluster) throws Exception {
        Compilation c = new Compiler().compile(Sources.workingTree(Path.of("../examples/repo")), Optional.of(cluster));
        assertFalse(c.hasErrors(), () -> c.diagnostics().toString());
        DesiredState desired = DesiredState.of(cluster, "abc123", c);
        assertFalse(desired.objects().isEmpty());
        return desired;
    }

    /** Plays the operator: reports every session cluster's JobManager READY. */
    static void sessionClustersReady(MockKube kube, DesiredState desired) {
        for (RenderedObject o : desired.objects()) {
            if (o.kind().equals("FlinkDeployment") && o.content().path("metadata").path("labels").hasNonNull(Ownership.SESSION_CLUSTER)) {
                writeStatus(kube.client(), ManagedKind.SESSION_CLUSTER, o.namespace(), o.name(), "{\"observedGeneration\":1,\"jobManagerDeploymentStatus\":\"READY\"}");
            }
        }
    }

    @Test
    void examplesRepoIsAppliedInDependencyOrder_withTheFieldManager_andASecondRunSendsNothing() throws Exception {
        DesiredState desired = examples("prod-eu");
        List<String> sessionJobs = desired.objects().stream().filter(o -> o.kind().equals("FlinkSessionJob"))
                .map(o -> "FlinkSessionJob " + o.namespace() + "/" + o.name()).sorted().toList();
        assertFalse(sessionJobs.isEmpty(), "the examples have session jobs");
        try (MockKube kube = new MockKube()) {
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings());
            ApplyResult first = steps.apply(desired);
            assertEquals(List.of(), first.refused());
            // Session jobs follow their session cluster once it is ready: not in the pass that sends the cluster.
            assertEquals(sessionJobs, first.waiting().stream().map(w -> w.substring(0, w.indexOf(':'))).sorted().toList());
            assertTrue(first.waiting().stream().allMatch(w -> w.contains("was applied in this cycle")), first.waiting()::toString);
            assertEquals(desired.objects().size() - sessionJobs.size(), first.applied().size());
            sessionClustersReady(kube, desired);
            ApplyResult jobs = steps.apply(desired);
            assertEquals(sessionJobs, jobs.applied().stream().sorted().toList());
            assertEquals(List.of(), jobs.waiting());

            List<String> kindsInOrder = new ArrayList<>();
            for (String p : kube.crud().applyRequests()) {
                assertTrue(p.contains("fieldManager=" + KubeSettings.FIELD_MANAGER) && p.contains("force=true"), p);
                String resource = p.replaceAll("\\?.*", "").replaceAll(".*/namespaces/[^/]+/([^/]+)/[^/]+$", "$1");
                if (kindsInOrder.isEmpty() || !kindsInOrder.get(kindsInOrder.size() - 1).equals(resource)) kindsInOrder.add(resource);
            }
            List<String> order = List.of("serviceaccounts", "roles", "rolebindings", "configmaps", "flinkdeployments", "flinksessionjobs");
            List<String> seen = kindsInOrder.stream().distinct().toList();
            assertEquals(order.stream().filter(seen::contains).toList(), seen, "dependency order: " + kindsInOrder);
            assertTrue(first.applied().indexOf(first.applied().stream().filter(a -> a.startsWith("FlinkSessionJob")).findFirst().orElse(""))
                    > 0 || first.applied().stream().noneMatch(a -> a.startsWith("FlinkSessionJob")));

            for (RenderedObject o : desired.objects()) {
                GenericKubernetesResource live = get(kube.client(), ManagedKind.of(o.apiVersion(), o.kind(), o.content().path("metadata").path("labels")).orElseThrow(),
                        o.namespace(), o.name());
                assertNotNull(live, o.name());
                assertEquals(ContentHash.of(o.content()), live.getMetadata().getAnnotations().get(ContentHash.ANNOTATION));
            }

            int requests = kube.crud().applyRequests().size();
            ApplyResult second = steps.apply(desired);
            assertEquals(List.of(), second.waiting(), "a session job that is live and unchanged needs no wait");
            assertEquals(List.of(), second.applied());
            assertEquals(desired.objects().size(), second.unchanged().size());
            assertEquals(requests, kube.crud().applyRequests().size(), "nothing re-sent");

            // A new agent process (no memory) finds the same: the hash lives on the objects.
            assertEquals(List.of(), new KubernetesSteps(kube.client(), settings()).apply(desired).applied());
        }
    }

    @Test
    void sessionClustersGoBeforeApplicationDeployments_andSessionJobsFollowOnceTheirClusterIsReady() throws Exception {
        try (MockKube kube = new MockKube()) {
            DesiredState desired = desired("c1", List.of(sessionJob("sj", "shared"), deployment("orders", "running", "savepoint"),
                    sessionCluster("shared"), configMap("orders-sql"), serviceAccount("flinkops-flink")));
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings());
            ApplyResult r = steps.apply(desired);
            assertEquals(List.of("ServiceAccount flink-payments/flinkops-flink", "ConfigMap flink-payments/orders-sql",
                    "FlinkDeployment flink-payments/shared", "FlinkDeployment flink-payments/orders"), r.applied());
            assertEquals(List.of("FlinkSessionJob flink-payments/sj: its session cluster FlinkDeployment flink-payments/shared was applied in this cycle; "
                    + "the job is applied in a later cycle, once the operator reports the cluster's JobManager READY"), r.waiting());
            assertNull(get(kube.client(), ManagedKind.FLINK_SESSION_JOB, NS, "sj"));

            // The next cycle: the operator has not brought the JobManager up yet.
            writeStatus(kube.client(), ManagedKind.SESSION_CLUSTER, NS, "shared", "{\"jobManagerDeploymentStatus\":\"DEPLOYING\"}");
            ApplyResult deploying = steps.apply(desired);
            assertEquals(List.of(), deploying.applied());
            assertTrue(deploying.waiting().get(0).contains("is not ready (status.jobManagerDeploymentStatus: DEPLOYING)"), deploying.waiting()::toString);
            // Waiting is not leaving: prune keeps what waits (it is desired), and deletes nothing else.
            assertEquals(List.of(), steps.prune(desired, deploying).deleted());

            writeStatus(kube.client(), ManagedKind.SESSION_CLUSTER, NS, "shared", "{\"jobManagerDeploymentStatus\":\"READY\"}");
            ApplyResult ready = steps.apply(desired);
            assertEquals(List.of("FlinkSessionJob flink-payments/sj"), ready.applied());
            assertEquals(List.of(), ready.waiting());
            assertNotNull(get(kube.client(), ManagedKind.FLINK_SESSION_JOB, NS, "sj"));

            // A change to the cluster and the job in one commit: the cluster goes first, the job waits one pass again,
            // while the job already live keeps running as it is.
            ObjectNode cluster2 = sessionCluster("shared");
            ((ObjectNode) cluster2.get("spec")).put("image", "registry.acme.io/flink:1.20.3");
            ObjectNode job2 = sessionJob("sj", "shared");
            ((ObjectNode) job2.path("spec").path("job")).put("parallelism", 3);
            DesiredState both = desired("c2", List.of(job2, cluster2));
            ApplyResult changed = steps.apply(both);
            assertEquals(List.of("FlinkDeployment flink-payments/shared"), changed.applied());
            assertEquals(1, changed.waiting().size());
            assertEquals(List.of(), steps.prune(both, changed).deleted(), "the waiting job is not pruned");
            assertNotNull(get(kube.client(), ManagedKind.FLINK_SESSION_JOB, NS, "sj"));
            assertEquals(List.of("FlinkSessionJob flink-payments/sj"), steps.apply(both).applied(), "the cluster's status says READY");
        }
    }

    @Test
    void aSessionJobWhoseClusterIsMissingWaits_andAnUnchangedLiveJobNeedsNoWait() throws Exception {
        try (MockKube kube = new MockKube()) {
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings());
            ApplyResult missing = steps.apply(desired("c1", List.of(sessionJob("orphan", "nowhere"))));
            assertEquals(List.of(), missing.applied());
            assertEquals(List.of("FlinkSessionJob flink-payments/orphan: its session cluster FlinkDeployment flink-payments/nowhere does not exist; "
                    + "the job is applied in a later cycle, once the operator reports the cluster's JobManager READY"), missing.waiting());

            DesiredState d = desired("c1", List.of(sessionCluster("shared"), sessionJob("sj", "shared")));
            steps.apply(d);
            writeStatus(kube.client(), ManagedKind.SESSION_CLUSTER, NS, "shared", "{\"jobManagerDeploymentStatus\":\"READY\"}");
            assertEquals(List.of("FlinkSessionJob flink-payments/sj"), steps.apply(d).applied());
            // The cluster goes down: the job that runs (unchanged) is not held back or re-sent, and nothing waits.
            writeStatus(kube.client(), ManagedKind.SESSION_CLUSTER, NS, "shared", "{\"jobManagerDeploymentStatus\":\"MISSING\"}");
            ApplyResult down = steps.apply(d);
            assertEquals(List.of("FlinkDeployment flink-payments/shared", "FlinkSessionJob flink-payments/sj"), down.unchanged());
            assertEquals(List.of(), down.waiting());
        }
    }

    @Test
    void aNewCommitThatChangesNothingElseSendsNothing_aChangedSpecIsSent() throws Exception {
        try (MockKube kube = new MockKube()) {
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings());
            steps.apply(desired("c1", List.of(deployment("orders", "running", "savepoint"), configMap("orders-sql"))));
            ApplyResult same = steps.apply(desired("c2", List.of(deployment("orders", "running", "savepoint"), configMap("orders-sql"))));
            assertEquals(List.of(), same.applied());
            assertEquals("c1", get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "orders").getMetadata().getAnnotations().get(Ownership.SOURCE_COMMIT));

            ObjectNode changed = deployment("orders", "running", "savepoint");
            ((ObjectNode) changed.get("spec")).put("image", "registry.acme.io/flink:1.20.3");
            ApplyResult r = steps.apply(desired("c3", List.of(changed, configMap("orders-sql"))));
            assertEquals(List.of("FlinkDeployment flink-payments/orders"), r.applied());
            assertEquals(List.of("ConfigMap flink-payments/orders-sql"), r.unchanged());
            GenericKubernetesResource live = get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "orders");
            assertEquals("registry.acme.io/flink:1.20.3", ((Map<?, ?>) live.getAdditionalProperties().get("spec")).get("image"));
            assertEquals("c3", live.getMetadata().getAnnotations().get(Ownership.SOURCE_COMMIT));
        }
    }

    /**
     * Honest about the mock: a field removed from the repo changes the hash, so the object is sent again. A real API
     * server's server-side apply then removes the field (this field manager owned it); the mock merges, so the field
     * stays there. This test pins the re-send, not the removal.
     */
    @Test
    void aFieldRemovedFromTheRepoIsSentAgain_removalItselfIsTheApiServersJob() throws Exception {
        try (MockKube kube = new MockKube()) {
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings());
            steps.apply(desired("c1", List.of(deployment("orders", "running", "savepoint"))));
            ObjectNode without = deployment("orders", "running", "savepoint");
            ((ObjectNode) without.path("spec").path("job")).remove("parallelism");
            assertEquals(List.of("FlinkDeployment flink-payments/orders"), steps.apply(desired("c2", List.of(without))).applied());
            int sent = kube.crud().applyRequests().size();
            assertEquals(List.of(), steps.apply(desired("c2", List.of(without))).applied(), "then it is settled");
            assertEquals(sent, kube.crud().applyRequests().size());
            Map<?, ?> job = (Map<?, ?>) ((Map<?, ?>) get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "orders").getAdditionalProperties().get("spec")).get("job");
            assertEquals(2, job.get("parallelism"), "merge in the mock keeps it; real server-side apply would remove it");
        }
    }

    @Test
    void driftOnAFieldTheAgentSetsIsCorrected_fieldsItDoesNotSetAreLeftAlone() throws Exception {
        try (MockKube kube = new MockKube()) {
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings());
            DesiredState d = desired("c1", List.of(deployment("orders", "running", "savepoint")));
            steps.apply(d);
            var api = kube.client().genericKubernetesResources(ManagedKind.FLINK_DEPLOYMENT.context()).inNamespace(NS).withName("orders");
            api.patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                    "{\"spec\":{\"restartNonce\":7}}");
            assertEquals(List.of(), steps.apply(d).applied(), "a field the agent does not set is not drift");
            api.patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                    "{\"spec\":{\"image\":\"evil/flink:latest\"}}");
            assertEquals(List.of("FlinkDeployment flink-payments/orders"), steps.apply(d).applied());
            assertEquals("registry.acme.io/flink:1.20", ((Map<?, ?>) api.get().getAdditionalProperties().get("spec")).get("image"));
            assertEquals(List.of(), steps.apply(d).applied());
        }
    }

    @Test
    void refusesWhatTheRulesForbid_whateverTheRepoSays() throws Exception {
        try (MockKube kube = new MockKube()) {
            ObjectNode secret = object("v1", "Secret", NS, "creds", CLUSTER, null);
            ObjectNode otherNamespace = deployment("elsewhere", "running", "stateless");
            ((ObjectNode) otherNamespace.get("metadata")).put("namespace", "kube-system");
            ObjectNode notOnAgentList = deployment("bi", "running", "stateless");
            ((ObjectNode) notOnAgentList.get("metadata")).put("namespace", "team-bi");
            ObjectNode otherCluster = object("v1", "ConfigMap", NS, "staging-cm", "staging", null);
            ObjectNode unlabelled = deployment("taken", "running", "stateless");
            ((ObjectNode) unlabelled.get("metadata")).remove("labels");
            kube.client().genericKubernetesResources(ManagedKind.FLINK_DEPLOYMENT.context()).inNamespace(NS)
                    .resource(Json.resource(unlabelled)).create();

            DesiredState desired = desired("c1", List.of(secret, otherNamespace, notOnAgentList, otherCluster, deployment("taken", "running", "savepoint"),
                    deployment("fine", "running", "stateless")), List.of("flink-*", "team-bi"), List.of());
            ApplyResult r = new KubernetesSteps(kube.client(), KubeSettings.of(List.of("flink-*", "kube-*"))).apply(desired);
            assertEquals(List.of("FlinkDeployment flink-payments/fine"), r.applied());
            String refused = String.join("\n", r.refused());
            assertEquals(5, r.refused().size(), refused);
            assertTrue(refused.contains("Secret flink-payments/creds: kind Secret (v1) is not on the agent's allowlist"), refused);
            assertTrue(refused.contains("FlinkDeployment team-bi/bi: Kubernetes namespace team-bi is not on this agent's allowlist"), refused);
            assertTrue(refused.contains("ConfigMap flink-payments/staging-cm: it belongs to cluster staging"), refused);
            assertTrue(refused.contains("FlinkDeployment flink-payments/taken: an object of that name already exists and is not managed by this agent"), refused);
            assertTrue(refused.contains("FlinkDeployment kube-system/elsewhere: Kubernetes namespace kube-system is not allowed by the Repository policy"), refused);
            assertNull(get(kube.client(), CONFIG_MAP, NS, "creds"));
            assertNull(get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, "team-bi", "bi"));
            GenericKubernetesResource taken = get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "taken");
            assertTrue(taken.getMetadata().getLabels() == null || taken.getMetadata().getLabels().isEmpty(), "the foreign object is untouched");
            assertEquals("stateless", ((Map<?, ?>) ((Map<?, ?>) taken.getAdditionalProperties().get("spec")).get("job")).get("upgradeMode"));

            // The Repository policy applies too (FO207 semantics: here it does not list kube-system).
            ApplyResult policy = new KubernetesSteps(kube.client(), KubeSettings.of(List.of("*"))).apply(
                    desired("c1", List.of(otherNamespace), List.of("flink-*"), List.of()));
            assertTrue(policy.refused().get(0).contains("is not allowed by the Repository policy"), policy.refused()::toString);
            // An empty agent allowlist allows nothing (fail closed).
            ApplyResult closed = new KubernetesSteps(kube.client(), KubeSettings.of(List.of())).apply(desired("c1", List.of(deployment("fine", "running", "stateless"))));
            assertEquals(List.of(), closed.applied());
            assertEquals(1, closed.refused().size());
        }
    }

    @Test
    void anInvalidDesiredStateAppliesNothing() throws Exception {
        try (MockKube kube = new MockKube()) {
            Diagnostic error = invalidDiagnostic();
            DesiredState invalid = desired("bad", List.of(deployment("orders", "running", "savepoint")), List.of("flink-*"), List.of(error));
            StepFailure f = assertThrows(StepFailure.class, () -> new KubernetesSteps(kube.client(), settings()).apply(invalid));
            assertEquals(Recovery.NEEDS_HUMAN, f.recovery());
            assertTrue(kube.crud().applyRequests().isEmpty());
            assertNull(get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "orders"));
        }
    }

    @Test
    void forbiddenAndInvalidObjectsNeedAHuman_andTheObjectIsNamed() throws Exception {
        for (int code : new int[]{403, 422}) {
            try (MockKube kube = new MockKube()) {
                kube.faults().fail(FaultInjector.on("PATCH", "/configmaps/orders-sql"), 1, code);
                StepFailure f = assertThrows(StepFailure.class, () -> new KubernetesSteps(kube.client(), settings())
                        .apply(desired("c1", List.of(deployment("orders", "running", "savepoint"), configMap("orders-sql")))));
                assertEquals(Recovery.NEEDS_HUMAN, f.recovery(), f.getMessage());
                assertTrue(f.getMessage().contains("ConfigMap flink-payments/orders-sql"), f.getMessage());
                assertNull(get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "orders"), "the step stops at the failing object");
            }
        }
    }

    static Diagnostic invalidDiagnostic() throws Exception {
        // A real error diagnostic, from compiling a broken repo.
        Path dir = java.nio.file.Files.createTempDirectory("flinkops-invalid");
        try {
            java.nio.file.Files.writeString(dir.resolve("flinkops.yaml"), "apiVersion: v1\nkind: Repository\nmetadata: {name: x}\nspec: {clusters: 3}\n");
            Compilation c = new Compiler().compile(Sources.workingTree(dir), Optional.empty());
            return c.diagnostics().sorted().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
        } finally {
            try (var files = java.nio.file.Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
