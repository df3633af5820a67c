package io.flinkops.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.flinkops.Compiler;
import io.flinkops.agent.kube.MockKube;
import io.flinkops.agent.testing.GitDaemon;
import io.flinkops.agent.testing.GitFixture;
import io.flinkops.render.Ownership;
import io.flinkops.render.RenderedObject;
import io.flinkops.source.Sources;
import io.flinkops.status.AgentStatus;
import io.flinkops.status.DeploymentStatus;
import io.flinkops.status.StatusBranch;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The "done when", end to end with real parts only: {@link Main#run} with {@code --once} (a new agent
 * process each time: fresh {@code KubernetesSteps} from {@link Main#kubernetesSteps}, same work directory), the real
 * Kubernetes steps against the fabric8 mock API server ({@link MockKube}: CRUD mode, the operator's CRDs, server-side
 * apply accepted and recorded), and the config repo (a copy of {@code examples/repo}, in folder {@code config/})
 * served by a real {@code git daemon} on 127.0.0.1, the status branch pushed back to it. The test plays the operator
 * by writing status subresources, and the humans by pushing commits.
 */
class AgentEndToEndTest {
    static final String CLUSTER = "prod-eu";
    static final String STATUS_BRANCH = "refs/heads/flinkops/status";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    record Run(int code, String out) {
    }

    /** Key of a Kubernetes object as the mock's URLs name it: {@code <plural>/<namespace>/<name>}. */
    static String key(String kind, String namespace, String name) {
        return kind.toLowerCase() + "s/" + namespace + "/" + name;
    }

    static String key(RenderedObject o) {
        return key(o.kind(), o.namespace(), o.name());
    }

    static ResourceDefinitionContext context(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        return new ResourceDefinitionContext.Builder().withGroup(slash < 0 ? "" : apiVersion.substring(0, slash))
                .withVersion(apiVersion.substring(slash + 1)).withKind(kind).withPlural(kind.toLowerCase() + "s").withNamespaced(true).build();
    }

    static final ResourceDefinitionContext FLINK_DEPLOYMENT = context("flink.apache.org/v1beta1", "FlinkDeployment");
    static final ResourceDefinitionContext FLINK_SESSION_JOB = context("flink.apache.org/v1beta1", "FlinkSessionJob");

    private static final Pattern APPLY_PATH = Pattern.compile("^/(?:api/v1|apis/[^/]+/[^/]+)/namespaces/([^/]+)/([^/]+)/([^/?]+)\\?(.*)$");

    /** The objects sent with server-side apply since {@code from}, as {@link #key}s; checks field manager and force. */
    static List<String> applied(MockKube kube, int from) {
        List<String> out = new ArrayList<>();
        List<String> requests = kube.crud().applyRequests();
        for (String path : requests.subList(from, requests.size())) {
            Matcher m = APPLY_PATH.matcher(path);
            assertTrue(m.matches(), path);
            assertTrue(m.group(4).contains("fieldManager=flinkops-agent"), path);
            assertTrue(m.group(4).contains("force=true"), path);
            out.add(m.group(2) + "/" + m.group(1) + "/" + m.group(3));
        }
        return out;
    }

    static Map<String, RenderedObject> compile(Path config) throws Exception {
        var compilation = new Compiler().compile(Sources.workingTree(config), Optional.of(CLUSTER));
        assertFalse(compilation.hasErrors(), compilation.diagnostics().sorted().toString());
        Map<String, RenderedObject> out = new TreeMap<>();
        for (RenderedObject o : compilation.output().orElseThrow().clusters().get(CLUSTER)) out.put(key(o), o);
        return out;
    }

    /** Content without what changes with every commit (the source-commit annotation). */
    static JsonNode comparable(RenderedObject o) {
        ObjectNode c = o.content().deepCopy();
        JsonNode annotations = c.path("metadata").path("annotations");
        if (annotations instanceof ObjectNode a) a.remove(Ownership.SOURCE_COMMIT);
        return c;
    }

    static GenericKubernetesResource get(KubernetesClient client, RenderedObject o) {
        return client.genericKubernetesResources(context(o.apiVersion(), o.kind())).inNamespace(o.namespace()).withName(o.name()).get();
    }

    /** Plays the operator: merges {@code statusJson} ({@code GEN} = the object's current generation) into its status. */
    static void operatorStatus(KubernetesClient client, ResourceDefinitionContext kind, String namespace, String name, String statusJson) {
        var resource = client.genericKubernetesResources(kind).inNamespace(namespace).withName(name);
        GenericKubernetesResource live = resource.get();
        assertNotNull(live, namespace + "/" + name);
        long generation = live.getMetadata().getGeneration() == null ? 1 : live.getMetadata().getGeneration();
        resource.subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":" + statusJson.replace("GEN", Long.toString(generation)) + "}");
    }

    Run once(GitDaemon daemon, MockKube kube) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String[] args = {"--once", "--cluster", CLUSTER, "--repo-url", daemon.url("remote.git"), "--path", "config",
                "--work-dir", tmp.resolve("agent-work").toString(), "--allowed-namespaces", "flink-*,bi-streaming",
                "--retry-attempts", "2", "--retry-initial", "10ms", "--retry-max", "50ms", "--http-port", "0"};
        // The real steps factory, handed the mock's client instead of the one built from the environment.
        int code = Main.run(args, Map.of(), (ignored, settings) -> Main.kubernetesSteps(kube.client(), settings),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }

    static ObjectId statusTip(GitFixture git) throws Exception {
        try (Repository r = Git.open(git.bare.toFile()).getRepository()) {
            Ref ref = r.exactRef(STATUS_BRANCH);
            return ref == null ? null : ref.getObjectId();
        }
    }

    static StatusBranch status(GitFixture git) throws Exception {
        try (Repository r = Git.open(git.bare.toFile()).getRepository()) {
            return StatusBranch.read(r, "flinkops/status", "origin").orElseThrow();
        }
    }

    static DeploymentStatus deployment(StatusBranch s, String namespace, String name) {
        return s.deployments().stream().filter(d -> namespace.equals(d.namespace()) && name.equals(d.deployment())).findFirst()
                .orElseThrow(() -> new AssertionError("no status/" + namespace + "/" + name + ".yaml in " + s.deployments()));
    }

    static AgentStatus agent(StatusBranch s) {
        return s.agents().stream().filter(a -> CLUSTER.equals(a.cluster())).findFirst().orElseThrow();
    }

    static String condition(DeploymentStatus s, String type) {
        return s.conditions().stream().filter(c -> type.equals(c.type())).map(DeploymentStatus.Condition::status).findFirst().orElse(null);
    }

    static String transition(DeploymentStatus s, String type) {
        return s.conditions().stream().filter(c -> type.equals(c.type())).map(DeploymentStatus.Condition::lastTransitionTime).findFirst().orElseThrow();
    }

    static String head(GitFixture git) throws Exception {
        return git.human().getRepository().resolve("HEAD").name();
    }

    @Test
    void onceAppliesExamplesRecordsStatusIsIdleWhenNothingChangedAndFollowsCommits() throws Exception {
        try (GitFixture git = new GitFixture(tmp.resolve("git"));
             GitDaemon daemon = new GitDaemon(git.root);
             MockKube kube = new MockKube(10_000)) {
            KubernetesClient client = kube.client();
            Path config = git.human.resolve("config");
            String c1 = head(git);
            Map<String, RenderedObject> desired = compile(config);
            assertFalse(desired.isEmpty());

            // 1. --once applies every object rendered for prod-eu, with server-side apply by the agent's field manager,
            // except the session jobs: they follow once their session cluster, applied in this cycle, is ready.
            Set<String> sessionJobs = new TreeSet<>(desired.keySet().stream().filter(k -> k.startsWith("flinksessionjobs/")).toList());
            assertEquals(Set.of("flinksessionjobs/bi-streaming/campaign-clicks-filter", "flinksessionjobs/bi-streaming/dashboard-signups-per-hour",
                    "flinksessionjobs/bi-streaming/kpi-rollups-hourly"), sessionJobs);
            Set<String> withoutJobs = new TreeSet<>(desired.keySet());
            withoutJobs.removeAll(sessionJobs);
            Run first = once(daemon, kube);
            assertEquals(1, first.code(), "the session jobs wait: the cycle is not complete\n" + first.out());
            assertEquals(withoutJobs, new TreeSet<>(applied(kube, 0)), "one apply per rendered object");
            assertEquals(withoutJobs.size(), kube.crud().applyRequests().size());
            for (String job : sessionJobs) assertNull(get(client, desired.get(job)), job);
            StatusBranch waiting = status(git);
            assertEquals("FAILED_NEXT_CYCLE", agent(waiting).outcome());
            assertNull(agent(waiting).lastAppliedRevision(), "not applied completely yet");
            assertEquals(List.of("WAITING_FOR_SESSION_CLUSTER", "WAITING_FOR_SESSION_CLUSTER", "WAITING_FOR_SESSION_CLUSTER"),
                    agent(waiting).problems().stream().map(AgentStatus.Problem::reason).toList(), agent(waiting).toString());
            assertTrue(agent(waiting).problems().get(0).message().contains("session cluster FlinkDeployment bi-streaming/analytics-shared was applied in this cycle"),
                    agent(waiting).toString());

            // The operator brings the session cluster up; the next cycle applies the session jobs, and only them.
            operatorStatus(client, FLINK_DEPLOYMENT, "bi-streaming", "analytics-shared", "{\"observedGeneration\":GEN,\"lifecycleState\":\"DEPLOYED\","
                    + "\"jobManagerDeploymentStatus\":\"READY\"}");
            int beforeJobs = kube.crud().applyRequests().size();
            Run jobs = once(daemon, kube);
            assertEquals(0, jobs.code(), jobs.out());
            assertEquals(sessionJobs, new TreeSet<>(applied(kube, beforeJobs)));
            assertEquals(desired.size(), kube.crud().applyRequests().size(), "one apply per rendered object");
            for (RenderedObject o : desired.values()) {
                GenericKubernetesResource live = get(client, o);
                assertNotNull(live, key(o));
                assertEquals(o.kind(), live.getKind());
                assertEquals(c1, live.getMetadata().getAnnotations().get(Ownership.SOURCE_COMMIT), key(o));
                assertEquals(CLUSTER, live.getMetadata().getLabels().get(Ownership.CLUSTER), key(o));
            }
            StatusBranch afterFirst = status(git);
            assertEquals("SUCCEEDED", agent(afterFirst).outcome());
            assertEquals(c1, agent(afterFirst).lastAppliedRevision());
            // Nothing reported by the operator yet: the operator has not caught up.
            assertEquals("TRANSITIONING", deployment(afterFirst, "payments", "fraud-scoring").state());

            // 2. The operator reports; the next cycle records the VVP states on the status branch.
            operatorStatus(client, FLINK_DEPLOYMENT, "flink-payments", "fraud-scoring", "{\"observedGeneration\":GEN,\"lifecycleState\":\"STABLE\","
                    + "\"jobManagerDeploymentStatus\":\"READY\",\"jobStatus\":{\"state\":\"RUNNING\",\"jobId\":\"5f3c2a1b9d8e7f6a5b4c3d2e1f0a9b8c\","
                    + "\"savepointInfo\":{\"lastSavepoint\":{\"location\":\"s3://acme-flink-state/payments/fraud-scoring/savepoints/savepoint-5f3c2a-1\","
                    + "\"timeStamp\":1795082400000,\"triggerType\":\"PERIODIC\"}}}}");
            operatorStatus(client, FLINK_DEPLOYMENT, "flink-sql", "refund-rate-alerts", "{\"observedGeneration\":GEN,\"lifecycleState\":\"SUSPENDED\","
                    + "\"jobManagerDeploymentStatus\":\"MISSING\",\"jobStatus\":{\"state\":\"SUSPENDED\",\"jobId\":\"0a1b2c3d4e5f60718293a4b5c6d7e8f9\"}}");
            operatorStatus(client, FLINK_DEPLOYMENT, "bi-streaming", "analytics-shared", "{\"observedGeneration\":GEN,\"lifecycleState\":\"STABLE\","
                    + "\"jobManagerDeploymentStatus\":\"READY\"}");
            operatorStatus(client, FLINK_SESSION_JOB, "bi-streaming", "campaign-clicks-filter", "{\"observedGeneration\":GEN,\"lifecycleState\":\"STABLE\","
                    + "\"jobStatus\":{\"state\":\"RECONCILING\",\"jobId\":\"11112222333344445555666677778888\"}}");
            operatorStatus(client, FLINK_DEPLOYMENT, "flink-payments", "card-auth-enrichment", "{\"observedGeneration\":GEN,\"lifecycleState\":\"STABLE\","
                    + "\"jobManagerDeploymentStatus\":\"MISSING\",\"jobStatus\":{\"state\":\"RECONCILING\"}}");
            Run second = once(daemon, kube);
            assertEquals(0, second.code(), second.out());
            assertEquals(desired.size(), kube.crud().applyRequests().size(), "no config change: nothing re-sent");
            StatusBranch s2 = status(git);
            DeploymentStatus fraud = deployment(s2, "payments", "fraud-scoring");
            assertEquals("RUNNING", fraud.desiredState());
            assertEquals("RUNNING", fraud.state());
            assertEquals("5f3c2a1b9d8e7f6a5b4c3d2e1f0a9b8c", fraud.jobId());
            assertEquals("s3://acme-flink-state/payments/fraud-scoring/savepoints/savepoint-5f3c2a-1", fraud.lastSavepoint().location());
            assertEquals(Instant.ofEpochMilli(1795082400000L).toString(), fraud.lastSavepoint().timestamp());
            assertEquals("PERIODIC", fraud.lastSavepoint().triggerType());
            assertEquals("False", condition(fraud, "ClusterUnreachable"));
            assertEquals("False", condition(fraud, "JobFailing"));
            assertEquals("False", condition(fraud, "JobUnstable"));
            assertEquals(c1, fraud.sourceCommit());
            assertEquals(CLUSTER, fraud.cluster());
            DeploymentStatus refunds = deployment(s2, "platform-sql", "refund-rate-alerts");
            assertEquals("SUSPENDED", refunds.desiredState());
            assertEquals("SUSPENDED", refunds.state());
            assertEquals("False", condition(refunds, "ClusterUnreachable"));
            DeploymentStatus clicks = deployment(s2, "analytics", "campaign-clicks-filter");
            assertEquals("RUNNING", clicks.desiredState());
            assertEquals("TRANSITIONING", clicks.state());
            assertEquals("11112222333344445555666677778888", clicks.jobId());
            assertEquals("False", condition(clicks, "ClusterUnreachable"));
            DeploymentStatus enrichment = deployment(s2, "payments", "card-auth-enrichment");
            assertEquals("True", condition(enrichment, "ClusterUnreachable"), enrichment.toString());
            // A condition's transition time moves when its status changes, and only then (also across agent processes).
            DeploymentStatus enrichment1 = deployment(afterFirst, "payments", "card-auth-enrichment");
            assertEquals("False", condition(enrichment1, "ClusterUnreachable"));
            assertNotEquals(transition(enrichment1, "ClusterUnreachable"), transition(enrichment, "ClusterUnreachable"));
            assertEquals(transition(enrichment1, "JobFailing"), transition(enrichment, "JobFailing"));
            assertEquals(transition(deployment(afterFirst, "payments", "fraud-scoring"), "JobUnstable"), transition(fraud, "JobUnstable"));
            assertEquals("TRANSITIONING", enrichment.state());
            AgentStatus a2 = agent(s2);
            assertEquals("SUCCEEDED", a2.outcome());
            assertEquals(c1, a2.lastAppliedRevision());
            assertEquals(c1, a2.lastAttemptedRevision());
            assertTrue(a2.problems().isEmpty() && a2.diagnostics().isEmpty(), a2.toString());
            // The same, through `flinkops status` on a clone.
            String table = cliStatus(git);
            assertTrue(Pattern.compile("payments\\s+fraud-scoring\\s+RUNNING\\s+RUNNING\\s+5f3c2a").matcher(table).find(), table);
            assertTrue(Pattern.compile("platform-sql\\s+refund-rate-alerts\\s+SUSPENDED\\s+SUSPENDED").matcher(table).find(), table);
            assertTrue(table.contains("agent prod-eu: SUCCEEDED"), table);

            // 3. No change in the repo nor in the cluster: no status commit, nothing re-sent.
            ObjectId tip = statusTip(git);
            Run third = once(daemon, kube);
            assertEquals(0, third.code(), third.out());
            assertEquals(tip, statusTip(git), "an idle cycle makes no status commit\n" + third.out());
            assertEquals(desired.size(), kube.crud().applyRequests().size(), "an idle cycle re-sends nothing");

            // 4. A commit that changes one deployment re-applies exactly the objects whose rendering changed.
            String fraudFile = "config/namespaces/payments/deployments/fraud-scoring.yaml";
            String fraudYaml = git.read(fraudFile);
            git.write(fraudFile, fraudYaml.replace("      parallelism: 6\n", "      parallelism: 4\n"));
            String c2 = git.commitAndPush("fraud-scoring: parallelism 4");
            Map<String, RenderedObject> desired2 = compile(config);
            assertEquals(desired.keySet(), desired2.keySet());
            assertEquals(Set.of("flinkdeployments/flink-payments/fraud-scoring"), changed(desired, desired2), "the rendering changes in exactly one object");
            int before4 = kube.crud().applyRequests().size();
            Run fourth = once(daemon, kube);
            assertEquals(0, fourth.code(), fourth.out());
            assertEquals(List.of("flinkdeployments/flink-payments/fraud-scoring"), applied(kube, before4));
            GenericKubernetesResource fraudLive = get(client, desired2.get("flinkdeployments/flink-payments/fraud-scoring"));
            assertEquals(4, ((Number) ((Map<?, ?>) ((Map<?, ?>) fraudLive.getAdditionalProperties().get("spec")).get("job")).get("parallelism")).intValue());
            assertEquals(c2, fraudLive.getMetadata().getAnnotations().get(Ownership.SOURCE_COMMIT));
            // Objects not re-sent keep the commit that last changed them.
            assertEquals(c1, get(client, desired2.get("flinkdeployments/flink-sql/refund-rate-alerts")).getMetadata().getAnnotations().get(Ownership.SOURCE_COMMIT));
            StatusBranch s4 = status(git);
            assertEquals(c2, agent(s4).lastAppliedRevision());
            assertEquals(c2, deployment(s4, "payments", "fraud-scoring").sourceCommit());
            assertEquals("TRANSITIONING", deployment(s4, "payments", "fraud-scoring").state(), "the operator has not caught up with the new spec");
            assertEquals("SUSPENDED", deployment(s4, "platform-sql", "refund-rate-alerts").state());
            // The operator catches up with the new generation.
            operatorStatus(client, FLINK_DEPLOYMENT, "flink-payments", "fraud-scoring", "{\"observedGeneration\":GEN}");

            // 5. A commit with a validation error applies nothing, exits non-zero and records the located errors.
            Map<String, String> versions = resourceVersions(client, desired2);
            git.write(fraudFile, git.read(fraudFile).replace("deploymentTargetName: payments-prod", "deploymentTargetName: payments-nowhere"));
            String c3 = git.commitAndPush("fraud-scoring: a target that does not exist");
            int before5 = kube.crud().applyRequests().size();
            Run fifth = once(daemon, kube);
            assertNotEquals(0, fifth.code(), fifth.out());
            assertEquals(before5, kube.crud().applyRequests().size(), "an invalid commit applies nothing");
            assertEquals(versions, resourceVersions(client, desired2), "the objects applied before are untouched");
            StatusBranch s5 = status(git);
            AgentStatus a5 = agent(s5);
            assertEquals("NEEDS_HUMAN", a5.outcome());
            assertEquals(c3, a5.lastAttemptedRevision());
            assertEquals(c2, a5.lastAppliedRevision(), "the last applied revision stays the last valid one");
            assertEquals(List.of("CONFIG_INVALID"), a5.problems().stream().map(AgentStatus.Problem::reason).toList(), a5.toString());
            assertTrue(a5.problems().get(0).message().contains("nothing was applied"), a5.toString());
            assertTrue(a5.diagnostics().stream().anyMatch(d -> d.file().equals("namespaces/payments/deployments/fraud-scoring.yaml")
                    && d.line() != null && d.line() > 0 && d.message().contains("payments-nowhere") && d.code().startsWith("FO")), a5.toString());
            // Status keeps flowing from what runs.
            assertEquals("RUNNING", deployment(s5, "payments", "fraud-scoring").state());

            // 6. A deployment removed from the repo: a running stateful one is suspended first, deleted once SUSPENDED.
            Files.delete(git.human.resolve(fraudFile));
            String c4 = git.commitAndPush("fraud-scoring retired");
            Map<String, RenderedObject> desired4 = compile(config);
            Set<String> gone = new TreeSet<>(desired2.keySet());
            gone.removeAll(desired4.keySet());
            assertEquals(Set.of("configmaps/flink-payments/fraud-scoring-flinkops-entrypoint", "flinkdeployments/flink-payments/fraud-scoring"), gone);
            int before6 = kube.crud().applyRequests().size();
            int requests6 = kube.faults().requests().size();
            Run sixth = once(daemon, kube);
            assertEquals(0, sixth.code(), sixth.out());
            // Only what the removal changed is re-sent: the payments Roles, which name the deployments' objects.
            assertEquals(Set.of("roles/flink-payments/flinkops-flink", "roles/flink-payments/flinkops-payments-editor",
                    "roles/flink-payments/flinkops-payments-owner"), changed(desired2, desired4));
            assertEquals(changed(desired2, desired4), new TreeSet<>(applied(kube, before6)));
            assertEquals(changed(desired2, desired4).size(), applied(kube, before6).size());
            String fraudPath = "/apis/flink.apache.org/v1beta1/namespaces/flink-payments/flinkdeployments/fraud-scoring";
            List<String> patches = kube.faults().requests().subList(requests6, kube.faults().requests().size()).stream()
                    .filter(r -> r.startsWith("PATCH " + fraudPath)).toList();
            assertEquals(1, patches.size(), patches.toString());
            assertFalse(patches.get(0).contains("force=true"), "the suspend is a merge patch, not an apply: " + patches);
            GenericKubernetesResource suspending = client.genericKubernetesResources(FLINK_DEPLOYMENT).inNamespace("flink-payments").withName("fraud-scoring").get();
            assertNotNull(suspending, "a running stateful deployment is not deleted at once");
            Map<?, ?> job = (Map<?, ?>) ((Map<?, ?>) suspending.getAdditionalProperties().get("spec")).get("job");
            assertEquals("suspended", job.get("state"));
            assertEquals("savepoint", job.get("upgradeMode"));
            assertNotNull(suspending.getMetadata().getAnnotations().get("flinkops.io/prune-suspended"), "marked as suspended on its way out");
            // Its entrypoint ConfigMap, which the pods mount, stays until the FlinkDeployment is deleted.
            assertNotNull(get(client, desired2.get("configmaps/flink-payments/fraud-scoring-flinkops-entrypoint")));
            for (RenderedObject o : desired4.values()) assertNotNull(get(client, o), key(o));
            assertEquals(c4, agent(status(git)).lastAppliedRevision());

            operatorStatus(client, FLINK_DEPLOYMENT, "flink-payments", "fraud-scoring", "{\"observedGeneration\":GEN,\"lifecycleState\":\"SUSPENDED\","
                    + "\"jobManagerDeploymentStatus\":\"MISSING\",\"jobStatus\":{\"state\":\"SUSPENDED\"}}");
            Run seventh = once(daemon, kube);
            assertEquals(0, seventh.code(), seventh.out());
            assertNull(client.genericKubernetesResources(FLINK_DEPLOYMENT).inNamespace("flink-payments").withName("fraud-scoring").get(),
                    "deleted once the operator reports it SUSPENDED");
            for (String k : gone) assertNull(get(client, desired2.get(k)), k + " is pruned");
            for (RenderedObject o : desired4.values()) assertNotNull(get(client, o), key(o));
            StatusBranch s7 = status(git);
            assertTrue(s7.deployments().stream().noneMatch(d -> "fraud-scoring".equals(d.deployment())), "its status file is removed");
            assertEquals("SUCCEEDED", agent(s7).outcome());
        }
    }

    /** The objects of {@code after} that are new or render differently from {@code before}. */
    static Set<String> changed(Map<String, RenderedObject> before, Map<String, RenderedObject> after) {
        Set<String> changed = new TreeSet<>();
        for (var e : after.entrySet()) {
            RenderedObject old = before.get(e.getKey());
            if (old == null || !comparable(old).equals(comparable(e.getValue()))) changed.add(e.getKey());
        }
        return changed;
    }

    /**
     * Without a test seam at all: {@code Main} builds its Kubernetes client the production way (here from a kubeconfig
     * naming the mock, through fabric8's {@code kubeconfig} system property, restored afterwards) and hands it to
     * {@link Main#kubernetesSteps}.
     */
    @Test
    void onceWithTheClientBuiltFromKubeconfig() throws Exception {
        String before = System.getProperty("kubeconfig");
        try (GitFixture git = new GitFixture(tmp.resolve("git"));
             GitDaemon daemon = new GitDaemon(git.root);
             MockKube kube = new MockKube(10_000)) {
            Path kubeconfig = tmp.resolve("kubeconfig");
            Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\n"
                    + "clusters:\n- name: mock\n  cluster:\n    server: http://127.0.0.1:" + kube.port() + "\n"
                    + "contexts:\n- name: mock\n  context:\n    cluster: mock\n    user: mock\n    namespace: default\n"
                    + "current-context: mock\nusers:\n- name: mock\n  user: {}\n");
            System.setProperty("kubeconfig", kubeconfig.toString());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            String[] args = {"--once", "--cluster", CLUSTER, "--repo-url", daemon.url("remote.git"), "--path", "config",
                    "--work-dir", tmp.resolve("agent-work").toString(), "--allowed-namespaces", "flink-*,bi-streaming",
                    "--retry-attempts", "2", "--retry-initial", "10ms"};
            int code = Main.run(args, Map.of(), Main::kubernetesSteps, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            assertEquals(1, code, "the session jobs wait for their cluster\n" + bytes.toString(StandardCharsets.UTF_8));
            operatorStatus(kube.client(), FLINK_DEPLOYMENT, "bi-streaming", "analytics-shared", "{\"jobManagerDeploymentStatus\":\"READY\"}");
            code = Main.run(args, Map.of(), Main::kubernetesSteps, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            assertEquals(0, code, bytes.toString(StandardCharsets.UTF_8));
            Map<String, RenderedObject> desired = compile(git.human.resolve("config"));
            assertEquals(new TreeSet<>(desired.keySet()), new TreeSet<>(applied(kube, 0)));
            for (RenderedObject o : desired.values()) assertNotNull(get(kube.client(), o), key(o));
            assertEquals(head(git), agent(status(git)).lastAppliedRevision());
        } finally {
            if (before == null) System.clearProperty("kubeconfig");
            else System.setProperty("kubeconfig", before);
        }
    }

    static Map<String, String> resourceVersions(KubernetesClient client, Map<String, RenderedObject> objects) {
        Map<String, String> out = new TreeMap<>();
        for (var e : objects.entrySet()) {
            GenericKubernetesResource live = get(client, e.getValue());
            out.put(e.getKey(), live == null ? null : live.getMetadata().getResourceVersion());
        }
        return out;
    }

    /** `flinkops status` (the CLI) on a fresh clone of the remote, which has the status branch as a remote-tracking ref. */
    String cliStatus(GitFixture git) throws Exception {
        Path clone = Files.createTempDirectory(tmp, "clone");
        Git.cloneRepository().setURI(git.fileUrl()).setDirectory(clone.toFile()).call().close();
        java.io.StringWriter text = new java.io.StringWriter();
        java.io.PrintWriter out = new java.io.PrintWriter(text, true);
        int code = io.flinkops.cli.Main.run(new String[]{"status", clone.toString()}, out, out);
        out.flush();
        assertEquals(0, code, text.toString());
        return text.toString();
    }
}
