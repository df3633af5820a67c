package io.flinkops.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.flinkops.agent.kube.IgnoreDifference;
import io.flinkops.agent.kube.MockKube;
import io.flinkops.agent.testing.FakeClusterSteps;
import io.flinkops.agent.testing.GitFixture;
import io.flinkops.render.RenderedObject;
import io.flinkops.status.AgentStatus;
import io.flinkops.status.DeploymentStatus;
import io.flinkops.status.StatusBranch;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static io.flinkops.agent.AgentEndToEndTest.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Suspend, pause and dry run end to end, as a user runs them: {@link Main#run} with the real Kubernetes steps against
 * the fabric8 mock API server, the examples config repo in a real Git remote, and the status branch read back (also
 * with {@code flinkops status}).
 */
class ApplySemanticsEndToEndTest {
    static final String FLINKOPS_YAML = "config/flinkops.yaml";
    static final String FRAUD = "config/namespaces/payments/deployments/fraud-scoring.yaml";

    @TempDir
    Path tmp;

    record Run(int code, String out) {
        List<JsonNode> lines() throws Exception {
            List<JsonNode> l = new ArrayList<>();
            for (String s : out.split("\n")) if (!s.isBlank()) l.add(new ObjectMapper().readTree(s));
            return l;
        }

        JsonNode line(String msgPrefix) throws Exception {
            return lines().stream().filter(l -> l.path("msg").asText().startsWith(msgPrefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no log line " + msgPrefix + " in\n" + out));
        }
    }

    Run runAgent(GitFixture git, MockKube kube, String... extra) {
        List<String> args = new ArrayList<>(List.of("--cluster", CLUSTER, "--repo-url", git.fileUrl(), "--path", "config",
                "--work-dir", tmp.resolve("agent-work").toString(), "--allowed-namespaces", "flink-*,bi-streaming",
                "--retry-attempts", "2", "--retry-initial", "10ms", "--retry-max", "50ms", "--http-port", "0"));
        args.addAll(List.of(extra));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), Map.of(), (ignored, settings) -> Main.kubernetesSteps(kube.client(), settings),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }

    /** Applies the examples completely: a first cycle, the session cluster READY, a second cycle for the session jobs. */
    void converge(GitFixture git, MockKube kube) {
        Run first = runAgent(git, kube, "--once");
        assertEquals(1, first.code(), first.out());
        operatorStatus(kube.client(), FLINK_DEPLOYMENT, "bi-streaming", "analytics-shared", "{\"jobManagerDeploymentStatus\":\"READY\"}");
        Run second = runAgent(git, kube, "--once");
        assertEquals(0, second.code(), second.out());
    }

    static DeploymentStatus.Condition paused(DeploymentStatus s) {
        return s.conditions().stream().filter(c -> "Paused".equals(c.type())).findFirst().orElse(null);
    }

    @Test
    void aSuspendedClusterAppliesAndPrunesNothing_isStillObservedAndRecorded_andTheStatusSaysSo() throws Exception {
        try (GitFixture git = new GitFixture(tmp.resolve("git")); MockKube kube = new MockKube(10_000)) {
            String yaml = git.read(FLINKOPS_YAML);
            String prod = "    - name: prod-eu\n      description: Production, EKS cluster \"streaming-prod-euw1\" in eu-west-1\n";
            assertTrue(yaml.contains(prod));
            git.write(FLINKOPS_YAML, yaml.replace(prod, prod + "      suspend: true\n"));
            git.commitAndPush("prod-eu: suspended for the Kafka migration");

            Run suspended = runAgent(git, kube, "--once");
            assertEquals(0, suspended.code(), "a suspension is no failure\n" + suspended.out());
            assertEquals(List.of(), kube.crud().applyRequests(), "nothing applied");
            assertTrue(kube.faults().requests().stream().noneMatch(r -> r.startsWith("DELETE ") || r.startsWith("PATCH ")), "nothing written");
            JsonNode cycle = suspended.line("cycle succeeded");
            String why = "skipped: cluster prod-eu is suspended in flinkops.yaml (spec.clusters[].suspend: true)";
            assertEquals(why, cycle.path("steps").path("apply").asText());
            assertEquals(why, cycle.path("steps").path("prune").asText());
            assertEquals("ok", cycle.path("steps").path("observe").asText());
            assertEquals("ok", cycle.path("steps").path("record").asText());

            StatusBranch status = status(git);
            AgentStatus a = agent(status);
            assertEquals("SUCCEEDED", a.outcome());
            assertNull(a.lastAppliedRevision(), "nothing was applied");
            assertEquals(List.of("CLUSTER_SUSPENDED"), a.problems().stream().map(AgentStatus.Problem::reason).toList());
            assertEquals("NONE", a.problems().get(0).recovery());
            assertFalse(status.deployments().isEmpty(), "observed and recorded");
            for (DeploymentStatus d : status.deployments()) {
                assertEquals("ClusterSuspended", paused(d) == null ? null : paused(d).reason(), d.toString());
                assertEquals("True", paused(d).status());
            }
            String table = cliStatus(git);
            assertTrue(table.matches("(?s).*payments\\s+fraud-scoring\\s+RUNNING\\s+UNKNOWN \\(Paused\\).*"), table);
            assertTrue(table.contains("agent prod-eu: SUCCEEDED"), table);
            assertTrue(table.contains("  apply: CLUSTER_SUSPENDED: Cluster prod-eu is suspended in flinkops.yaml"), table);

            // Resumed, with one deployment paused: everything else is applied, the paused one's objects are not.
            git.write(FLINKOPS_YAML, yaml);
            git.write(FRAUD, git.read(FRAUD).replace("metadata:\n  name: fraud-scoring\n",
                    "metadata:\n  name: fraud-scoring\n  annotations:\n    flinkops.io/reconcile: disabled\n"));
            git.commitAndPush("prod-eu resumed; fraud-scoring paused");
            Map<String, RenderedObject> desired = compile(git.human.resolve("config"));
            converge(git, kube);
            for (RenderedObject o : desired.values()) {
                boolean fraud = o.name().startsWith("fraud-scoring");
                assertEquals(!fraud, get(kube.client(), o) != null, key(o));
            }
            StatusBranch resumed = status(git);
            AgentStatus a2 = agent(resumed);
            assertEquals("SUCCEEDED", a2.outcome());
            assertEquals(head(git), a2.lastAppliedRevision(), "a pause is information: the rest of the commit is applied");
            assertEquals(List.of("RECONCILE_DISABLED"), a2.problems().stream().map(AgentStatus.Problem::reason).toList());
            assertTrue(a2.problems().get(0).message().startsWith("Deployment payments/fraud-scoring is paused (flinkops.io/reconcile: disabled in "
                    + "namespaces/payments/deployments/fraud-scoring.yaml)"), a2.problems().toString());
            assertEquals("ReconcileDisabled", paused(deployment(resumed, "payments", "fraud-scoring")).reason());
            assertNull(paused(deployment(resumed, "payments", "card-auth-enrichment")), "only while the agent leaves it alone");
            String table2 = cliStatus(git);
            assertTrue(table2.matches("(?s).*payments\\s+fraud-scoring\\s+RUNNING\\s+[A-Z]+ \\(Paused\\).*"), table2);
            assertTrue(table2.matches("(?s).*payments\\s+card-auth-enrichment\\s+RUNNING\\s+[A-Z]+\\s+-.*"), table2);

            // The annotation removed: the next cycle applies what was held back.
            git.write(FRAUD, git.read(FRAUD).replace("  annotations:\n    flinkops.io/reconcile: disabled\n", ""));
            git.commitAndPush("fraud-scoring resumed");
            Run back = runAgent(git, kube, "--once");
            assertEquals(0, back.code(), back.out());
            for (RenderedObject o : compile(git.human.resolve("config")).values()) assertNotNull(get(kube.client(), o), key(o));
            assertNull(paused(deployment(status(git), "payments", "fraud-scoring")));
            assertEquals(List.of(), agent(status(git)).problems());
        }
    }

    @Test
    void aDryRunChangesNothing_pushesNoStatus_andSaysWhatWouldChange() throws Exception {
        try (GitFixture git = new GitFixture(tmp.resolve("git")); MockKube kube = new MockKube(10_000)) {
            KubernetesClient client = kube.client();
            converge(git, kube);
            Map<String, RenderedObject> before = compile(git.human.resolve("config"));
            // A commit that changes one deployment and removes another, and a hand edit on the cluster.
            String card = "config/namespaces/payments/deployments/card-auth-enrichment.yaml";
            git.write(card, git.read(card).replace("      parallelism: 8\n", "      parallelism: 6\n"));
            Files.delete(git.human.resolve(FRAUD));
            git.commitAndPush("card-auth-enrichment: parallelism 6; fraud-scoring retired");
            client.genericKubernetesResources(FLINK_DEPLOYMENT).inNamespace("flink-sql").withName("refund-rate-alerts")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"image\":\"registry.acme.io/hotfix:1\"}}");
            Map<String, String> versions = resourceVersions(client, before);
            ObjectId tip = statusTip(git);
            int requests = kube.faults().requests().size();

            Run dry = runAgent(git, kube, "--dry-run");
            assertEquals(0, dry.code(), "--dry-run runs one cycle, as --once does\n" + dry.out());
            List<String> sent = kube.faults().requests().subList(requests, kube.faults().requests().size());
            List<String> writes = sent.stream().filter(r -> !r.startsWith("GET ")).toList();
            assertFalse(writes.isEmpty());
            for (String w : writes) assertTrue(w.contains("dryRun=All"), w);
            assertTrue(sent.stream().noneMatch(r -> r.contains("/leases")), "no Lease: a dry run writes nothing");
            assertEquals(versions, resourceVersions(client, before), "nothing persisted");
            assertEquals(tip, statusTip(git), "no status pushed");

            JsonNode plan = dry.line("dry run: what the agent would change");
            assertEquals(List.of("/spec/job/parallelism"), strings(plan.path("change").path("FlinkDeployment flink-payments/card-auth-enrichment")), plan.toString());
            assertEquals(List.of("/spec/image"), strings(plan.path("putBackAfterDrift").path("FlinkDeployment flink-sql/refund-rate-alerts")), plan.toString());
            assertTrue(strings(plan.path("suspendBeforeDelete")).stream().anyMatch(s -> s.startsWith("FlinkDeployment flink-payments/fraud-scoring:")), plan.toString());
            assertEquals(List.of(), strings(plan.path("create")));
            JsonNode cycle = dry.line("cycle succeeded");
            assertEquals("skipped: dry run: the status branch is left as it is", cycle.path("steps").path("record").asText());
            assertEquals(1, cycle.path("driftedObjects").asInt());
            assertTrue(cycle.path("problems").toString().contains("DRIFT_CORRECTED"), cycle.toString());
            assertTrue(cycle.path("problems").toString().contains("the agent would put the repo's values back"), cycle.toString());

            // The real cycle does what the dry run said.
            Run real = runAgent(git, kube, "--once");
            assertEquals(0, real.code(), real.out());
            assertNotEquals(tip, statusTip(git));
            Map<?, ?> job = (Map<?, ?>) ((Map<?, ?>) get(client, before.get("flinkdeployments/flink-payments/card-auth-enrichment"))
                    .getAdditionalProperties().get("spec")).get("job");
            assertEquals(6, ((Number) job.get("parallelism")).intValue());
            assertTrue(agent(status(git)).problems().stream().anyMatch(p -> p.reason().equals("DRIFT_CORRECTED")
                    && p.message().startsWith("FlinkDeployment flink-sql/refund-rate-alerts was changed outside the repo (/spec/image)")));
        }
    }

    /** `flinkops status` (the CLI) on a fresh clone of the remote. */
    String cliStatus(GitFixture git) throws Exception {
        Path clone = Files.createTempDirectory(tmp, "clone");
        org.eclipse.jgit.api.Git.cloneRepository().setURI(git.fileUrl()).setDirectory(clone.toFile()).call().close();
        java.io.StringWriter text = new java.io.StringWriter();
        java.io.PrintWriter out = new java.io.PrintWriter(text, true);
        assertEquals(0, io.flinkops.cli.Main.run(new String[]{"status", clone.toString()}, out, out), text.toString());
        return text.toString();
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void ignoreDifferencesComeFromTheOptionTheEnvironmentOrTheConfigFile_andABadOneIsAConfigurationError() throws Exception {
        try (GitFixture git = new GitFixture(tmp.resolve("git"))) {
            AtomicReference<AgentSettings> seen = new AtomicReference<>();
            String[] base = {"--once", "--cluster", CLUSTER, "--repo-url", git.fileUrl(), "--path", "config", "--work-dir", tmp.resolve("w").toString(),
                    "--http-port", "0"};
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = Main.run(Stream.concat(Stream.of(base), Stream.of("--ignore-differences", "FlinkDeployment:/spec/job/parallelism",
                            "--ignore-differences", "FlinkSessionJob:/spec/job/parallelism,ConfigMap:/data/a,b")).toArray(String[]::new), Map.of(),
                    (client, s) -> {
                        seen.set(s);
                        return new FakeClusterSteps();
                    }, new PrintStream(out, true, StandardCharsets.UTF_8));
            assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
            assertEquals(List.of("FlinkDeployment:/spec/job/parallelism", "FlinkSessionJob:/spec/job/parallelism", "ConfigMap:/data/a,b"),
                    seen.get().ignoreDifferences().stream().map(IgnoreDifference::toString).toList(), "a comma inside a pointer stays");
            assertFalse(seen.get().dryRun());

            Main.run(base, Map.of("FLINKOPS_IGNORE_DIFFERENCES", "FlinkDeployment:/spec/job/parallelism, FlinkDeployment:/spec/taskManager/replicas",
                    "FLINKOPS_DRY_RUN", "true"), (client, s) -> {
                seen.set(s);
                return new FakeClusterSteps();
            }, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertEquals(List.of("FlinkDeployment:/spec/job/parallelism", "FlinkDeployment:/spec/taskManager/replicas"),
                    seen.get().ignoreDifferences().stream().map(IgnoreDifference::toString).toList());
            assertTrue(seen.get().dryRun());
            assertFalse(seen.get().leaderElection(), "a dry run takes no Lease");

            ByteArrayOutputStream bad = new ByteArrayOutputStream();
            int badCode = Main.run(Stream.concat(Stream.of(base), Stream.of("--ignore-differences", "FlinkDeployment:/metadata/name")).toArray(String[]::new),
                    Map.of(), (client, s) -> new FakeClusterSteps(), new PrintStream(bad, true, StandardCharsets.UTF_8));
            assertEquals(ExitCode.CONFIG.code(), badCode);
            assertTrue(bad.toString(StandardCharsets.UTF_8).contains("--ignore-differences `FlinkDeployment:/metadata/name`: the agent needs /metadata/name"),
                    bad.toString(StandardCharsets.UTF_8));
        }
    }
}
