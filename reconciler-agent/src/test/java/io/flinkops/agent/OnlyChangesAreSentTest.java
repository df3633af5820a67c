package io.flinkops.agent;

import io.flinkops.agent.cycle.Backoff;
import io.flinkops.agent.cycle.Cycle;
import io.flinkops.agent.cycle.CycleReport;
import io.flinkops.agent.git.ConfigRepo;
import io.flinkops.agent.git.GitCredentials;
import io.flinkops.agent.kube.KubeSettings;
import io.flinkops.agent.kube.KubernetesSteps;
import io.flinkops.agent.kube.MockKube;
import io.flinkops.agent.record.StatusRecorder;
import io.flinkops.agent.testing.GitFixture;
import io.flinkops.render.RenderedObject;
import io.flinkops.status.StatusFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 6: "unchanged objects are not re-sent", counted as the API server sees it. One long-lived cycle, as the running
 * agent keeps it, against the mock API server and the examples config repo: every write request (POST, PUT, PATCH,
 * DELETE) the server receives is attributed to its object. After a one-deployment change only that deployment's objects
 * are written; a cycle with no new commit, or with a commit that changes nothing rendered, writes nothing.
 */
class OnlyChangesAreSentTest {
    static final String CLUSTER = AgentEndToEndTest.CLUSTER;
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** "METHOD /api(s)/…/namespaces/<ns>/<plural>/<name>?…" as the mock records it. */
    private static final Pattern OBJECT_PATH = Pattern.compile("^(\\S+) /(?:api/v1|apis/[^/]+/[^/]+)/namespaces/([^/]+)/([^/]+)/([^/?]+)(?:\\?.*)?$");

    @TempDir
    Path tmp;

    /** Runs one cycle that succeeds; returns the requests the API server received ("METHOD path"). */
    static List<String> requestsOfOneCycle(Cycle cycle, MockKube kube) throws InterruptedException {
        return requestsOfOneCycle(cycle, kube, true);
    }

    /** @param complete whether the cycle must succeed (the first cycle does not: session jobs wait for their cluster) */
    static List<String> requestsOfOneCycle(Cycle cycle, MockKube kube, boolean complete) throws InterruptedException {
        int from = kube.faults().requests().size();
        CycleReport report = cycle.run();
        assertEquals(complete, report.succeeded(), report.toString());
        List<String> requests = kube.faults().requests();
        return requests.subList(from, requests.size());
    }

    /** Runs one cycle; returns the objects written to, as {@link AgentEndToEndTest#key}s, in request order. */
    static List<String> writesOfOneCycle(Cycle cycle, MockKube kube) throws InterruptedException {
        return writesOfOneCycle(cycle, kube, true);
    }

    static List<String> writesOfOneCycle(Cycle cycle, MockKube kube, boolean complete) throws InterruptedException {
        List<String> written = new ArrayList<>();
        for (String request : requestsOfOneCycle(cycle, kube, complete)) {
            if (!WRITES.contains(request.substring(0, request.indexOf(' ')))) continue;
            Matcher m = OBJECT_PATH.matcher(request);
            assertTrue(m.matches(), request);
            written.add(m.group(3) + "/" + m.group(2) + "/" + m.group(4));
        }
        return written;
    }

    /** Plays the operator: the examples' session cluster is up. */
    static void sessionClusterReady(MockKube kube) {
        AgentEndToEndTest.operatorStatus(kube.client(), AgentEndToEndTest.FLINK_DEPLOYMENT, "bi-streaming", "analytics-shared",
                "{\"jobManagerDeploymentStatus\":\"READY\"}");
    }

