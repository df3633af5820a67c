package io.flinkops.agent.record;

import io.flinkops.agent.cycle.Backoff;
import io.flinkops.agent.cycle.Cycle;
import io.flinkops.agent.cycle.CycleReport;
import io.flinkops.agent.cycle.Outcome;
import io.flinkops.agent.cycle.Problem;
import io.flinkops.agent.cycle.Reason;
import io.flinkops.agent.cycle.Recovery;
import io.flinkops.agent.cycle.Step;
import io.flinkops.agent.cycle.StepReport;
import io.flinkops.agent.git.ConfigRepo;
import io.flinkops.agent.git.GitCredentials;
import io.flinkops.agent.testing.FakeClusterSteps;
import io.flinkops.agent.testing.GitDaemon;
import io.flinkops.agent.testing.GitFixture;
import io.flinkops.status.StatusBranch;
import io.flinkops.status.StatusFiles;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A status push the server will not take (read-only access, a protected branch) needs a person and says what to
 * change; a push that lost a race with another writer is retried. Served by a real {@code git daemon}, whose pushes
 * run git's own receive-pack and the repository's hooks.
 */
@Timeout(120)
class PushRefusalTest {
    static final String CLUSTER = "prod-eu";
    static final String STATUS = "refs/heads/" + StatusFiles.DEFAULT_BRANCH;

