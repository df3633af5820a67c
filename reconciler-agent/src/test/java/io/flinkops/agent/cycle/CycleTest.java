package io.flinkops.agent.cycle;

import io.flinkops.agent.git.ConfigRepo;
import io.flinkops.agent.git.GitCredentials;
import io.flinkops.agent.record.GitStatusPush;
import io.flinkops.agent.record.StatusPush;
import io.flinkops.agent.record.StatusRecorder;
import io.flinkops.agent.testing.FakeClusterSteps;
import io.flinkops.agent.testing.GitDaemon;
import io.flinkops.agent.testing.GitFixture;
import io.flinkops.status.AgentStatus;
import io.flinkops.status.StatusBranch;
import io.flinkops.status.StatusFiles;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.*;

class CycleTest {
    static final String CLUSTER = "prod-eu";
    static final String STATUS = "refs/heads/" + StatusFiles.DEFAULT_BRANCH;

    @TempDir
    Path tmp;
    GitFixture fixture;
    FakeClusterSteps kube;
    final List<Duration> sleeps = new ArrayList<>();
    final List<ConfigRepo> opened = new ArrayList<>();
    Instant now = Instant.parse("2026-11-21T10:00:00Z");

    @BeforeEach
    void setUp() throws Exception {
        fixture = new GitFixture(tmp.resolve("git"));
        kube = new FakeClusterSteps();
    }

    @AfterEach
    void tearDown() {
        opened.forEach(ConfigRepo::close);
        fixture.close();
    }

    /** Pushes straight to the remote. */
    static final UnaryOperator<StatusPush> DIRECT = push -> push;