    @Test
    void aOneDeploymentChangeSendsOnlyThatDeploymentsObjects_andNoChangeSendsNothing() throws Exception {
        try (GitFixture git = new GitFixture(tmp.resolve("git"));
             MockKube kube = new MockKube(10_000);
             ConfigRepo repo = ConfigRepo.open(tmp.resolve("agent-work"), git.fileUrl(), "main", "config", StatusFiles.DEFAULT_BRANCH,
                     GitCredentials.none())) {
            Cycle cycle = new Cycle(CLUSTER, repo, new KubernetesSteps(kube.client(), KubeSettings.of(List.of("flink-*", "bi-streaming"))),
                    new StatusRecorder(repo, CLUSTER, 5), new Backoff(2, Duration.ofMillis(10), Duration.ofMillis(50)), Backoff.Sleeper.REAL,
                    Clock.systemUTC());
            Path config = git.human.resolve("config");
            Map<String, RenderedObject> before = AgentEndToEndTest.compile(config);

            // The first cycle writes every object but the session jobs, which follow once their cluster is READY.
            List<String> initial = new ArrayList<>(writesOfOneCycle(cycle, kube, false));
            assertTrue(initial.stream().noneMatch(w -> w.startsWith("flinksessionjobs/")), initial::toString);
            sessionClusterReady(kube);
            List<String> jobs = writesOfOneCycle(cycle, kube);
            assertTrue(!jobs.isEmpty() && jobs.stream().allMatch(w -> w.startsWith("flinksessionjobs/")), jobs::toString);
            initial.addAll(jobs);
            assertEquals(before.keySet(), new TreeSet<>(initial), "the first cycles write every object");
            assertEquals(before.size(), initial.size(), "… each once");

            assertEquals(List.of(), writesOfOneCycle(cycle, kube), "no new commit: nothing written");

            String fraud = "config/namespaces/payments/deployments/fraud-scoring.yaml";
            git.write(fraud, git.read(fraud).replace("      parallelism: 6\n", "      parallelism: 3\n"));
            git.commitAndPush("fraud-scoring: parallelism 3");
            Map<String, RenderedObject> after = AgentEndToEndTest.compile(config);
            Set<String> changed = AgentEndToEndTest.changed(before, after);
            assertEquals(Set.of("flinkdeployments/flink-payments/fraud-scoring"), changed, "the change reaches one object");
            assertEquals(List.copyOf(changed), writesOfOneCycle(cycle, kube), "only the changed deployment's object is written");

            assertEquals(List.of(), writesOfOneCycle(cycle, kube), "no new commit: nothing written");

            // Every object's source-commit annotation moves with this commit, but nothing it renders changes.
            git.write(fraud, git.read(fraud) + "# reviewed\n");
            git.commitAndPush("fraud-scoring: a comment");
            assertEquals(Set.of(), AgentEndToEndTest.changed(after, AgentEndToEndTest.compile(config)));
            assertEquals(List.of(), writesOfOneCycle(cycle, kube), "a commit that changes nothing rendered: nothing written");
        }
    }

    @Test
    void aCycleReadsWhatIsLiveWithOneListPerKind_notOneReadPerObject() throws Exception {
        try (GitFixture git = new GitFixture(tmp.resolve("git"));
             MockKube kube = new MockKube(10_000);
             ConfigRepo repo = ConfigRepo.open(tmp.resolve("agent-work"), git.fileUrl(), "main", "config", StatusFiles.DEFAULT_BRANCH,
                     GitCredentials.none())) {
            Cycle cycle = new Cycle(CLUSTER, repo, new KubernetesSteps(kube.client(), KubeSettings.of(List.of("flink-*", "bi-streaming"))),
                    new StatusRecorder(repo, CLUSTER, 5), new Backoff(2, Duration.ofMillis(10), Duration.ofMillis(50)), Backoff.Sleeper.REAL,
                    Clock.systemUTC());
            requestsOfOneCycle(cycle, kube, false);
            sessionClusterReady(kube);
            requestsOfOneCycle(cycle, kube);
            List<String> steady = requestsOfOneCycle(cycle, kube);
            assertTrue(steady.stream().allMatch(r -> r.startsWith("GET ") && r.contains("labelSelector=")), steady::toString);
            // apply lists the six kinds the examples render, prune all seven kinds, observe FlinkDeployments, FlinkSessionJobs and
            // FlinkStateSnapshots twice: the repo's (by the agent's labels) and the operator's own (by its job-reference label)
            // (glob allowlist: across namespaces).
            assertEquals(6 + 7 + 4, steady.size(), steady::toString);
        }
    }
}