    @TempDir
    Path tmp;
    GitFixture fixture;
    final FakeClusterSteps kube = new FakeClusterSteps();
    final List<ConfigRepo> opened = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        fixture = new GitFixture(tmp.resolve("git"));
    }

    @AfterEach
    void tearDown() {
        opened.forEach(ConfigRepo::close);
        fixture.close();
    }

    Cycle cycle(String url) throws Exception {
        ConfigRepo repo = ConfigRepo.open(tmp.resolve("agent-work"), url, "main", "config", StatusFiles.DEFAULT_BRANCH, GitCredentials.none(),
                ConfigRepo.Options.defaults().withTimeout(Duration.ofSeconds(10)));
        opened.add(repo);
        return new Cycle(CLUSTER, repo, kube, new StatusRecorder(repo, CLUSTER, 5), new Backoff(3, Duration.ofMillis(10), Duration.ofMillis(40)),
                d -> { }, Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC));
    }

    /** Installs {@code script} as the remote's pre-receive hook (git runs it before it updates any ref). */
    void preReceiveHook(String script) throws Exception {
        Path hook = fixture.bare.resolve("hooks/pre-receive");
        Files.createDirectories(hook.getParent());
        Files.writeString(hook, script);
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    ObjectId remoteStatusTip() throws Exception {
        try (Repository r = Git.open(fixture.bare.toFile()).getRepository()) {
            var ref = r.exactRef(STATUS);
            return ref == null ? null : ref.getObjectId();
        }
    }

    static Problem recordFailure(CycleReport report) {
        StepReport record = report.step(Step.RECORD).orElseThrow();
        return record.failure().orElseThrow(() -> new AssertionError("record did not fail: " + record));
    }

    @Test
    void readOnlyAccessNeedsAHumanAndSaysWhatToChange() throws Exception {
        try (GitDaemon readOnly = new GitDaemon(fixture.root, false)) {
            CycleReport report = cycle(readOnly.url("remote.git")).run();
            assertEquals(1, kube.appliedCommits.size(), "fetching works: only the push is refused");
            Problem p = recordFailure(report);
            assertEquals(Reason.STATUS_PUSH_FORBIDDEN, p.reason(), p.toString());
            assertEquals(Recovery.NEEDS_HUMAN, p.recovery());
            assertEquals(Outcome.NEEDS_HUMAN, report.outcome());
            assertEquals(1, report.step(Step.RECORD).orElseThrow().attempts(), "not retried: only a person can grant it");
            assertTrue(p.message().contains("write access") && p.message().contains("push rights") && p.message().contains("`flinkops/status`"),
                    p.message());
            assertTrue(p.message().contains("access denied"), "what the server said: " + p.message());
            assertNull(remoteStatusTip());
        }
    }

    @Test
    void aProtectedStatusBranchNeedsAHumanAndSaysWhatToChange() throws Exception {
        preReceiveHook("""
                #!/bin/sh
                while read old new ref; do
                  if [ "$ref" = "refs/heads/flinkops/status" ]; then
                    echo "GitLab: You are not allowed to push code to protected branches on this project." >&2
                    exit 1
                  fi
                done
                exit 0
                """);
        try (GitDaemon daemon = new GitDaemon(fixture.root)) {
            CycleReport report = cycle(daemon.url("remote.git")).run();
            Problem p = recordFailure(report);
            assertEquals(Reason.STATUS_PUSH_FORBIDDEN, p.reason(), p.toString());
            assertEquals(Outcome.NEEDS_HUMAN, report.outcome());
            assertEquals(1, report.step(Step.RECORD).orElseThrow().attempts());
            assertTrue(p.message().contains("pre-receive hook declined"), p.message());
            assertTrue(p.message().contains("not allowed to push code to protected branches"), "the server's own words: " + p.message());
            assertTrue(p.message().contains("unprotect `flinkops/status`"), p.message());
            assertNull(remoteStatusTip());
        }
    }

    @Test
    void aRaceLostOnTheServerIsRetriedAndLosesNobodysCommit() throws Exception {
        try (GitDaemon daemon = new GitDaemon(fixture.root)) {
            String url = daemon.url("remote.git");
            assertEquals(Outcome.SUCCEEDED, cycle(url).run().outcome());
            ObjectId before = remoteStatusTip();
            // Between the server's advertisement and its update, another writer moves the branch (once): git answers
            // "failed to update ref" / "cannot lock ref ... is at X but expected Y", a REJECTED_OTHER_REASON that is a race.
            Path once = tmp.resolve("raced");
            preReceiveHook("""
                    #!/bin/sh
                    read old new ref
                    [ -e "%s" ] && exit 0
                    touch "%s"
                    unset GIT_QUARANTINE_PATH GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES
                    export GIT_AUTHOR_NAME=Human GIT_AUTHOR_EMAIL=human@example.com GIT_COMMITTER_NAME=Human GIT_COMMITTER_EMAIL=human@example.com
                    c=$(git commit-tree "$old^{tree}" -p "$old" -m "a person's commit, pushed while the agent pushed")
                    git update-ref "$ref" "$c" "$old"
                    exit 0
                    """.formatted(once, once));
            kube.state = "SUSPENDED";
            CycleReport report = cycle(url).run();
            assertEquals(Outcome.SUCCEEDED, report.outcome(), () -> report.summary().problems().toString());
            assertTrue(Files.exists(once), "the hook raced the agent");
            try (Repository r = Git.open(fixture.bare.toFile()).getRepository(); RevWalk w = new RevWalk(r)) {
                RevCommit tip = w.parseCommit(r.resolve(STATUS));
                RevCommit human = w.parseCommit(tip.getParent(0));
                assertEquals("a person's commit, pushed while the agent pushed", human.getShortMessage());
                assertEquals(before, human.getParent(0).getId());
                StatusBranch status = StatusBranch.read(r, STATUS, "origin").orElseThrow();
                status.deployments().forEach(d -> assertEquals("SUSPENDED", d.state()));
            }
        }
    }

    @Test
    void rejectionsForAnotherReasonAreRacesOnlyWhenTheServerSaysTheRefMoved() {
        assertTrue(StatusRecorder.looksLikeRace("failed to update ref"));
        assertTrue(StatusRecorder.looksLikeRace("cannot lock ref 'refs/heads/flinkops/status': is at 98ab but expected ef76"));
        assertTrue(StatusRecorder.looksLikeRace("non-fast-forward"));
        assertFalse(StatusRecorder.looksLikeRace("pre-receive hook declined"));
        assertFalse(StatusRecorder.looksLikeRace("protected branch hook declined"));
        assertFalse(StatusRecorder.looksLikeRace("You are not allowed to push code to protected branches on this project."));
        assertFalse(StatusRecorder.looksLikeRace(null), "a refusal without a reason is not a race");
    }
}
