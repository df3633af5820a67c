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
}
