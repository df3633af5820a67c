package io.flinkops.cli;

import io.flinkops.testing.CliRun;
import io.flinkops.testing.TestRepos;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `flinkops savepoint | restart | redeploy` on a real Git clone of examples/repo (docs/day-2.md, "The commands"). */
class DayTwoCommandsTest {
    static final String FRAUD = "namespaces/payments/deployments/fraud-scoring.yaml";

    @TempDir
    Path tmp;
    Path repo;

    @BeforeEach
    void cloneExamples() throws Exception {
        repo = tmp.resolve("config");
        TestRepos.copyTree(TestRepos.examplesRepo(), repo);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("config").setAuthor(TestRepos.AUTHOR).setCommitter(TestRepos.AUTHOR).call();
        }
    }

    private String read(String path) throws Exception {
        return Files.readString(repo.resolve(path));
    }

    @Test
    void restartAddsOneAnnotationAndRestartingAgainChangesOnlyItsValue() throws Exception {
        String before = read(FRAUD);
        CliRun run = CliRun.of("restart", "payments/fraud-scoring", repo.toString(), "--now", "2026-12-04T21:50:00Z");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        String after = read(FRAUD);
        assertEquals(before.lines().count() + 2, after.lines().count());
        assertTrue(after.contains("  annotations:\n    flinkops.io/restart: \"2026-12-04T21:50:00Z\"\n"), after);
        assertTrue(run.out().startsWith("--- a/" + FRAUD + "\n+++ b/" + FRAUD + "\n"), run.out());
        assertTrue(run.out().contains("Wrote 1 file: restart Deployment payments/fraud-scoring."), run.out());

        CliRun again = CliRun.of("restart", "payments/fraud-scoring", repo.toString(), "--now", "2026-12-05T08:00:00Z");
        assertEquals(ExitCode.OK, again.exitCode(), again.err());
        assertEquals(after.replace("2026-12-04T21:50:00Z", "2026-12-05T08:00:00Z"), read(FRAUD));
        assertEquals(ExitCode.OK, CliRun.of("validate", repo.toString()).exitCode());
    }

    @Test
    void worksFromAFolderInsideTheRepo() throws Exception {
        CliRun run = CliRun.of("restart", "payments/fraud-scoring", repo.resolve("namespaces/payments").toString(), "--now", "2026-12-04T21:50:00Z");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(read(FRAUD).contains("flinkops.io/restart: \"2026-12-04T21:50:00Z\""));
        assertFalse(Files.exists(repo.resolve("namespaces/payments/namespaces")), "the edit goes to the repo's file, not below the folder");
    }

    @Test
    void restartsASessionClusterToo() throws Exception {
        CliRun run = CliRun.of("restart", "analytics/analytics-shared", repo.toString(), "--now", "2026-12-04T21:50:00Z");
        assertEquals(ExitCode.OK, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("restart SessionCluster analytics/analytics-shared"), run.out());
    }

    @Test
    void dryRunWritesNothing() throws Exception {
        String before = read(FRAUD);
        CliRun run = CliRun.of("restart", "payments/fraud-scoring", repo.toString(), "--now", "2026-12-04T21:50:00Z", "--dry-run");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("+    flinkops.io/restart: \"2026-12-04T21:50:00Z\""), run.out());
        assertTrue(run.out().contains("Not written (--dry-run)"), run.out());
        assertEquals(before, read(FRAUD));
    }

    @Test
    void unknownTargetsAreUsageErrorsWithASuggestion() {
        CliRun run = CliRun.of("restart", "payments/fraud-scorin", repo.toString());
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("no Deployment or SessionCluster `fraud-scorin`"), run.err());
        assertTrue(run.err().contains("fraud-scoring"), run.err());
        assertFalse(run.showsStackTrace());
        assertEquals(ExitCode.USAGE, CliRun.of("savepoint", "nowhere/x", repo.toString()).exitCode());
        assertEquals(ExitCode.USAGE, CliRun.of("restart", "no-slash", repo.toString()).exitCode());
        assertEquals(ExitCode.USAGE, CliRun.of("redeploy", "payments/fraud-scoring", repo.toString()).exitCode(), "--from-savepoint is required");
    }

    @Test
    void commitGoesOnANewBranchAndLeavesTheWorkingTreeAlone() throws Exception {
        // Unfinished work in the working tree, in the very file the edit touches.
        String dirty = read(FRAUD).replace("parallelism: ", "parallelism:  ");
        Files.writeString(repo.resolve(FRAUD), dirty);
        CliRun run = CliRun.of("restart", "payments/fraud-scoring", repo.toString(), "--now", "2026-12-04T21:50:00Z", "--commit",
                "--reason", "consumer stuck after the broker upgrade");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        String branch = "flinkops/restart/payments/fraud-scoring/20261204-215000";
        assertTrue(run.out().contains("on new branch " + branch), run.out());
        assertEquals(dirty, read(FRAUD), "the working tree is untouched");
        try (Git git = Git.open(repo.toFile())) {
            Repository r = git.getRepository();
            assertEquals("main", r.getBranch());
            ObjectId tip = r.resolve("refs/heads/" + branch);
            try (RevWalk walk = new RevWalk(r)) {
                RevCommit commit = walk.parseCommit(tip);
                assertEquals("Restart Deployment payments/fraud-scoring\n\nconsumer stuck after the broker upgrade\n", commit.getFullMessage());
                assertEquals(r.resolve("main"), commit.getParent(0).getId());
                try (TreeWalk tw = TreeWalk.forPath(r, FRAUD, commit.getTree())) {
                    String committed = new String(r.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
                    assertTrue(committed.contains("flinkops.io/restart: \"2026-12-04T21:50:00Z\""), committed);
                    assertFalse(committed.contains("parallelism:  "), "the edit is made to HEAD's file, not the working tree's");
                }
            }
            assertTrue(git.status().call().getModified().contains(FRAUD));
        }
        CliRun twice = CliRun.of("restart", "payments/fraud-scoring", repo.toString(), "--now", "2026-12-04T21:50:00Z", "--commit");
        assertEquals(ExitCode.USAGE, twice.exitCode());
        assertTrue(twice.err().contains("exists already"), twice.err());
    }

    @Test
    void branchNeedsCommit() {
        CliRun run = CliRun.of("restart", "payments/fraud-scoring", repo.toString(), "--branch", "x");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("--branch goes with --commit"), run.err());
    }

    static final String IN_FENCE = "s3://acme-flink-state/payments/savepoints/fraud-scoring/savepoint-8a1f";

    @Test
    void savepointWritesARequestThatRendersAsAFlinkStateSnapshot() throws Exception {
        CliRun run = CliRun.of("savepoint", "payments/fraud-scoring", repo.toString(), "--now", "2026-12-04T21:50:00Z",
                "--reason", "before the Kafka migration");
        assertEquals(ExitCode.OK, run.exitCode(), run.out() + run.err());
        String file = "namespaces/payments/savepoints/fraud-scoring/fraud-scoring-20261204-215000.yaml";
        assertEquals("""
                # Written by `flinkops savepoint payments/fraud-scoring` (docs/day-2.md).
                apiVersion: v1
                kind: Savepoint
                metadata:
                  name: fraud-scoring-20261204-215000
                  deploymentName: fraud-scoring
                  createdAt: "2026-12-04T21:50:00Z"
                  annotations:
                    flinkops.io/reason: "before the Kafka migration"
                spec: {}
                """, read(file));
        CliRun render = CliRun.of("render", repo.toString(), "--out", "-", "--cluster", "prod-eu");
        assertEquals(ExitCode.OK, render.exitCode(), render.err());
        assertTrue(render.out().contains("kind: FlinkStateSnapshot"), render.out());
        assertTrue(render.out().contains("name: fraud-scoring-fraud-scoring-20261204-215000"), render.out());
        // The same name again is refused before anything is written.
        CliRun again = CliRun.of("savepoint", "payments/fraud-scoring", repo.toString(), "--name", "fraud-scoring-20261204-215000");
        assertEquals(ExitCode.USAGE, again.exitCode());
        assertTrue(again.err().contains("has a Savepoint `fraud-scoring-20261204-215000` already"), again.err());
        // A name the rules refuse (FO201) is an edit that would break the repo: nothing is written.
        CliRun bad = CliRun.of("savepoint", "payments/fraud-scoring", repo.toString(), "--name", "Before_Migration");
        assertEquals(ExitCode.CONFIG_ERRORS, bad.exitCode(), bad.out() + bad.err());
        assertTrue(bad.err().contains("error[FO201]"), bad.err());
        assertFalse(Files.exists(repo.resolve("namespaces/payments/savepoints/fraud-scoring/Before_Migration.yaml")));
    }

    @Test
    void redeployRegistersTheSavepointAndPointsTheDeploymentAtIt() throws Exception {
        CliRun run = CliRun.of("redeploy", "payments/fraud-scoring", repo.toString(), "--from-savepoint", IN_FENCE, "--now", "2026-12-04T22:00:00Z");
        assertEquals(ExitCode.OK, run.exitCode(), run.out() + run.err());
        assertTrue(read(FRAUD).contains("    flinkops.io/redeploy-from: \"fraud-scoring-restore-20261204-220000\"\n"), read(FRAUD));
        assertTrue(read("namespaces/payments/savepoints/fraud-scoring/fraud-scoring-restore-20261204-220000.yaml")
                .contains("  savepointLocation: \"" + IN_FENCE + "\"\n"));
        CliRun render = CliRun.of("render", repo.toString(), "--out", "-", "--cluster", "prod-eu");
        assertTrue(render.out().contains("initialSavepointPath: " + IN_FENCE), render.out());
        assertTrue(render.out().contains("savepointRedeployNonce: " + java.time.Instant.parse("2026-12-04T22:00:00Z").getEpochSecond()), render.out());
        // By name: the registered Savepoint can be named again (a new registration, a new nonce).
        CliRun byName = CliRun.of("redeploy", "payments/fraud-scoring", repo.toString(), "--from-savepoint",
                "fraud-scoring-restore-20261204-220000", "--now", "2026-12-05T08:00:00Z");
        assertEquals(ExitCode.OK, byName.exitCode(), byName.out() + byName.err());
        assertTrue(read(FRAUD).contains("flinkops.io/redeploy-from: \"fraud-scoring-restore-20261205-080000\""), read(FRAUD));
    }

    @Test
    void aSavepointOutsideTheTeamsStorageIsRefusedAndNothingIsWritten() throws Exception {
        String before = read(FRAUD);
        CliRun run = CliRun.of("redeploy", "payments/fraud-scoring", repo.toString(), "--from-savepoint", "s3://other-team/savepoints/sp-1");
        assertEquals(ExitCode.CONFIG_ERRORS, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("error[FO212]"), run.err());
        assertEquals(before, read(FRAUD));
        assertFalse(Files.exists(repo.resolve("namespaces/payments/savepoints")));
        // A request has no location to start from.
        CliRun.of("savepoint", "payments/fraud-scoring", repo.toString(), "--name", "nightly");
        CliRun request = CliRun.of("redeploy", "payments/fraud-scoring", repo.toString(), "--from-savepoint", "nightly");
        assertEquals(ExitCode.USAGE, request.exitCode());
        assertTrue(request.err().contains("is a request without a location"), request.err());
    }

    @Test
    void latestIsTheNewestCompletedSavepointOnTheStatusBranch() throws Exception {
        CliRun none = CliRun.of("redeploy", "payments/fraud-scoring", repo.toString(), "--from-savepoint", "latest");
        assertEquals(ExitCode.USAGE, none.exitCode());
        assertTrue(none.err().contains("status branch"), none.err());
        try (Git git = Git.open(repo.toFile())) {
            io.flinkops.status.DeploymentStatus status = new io.flinkops.status.DeploymentStatus("payments", "fraud-scoring", null, "RUNNING",
                    "RUNNING", null, java.util.List.of(), null, null, "2026-12-04T21:59:00Z", "prod-eu").withDayTwo(java.util.List.of(
                    new io.flinkops.status.DeploymentStatus.SavepointRecord("fraud-scoring-20261204-215500", null, "MANUAL", "FAILED",
                            "2026-12-04T21:55:00Z", "2026-12-04T21:56:00Z", "timed out"),
                    new io.flinkops.status.DeploymentStatus.SavepointRecord("fraud-scoring-20261204-215000", IN_FENCE, "MANUAL", "COMPLETED",
                            "2026-12-04T21:50:00Z", "2026-12-04T21:51:00Z", null)), java.util.List.of(), null);
            writeStatusBranch(git, "status/payments/fraud-scoring.yaml", io.flinkops.status.StatusFiles.toYaml(status));
        }
        CliRun run = CliRun.of("redeploy", "payments/fraud-scoring", repo.toString(), "--from-savepoint", "latest", "--now", "2026-12-04T22:00:00Z");
        assertEquals(ExitCode.OK, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("redeploy payments/fraud-scoring from " + IN_FENCE), run.out());
    }

    /** A `flinkops/status` branch with one file, as the diff tests build theirs (the checked-out branch stays). */
    private void writeStatusBranch(Git git, String path, byte[] content) throws Exception {
        Path folder = tmp.resolve("status-tree");
        Files.createDirectories(folder.resolve(path).getParent());
        Files.write(folder.resolve(path), content);
        io.flinkops.testing.StatusBranchFixture.commit(git.getRepository(), folder, "refs/heads/flinkops/status");
    }
}