    /** @param pushVia wraps the real push: a test races a concurrent writer there */
    Cycle cycle(String url, GitCredentials credentials, UnaryOperator<StatusPush> pushVia) throws Exception {
        ConfigRepo repo = ConfigRepo.open(tmp.resolve("agent-work"), url, "main", "config", StatusFiles.DEFAULT_BRANCH, credentials);
        opened.add(repo);
        StatusRecorder recorder = new StatusRecorder(repo, CLUSTER, 5, pushVia.apply(new GitStatusPush(repo)));
        return new Cycle(CLUSTER, repo, kube, recorder, new Backoff(3, Duration.ofMillis(10), Duration.ofMillis(40)), sleeps::add,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    Cycle cycle() throws Exception {
        return cycle(fixture.fileUrl(), GitCredentials.none(), DIRECT);
    }

    Cycle cycle(Duration compileTimeout) throws Exception {
        ConfigRepo repo = ConfigRepo.open(tmp.resolve("agent-work"), fixture.fileUrl(), "main", "config", StatusFiles.DEFAULT_BRANCH, GitCredentials.none());
        opened.add(repo);
        return new Cycle(CLUSTER, repo, kube, new StatusRecorder(repo, CLUSTER, 5), new Backoff(3, Duration.ofMillis(10), Duration.ofMillis(40)),
                sleeps::add, Clock.fixed(now, ZoneOffset.UTC), compileTimeout);
    }

    ObjectId remoteStatusTip() throws Exception {
        try (Repository r = Git.open(fixture.bare.toFile()).getRepository()) {
            var ref = r.exactRef(STATUS);
            return ref == null ? null : ref.getObjectId();
        }
    }

    StatusBranch remoteStatus() throws Exception {
        try (Repository r = Git.open(fixture.bare.toFile()).getRepository()) {
            return StatusBranch.read(r, STATUS, "origin").orElseThrow();
        }
    }

    @Test
    void firstCycleAppliesAndRecordsOneCommitAndASecondRunMakesNoCommit() throws Exception {
        CycleReport first = cycle().run();
        assertEquals(Outcome.SUCCEEDED, first.outcome(), () -> first.summary().problems().toString());
        assertEquals(1, kube.appliedCommits.size());
        assertTrue(first.statusCommit().isPresent());
        ObjectId tip = remoteStatusTip();
        assertEquals(first.statusCommit().get(), tip.name());

        StatusBranch status = remoteStatus();
        assertFalse(status.deployments().isEmpty());
        status.deployments().forEach(d -> {
            assertEquals("RUNNING", d.state());
            assertEquals(first.sourceCommit(), d.sourceCommit());
            assertEquals(CLUSTER, d.cluster());
            assertEquals(now.toString(), d.observedAt());
        });
        AgentStatus agent = status.agents().get(0);
        assertEquals(first.sourceCommit(), agent.lastAttemptedRevision());
        assertEquals(first.sourceCommit(), agent.lastAppliedRevision());
        assertEquals("SUCCEEDED", agent.outcome());
        try (Repository r = Git.open(fixture.bare.toFile()).getRepository(); RevWalk w = new RevWalk(r)) {
            String msg = w.parseCommit(tip).getFullMessage();
            assertTrue(msg.contains(first.sourceCommit()), msg);
        }

        // A later cycle (and a restarted agent) with nothing changed: no commit, observedAt untouched.
        now = now.plusSeconds(600);
        CycleReport second = cycle().run();
        assertEquals(Outcome.SUCCEEDED, second.outcome());
        assertTrue(second.statusCommit().isEmpty());
        assertEquals(tip, remoteStatusTip());

        // A changed state does commit, and only its observedAt moves.
        kube.state = "FAILED";
        CycleReport third = cycle().run();
        assertTrue(third.statusCommit().isPresent());
        remoteStatus().deployments().forEach(d -> assertEquals(now.toString(), d.observedAt()));
    }

    @Test
    void aCycleWithNoNewCommitReusesTheLastBuild_aNewCommitIsBuilt() throws Exception {
        Cycle cycle = cycle();
        CycleReport first = cycle.run();
        CycleReport second = cycle.run();
        assertSame(first.state().desired().orElseThrow(), second.state().desired().orElseThrow(),
                "the same commit compiles to the same desired state: not compiled again");

        String file = "config/namespaces/payments/deployments/fraud-scoring.yaml";
        fixture.write(file, fixture.read(file) + "# reviewed\n");
        String next = fixture.commitAndPush("a comment");
        CycleReport third = cycle.run();
        assertEquals(next, third.sourceCommit());
        assertEquals(next, third.state().desired().orElseThrow().sourceCommit());
        assertEquals(List.of(first.sourceCommit(), first.sourceCommit(), next), kube.appliedCommits);
    }

    @Test
    void worksOverGitDaemon() throws Exception {
        try (GitDaemon daemon = new GitDaemon(fixture.root)) {
            CycleReport report = cycle(daemon.url("remote.git"), GitCredentials.none(), DIRECT).run();
            assertEquals(Outcome.SUCCEEDED, report.outcome(), () -> report.summary().problems().toString());
            assertEquals(report.statusCommit().get(), remoteStatusTip().name());
            CycleReport again = cycle(daemon.url("remote.git"), GitCredentials.none(), DIRECT).run();
            assertTrue(again.statusCommit().isEmpty());
        }
    }

    @Test
    void aConcurrentPushToTheStatusBranchSurvivesAndSoDoesTheAgentsUpdate() throws Exception {
        cycle().run(); // the status branch exists
        int[] races = {0};
        Cycle c = cycle(fixture.fileUrl(), GitCredentials.none(), push -> ref -> {
            if (races[0]++ == 0) humanPushes(fixture.fileUrl(), "NOTES.md"); // race once, between the agent's commit and its push
            return push.push(ref);
        });
        kube.state = "SUSPENDED";
        CycleReport report = c.run();
        assertEquals(Outcome.SUCCEEDED, report.outcome(), () -> report.summary().problems().toString());
        assertEquals(2, races[0], "the first push was rejected and retried");
        StatusBranch status = remoteStatus();
        status.deployments().forEach(d -> assertEquals("SUSPENDED", d.state()));
        try (Repository r = Git.open(fixture.bare.toFile()).getRepository(); RevWalk w = new RevWalk(r)) {
            var tip = w.parseCommit(r.resolve(STATUS));
            assertEquals("human note", w.parseCommit(tip.getParent(0)).getShortMessage());
            assertNotNull(org.eclipse.jgit.treewalk.TreeWalk.forPath(r, "NOTES.md", tip.getTree()));
        }
    }

    /** A person pushes a note ({@code file}) to the status branch of {@code url}. */
    void humanPushes(String url, String file) {
        Path dir = tmp.resolve("other-" + System.nanoTime());
        try (Git other = Git.cloneRepository().setURI(url).setBranch(StatusFiles.DEFAULT_BRANCH).setDirectory(dir.toFile()).call()) {
            Files.createDirectories(dir.resolve(file).getParent());
            Files.writeString(dir.resolve(file), "a human was here\n");
            other.add().addFilepattern(file).call();
            other.commit().setMessage("human note").setAuthor(new PersonIdent("Human", "h@example.com"))
                    .setCommitter(new PersonIdent("Human", "h@example.com")).call();
            var result = other.push().setRefSpecs(new RefSpec(STATUS + ":" + STATUS)).call().iterator().next();
            assertEquals(org.eclipse.jgit.transport.RemoteRefUpdate.Status.OK, result.getRemoteUpdate(STATUS).getStatus());
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    @Test
    void unreachableRemoteIsRetriedSoonThenFailsWithThatRecoveryAndAppliesNothing() throws Exception {
        int port = GitDaemon.freePort();
        CycleReport report = cycle("git://127.0.0.1:" + port + "/remote.git", GitCredentials.none(), DIRECT).run();
        assertEquals(Outcome.FAILED_RETRY_SOON, report.outcome());
        StepReport fetch = report.step(Step.FETCH).orElseThrow();
        assertEquals(StepReport.Status.FAILED, fetch.status());
        assertEquals(3, fetch.attempts());
        assertEquals(Reason.GIT_UNREACHABLE, fetch.failure().orElseThrow().reason());
        assertEquals("the Git remote is unreachable", report.step(Step.RECORD).orElseThrow().skipReason());
        assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(20)), sleeps);
        assertTrue(kube.appliedCommits.isEmpty());
        assertEquals(StepReport.Status.SKIPPED, report.step(Step.APPLY).orElseThrow().status());
    }

    @Test
    void noRepositoryAtTheUrlNeedsAHumanAndIsNotRetried() throws Exception {
        CycleReport report = cycle(tmp.resolve("nowhere.git").toUri().toString(), GitCredentials.none(), DIRECT).run();
        StepReport fetch = report.step(Step.FETCH).orElseThrow();
        assertEquals(Reason.GIT_REPO_NOT_FOUND, fetch.failure().orElseThrow().reason(), fetch.toString());
        assertEquals(1, fetch.attempts());
        assertEquals(Outcome.NEEDS_HUMAN, report.outcome());
    }

    @Test
    void aTokenNeverAppearsInMessagesOfAFailedFetch() throws Exception {
        String token = "ghp_S3cr3tT0k3nValue42";
        int port = GitDaemon.freePort();
        String url = "https://agent:" + token + "@127.0.0.1:" + port + "/org/config.git";
        CycleReport report = cycle(url, GitCredentials.token("agent", token), DIRECT).run();
        assertNotEquals(Outcome.SUCCEEDED, report.outcome());
        String all = report.summary().problems().toString() + report.steps();
        assertFalse(all.contains(token), all);
        assertTrue(all.contains("127.0.0.1"), all);
    }

    @Test
    void anInvalidCommitAppliesNothingKeepsObservingAndRecordsLocatedErrors() throws Exception {
        CycleReport good = cycle().run();
        assertEquals(Outcome.SUCCEEDED, good.outcome());
        String flinkops = fixture.read("config/flinkops.yaml");
        fixture.write("config/flinkops.yaml", flinkops + "\nnoSuchTopLevelKey: true\n");
        String bad = fixture.commitAndPush("break the config");

        Cycle c = cycle();
        CycleReport report = c.run();
        assertEquals(Outcome.NEEDS_HUMAN, report.outcome());
        assertEquals(List.of(good.sourceCommit()), kube.appliedCommits, "nothing applied for the invalid commit");
        assertEquals(StepReport.Status.SKIPPED, report.step(Step.APPLY).orElseThrow().status());
        assertEquals(StepReport.Status.SKIPPED, report.step(Step.PRUNE).orElseThrow().status());
        assertEquals(StepReport.Status.OK, report.step(Step.OBSERVE).orElseThrow().status());
        assertEquals(good.sourceCommit(), kube.observedCommits.get(kube.observedCommits.size() - 1), "observes the last applied commit");

        StatusBranch status = remoteStatus();
        try (Repository r = Git.open(fixture.bare.toFile()).getRepository(); RevWalk w = new RevWalk(r)) {
            assertTrue(w.parseCommit(r.resolve(STATUS)).getFullMessage().contains(bad), "the message names the attempted commit");
        }
        AgentStatus agent = status.agents().get(0);
        assertEquals(bad, agent.lastAttemptedRevision());
        assertEquals(good.sourceCommit(), agent.lastAppliedRevision());
        assertEquals("NEEDS_HUMAN", agent.outcome());
        assertEquals(new AgentStatus.Problem("build", "CONFIG_INVALID", "NEEDS_HUMAN", report.summary().problems().get(0).message()),
                agent.problems().get(0));
        assertTrue(agent.problems().get(0).message().contains("nothing was applied"), agent.problems().toString());
        assertFalse(agent.diagnostics().isEmpty());
        agent.diagnostics().forEach(d -> {
            assertEquals("flinkops.yaml", d.file(), d.toString());
            assertEquals("error", d.severity());
            assertTrue(d.code().matches("FO\\d{3}") && d.line() > 0 && d.column() > 0, d.toString());
        });
        assertNull(agent.omittedDiagnostics());
        assertFalse(status.deployments().isEmpty(), "deployment statuses are kept");
        status.deployments().forEach(d -> assertEquals(good.sourceCommit(), d.sourceCommit()));
    }

    @Test
    void aCompileOverItsTimeoutAppliesNothingAndTheNextCycleGoesOn() throws Exception {
        CycleReport report = cycle(Duration.ofMillis(1)).run();
        assertEquals(Outcome.NEEDS_HUMAN, report.outcome());
        assertEquals(Reason.COMPILE_TIMEOUT, report.step(Step.BUILD).orElseThrow().failure().orElseThrow().reason());
        assertEquals(List.of(), kube.appliedCommits, "nothing applied");
        assertEquals(StepReport.Status.SKIPPED, report.step(Step.APPLY).orElseThrow().status());
        assertEquals(StepReport.Status.SKIPPED, report.step(Step.PRUNE).orElseThrow().status());
        assertEquals(StepReport.Status.OK, report.step(Step.RECORD).orElseThrow().status(), "the status says why");
        AgentStatus agent = remoteStatus().agents().get(0);
        assertEquals("COMPILE_TIMEOUT", agent.problems().get(0).reason());
        assertTrue(agent.problems().get(0).message().contains("compile timeout"), agent.problems().toString());

        CycleReport next = cycle(Duration.ofMinutes(2)).run();
        assertEquals(Outcome.SUCCEEDED, next.outcome(), () -> next.summary().problems().toString());
        assertEquals(List.of(next.sourceCommit()), kube.appliedCommits);
    }

    @Test
    void applyRetriedSoonWithinTheCycle() throws Exception {
        kube.applyFailuresLeft = 2;
        CycleReport report = cycle().run();
        assertEquals(Outcome.SUCCEEDED, report.outcome());
        assertEquals(3, report.step(Step.APPLY).orElseThrow().attempts());
    }

    @Test
    void applyFailingForTheCycleSkipsPruneAndKeepsTheLastAppliedRevision() throws Exception {
        CycleReport good = cycle().run();
        fixture.write("config/README.extra", "x\n");
        fixture.commitAndPush("touch");
        kube.applyFailuresLeft = 1;
        kube.applyFailure = Reason.API_ERROR;
        CycleReport report = cycle().run();
        assertEquals(Outcome.FAILED_NEXT_CYCLE, report.outcome());
        assertEquals(StepReport.Status.SKIPPED, report.step(Step.PRUNE).orElseThrow().status());
        assertEquals("apply failed", report.step(Step.PRUNE).orElseThrow().skipReason());
        AgentStatus agent = remoteStatus().agents().get(0);
        assertEquals(good.sourceCommit(), agent.lastAppliedRevision());
        assertEquals(report.sourceCommit(), agent.lastAttemptedRevision());
    }

    @Test
    void killedBetweenApplyAndRecordThenRestartedConverges() throws Exception {
        kube.killInObserve = true;
        assertThrows(FakeClusterSteps.Killed.class, () -> cycle().run());
        assertEquals(1, kube.appliedCommits.size());
        assertNull(remoteStatusTip(), "nothing recorded yet");

        CycleReport report = cycle().run(); // a new process on the same work directory
        assertEquals(Outcome.SUCCEEDED, report.outcome(), () -> report.summary().problems().toString());
        assertEquals(2, kube.appliedCommits.size(), "apply is repeated (idempotent)");
        assertFalse(remoteStatus().deployments().isEmpty());
        assertTrue(cycle().run().statusCommit().isEmpty());
    }

    @Test
    void aMissingBranchNeedsAHumanAndIsRecorded() throws Exception {
        ConfigRepo repo = ConfigRepo.open(tmp.resolve("agent-work"), fixture.fileUrl(), "no-such-branch", "config", StatusFiles.DEFAULT_BRANCH, GitCredentials.none());
        opened.add(repo);
        Cycle c = new Cycle(CLUSTER, repo, kube, new StatusRecorder(repo, CLUSTER, 3), new Backoff(3, Duration.ofMillis(1), Duration.ofMillis(1)),
                sleeps::add, Clock.fixed(now, ZoneOffset.UTC));
        CycleReport report = c.run();
        assertEquals(Outcome.NEEDS_HUMAN, report.outcome());
        assertEquals(1, report.step(Step.FETCH).orElseThrow().attempts(), "not retried: retrying does not help");
        assertEquals(Reason.BRANCH_NOT_FOUND, report.step(Step.FETCH).orElseThrow().failure().orElseThrow().reason());
        assertEquals(StepReport.Status.OK, report.step(Step.RECORD).orElseThrow().status(), "the remote answers: the status says why");
        AgentStatus agent = remoteStatus().agents().get(0);
        assertEquals("NEEDS_HUMAN", agent.outcome());
        assertEquals("BRANCH_NOT_FOUND", agent.problems().get(0).reason());
        assertEquals("fetch", agent.problems().get(0).step());
        assertTrue(agent.problems().get(0).message().contains("no-such-branch"), agent.problems().toString());
    }

    @Test
    void keepsOtherFilesOnTheStatusBranchAndRemovesOnlyItsOwnDeparted() throws Exception {
        CycleReport first = cycle().run();
        StatusBranch before = remoteStatus();
        var gone = before.deployments().get(0);
        // Another cluster's agent and a person wrote files on the status branch.
        try (Git other = Git.cloneRepository().setURI(fixture.fileUrl()).setBranch(StatusFiles.DEFAULT_BRANCH)
                .setDirectory(tmp.resolve("other").toFile()).call()) {
            Files.createDirectories(tmp.resolve("other/status/elsewhere"));
            Files.write(tmp.resolve("other/status/elsewhere/job.yaml"), StatusFiles.toYaml(
                    new io.flinkops.status.DeploymentStatus("elsewhere", "job", "abc", "RUNNING", "RUNNING", null, List.of(), null, null, "t", "staging")));
            Files.write(tmp.resolve("other/status/agents/staging.yaml"), StatusFiles.toYaml(
                    new AgentStatus("staging", "abc", "abc", "SUCCEEDED", List.of(), List.of(), null, "t")));
            other.add().addFilepattern("status").call();
            other.commit().setMessage("staging agent").setAuthor(new PersonIdent("a", "a@b")).setCommitter(new PersonIdent("a", "a@b")).call();
            other.push().setRefSpecs(new RefSpec(STATUS + ":" + STATUS)).call();
        }
        // The deployment leaves the config repo: its status file goes, nothing else does.
        String file = "config/namespaces/" + gone.namespace() + "/deployments/" + gone.deployment() + ".yaml";
        assertTrue(Files.exists(fixture.human.resolve(file)), file);
        Files.delete(fixture.human.resolve(file));
        fixture.commitAndPush("remove " + gone.deployment());
        CycleReport report = cycle().run();
        assertEquals(Outcome.SUCCEEDED, report.outcome(), () -> report.summary().problems().toString());
        StatusBranch after = remoteStatus();
        assertTrue(after.deployments().stream().noneMatch(d -> d.namespace().equals(gone.namespace()) && d.deployment().equals(gone.deployment())));
        assertTrue(after.deployments().stream().anyMatch(d -> d.namespace().equals("elsewhere")));
        assertEquals(before.deployments().size(), after.deployments().size(), "one removed, the other cluster's kept");
        assertEquals(List.of("prod-eu", "staging"), after.agents().stream().map(AgentStatus::cluster).toList());
    }

    @Test
    void statusYamlIsDeterministicWithSortedKeys() {
        String yaml = new String(StatusFiles.toYaml(new io.flinkops.status.DeploymentStatus("ns", "dep", "c0ffee", "RUNNING", "RUNNING", "42",
                List.of(), new io.flinkops.status.DeploymentStatus.Savepoint("s3://b/sp-1", "2026-11-21T10:00:00Z", "PERIODIC"), null, "t", "prod-eu")));
        assertEquals("""
                cluster: prod-eu
                conditions: []
                deployment: dep
                desiredState: RUNNING
                jobId: "42"
                lastSavepoint:
                  location: s3://b/sp-1
                  timestamp: 2026-11-21T10:00:00Z
                  triggerType: PERIODIC
                namespace: ns
                observedAt: t
                sourceCommit: c0ffee
                state: RUNNING
                """, yaml);
    }

    @Test
    void aStatusBranchThatKeepsMovingFailsTheRecordSoonAndLosesNobodysCommit() throws Exception {
        cycle().run();
        Path otherDir = tmp.resolve("racer");
        Git other = Git.cloneRepository().setURI(fixture.fileUrl()).setBranch(StatusFiles.DEFAULT_BRANCH).setDirectory(otherDir.toFile()).call();
        int[] races = {0};
        AtomicBoolean racing = new AtomicBoolean(true);
        Cycle c = cycle(fixture.fileUrl(), GitCredentials.none(), push -> ref -> {
            if (racing.get()) {
                try {
                    other.pull().call();
                    Files.writeString(otherDir.resolve("race-" + races[0]++ + ".md"), "x\n");
                    other.add().addFilepattern(".").call();
                    other.commit().setMessage("race " + races[0]).setAuthor(new PersonIdent("h", "h@x")).setCommitter(new PersonIdent("h", "h@x")).call();
                    other.push().setRefSpecs(new RefSpec(STATUS + ":" + STATUS)).call();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }
            return push.push(ref);
        });
        kube.state = "FAILED";
        CycleReport report = c.run();
        other.close();
        assertEquals(Outcome.FAILED_RETRY_SOON, report.outcome());
        assertEquals(15, races[0], "3 record attempts of 5 pushes each");
        try (Repository r = Git.open(fixture.bare.toFile()).getRepository()) {
            var tip = r.parseCommit(r.resolve(STATUS));
            for (int i = 0; i < races[0]; i++) assertNotNull(org.eclipse.jgit.treewalk.TreeWalk.forPath(r, "race-" + i + ".md", tip.getTree()));
        }
        kube.state = "FAILED";
        racing.set(false);
        assertEquals(Outcome.SUCCEEDED, c.run().outcome(), "the next cycle records it");
        remoteStatus().deployments().forEach(d -> assertEquals("FAILED", d.state()));
    }

    @Test
    void aPushTheServerRefusesNeedsAHumanAndIsNotRetried() throws Exception {
        int[] pushes = {0};
        Cycle c = cycle(fixture.fileUrl(), GitCredentials.none(), push -> ref -> {
            pushes[0]++;
            return StatusPush.Answer.of(org.eclipse.jgit.transport.RemoteRefUpdate.Status.REJECTED_NODELETE);
        });
        CycleReport report = c.run();
        assertEquals(Outcome.NEEDS_HUMAN, report.outcome());
        assertEquals(Reason.STATUS_PUSH_FORBIDDEN, report.step(Step.RECORD).orElseThrow().failure().orElseThrow().reason());
        assertEquals(1, pushes[0]);
        assertNull(remoteStatusTip());
    }

    @Test
    void worksOverSshWithAKeyAndKnownHosts() throws Exception {
        try (var ssh = new io.flinkops.agent.testing.SshGitServer(fixture.root, tmp.resolve("keys"))) {
            CycleReport report = cycle(ssh.url("remote.git"), GitCredentials.sshKey(ssh.privateKey, ssh.knownHosts), DIRECT).run();
            assertEquals(Outcome.SUCCEEDED, report.outcome(), () -> report.summary().problems().toString());
            assertEquals(report.statusCommit().get(), remoteStatusTip().name());
        }
    }

    @Test
    void aKeyTheServerRejectsNeedsAHuman() throws Exception {
        try (var ssh = new io.flinkops.agent.testing.SshGitServer(fixture.root, tmp.resolve("keys"));
             var other = new io.flinkops.agent.testing.SshGitServer(fixture.root, tmp.resolve("other-keys"))) {
            CycleReport report = cycle(ssh.url("remote.git"), GitCredentials.sshKey(other.privateKey, ssh.knownHosts), DIRECT).run();
            assertEquals(Outcome.NEEDS_HUMAN, report.outcome(), () -> report.summary().problems().toString());
            assertEquals(1, report.step(Step.FETCH).orElseThrow().attempts());
            assertEquals(Reason.GIT_AUTH_FAILED, report.step(Step.FETCH).orElseThrow().failure().orElseThrow().reason());
            assertTrue(kube.appliedCommits.isEmpty());
        }
    }

    @Test
    void anUntrustedHostKeyNeedsAHuman() throws Exception {
        try (var ssh = new io.flinkops.agent.testing.SshGitServer(fixture.root, tmp.resolve("keys"));
             var other = new io.flinkops.agent.testing.SshGitServer(fixture.root, tmp.resolve("other-keys"))) {
            java.nio.file.Files.writeString(other.knownHosts, java.nio.file.Files.readString(other.knownHosts)
                    .replace("[127.0.0.1]:" + other.port, "[127.0.0.1]:" + ssh.port));
            CycleReport report = cycle(ssh.url("remote.git"), GitCredentials.sshKey(ssh.privateKey, other.knownHosts), DIRECT).run();
            assertEquals(Outcome.NEEDS_HUMAN, report.outcome(), () -> report.summary().problems().toString());
            assertEquals(Reason.GIT_HOST_KEY_UNTRUSTED, report.summary().problems().get(0).reason());
            assertTrue(report.summary().problems().get(0).message().contains("host key"), report.summary().problems().toString());
            assertTrue(kube.appliedCommits.isEmpty());
        }
    }

    @Test
    void aConcurrentPusherOverGitDaemonLosesNothing() throws Exception {
        try (GitDaemon daemon = new GitDaemon(fixture.root)) {
            String url = daemon.url("remote.git");
            cycle(url, GitCredentials.none(), DIRECT).run();
            int[] races = {0};
            Cycle c = cycle(url, GitCredentials.none(), push -> ref -> {
                if (races[0]++ == 0) humanPushes(url, "status/NOTE.md");
                return push.push(ref);
            });
            kube.state = "CANCELLED";
            CycleReport report = c.run();
            assertEquals(Outcome.SUCCEEDED, report.outcome(), () -> report.summary().problems().toString());
            assertEquals(2, races[0]);
            try (Repository r = Git.open(fixture.bare.toFile()).getRepository()) {
                var tip = r.parseCommit(r.resolve(STATUS));
                assertNotNull(org.eclipse.jgit.treewalk.TreeWalk.forPath(r, "status/NOTE.md", tip.getTree()));
            }
            remoteStatus().deployments().forEach(d -> assertEquals("CANCELLED", d.state()));
        }
    }
}
