package io.flinkops.diff;

import io.flinkops.cli.ExitCode;
import io.flinkops.testing.CliRun;
import io.flinkops.testing.TestRepos;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line of `flinkops diff`: revisions, the working tree, usage errors. */
class DiffCommandTest {
    @TempDir
    Path tmp;

    private static final String ORDERS = "namespaces/team/orders.yaml";

    /** A repository of three commits: base, parallelism 2 → 4 on orders, then billing suspended. */
    private Path threeCommits(Path root) throws Exception {
        TestRepos.copyTree(DiffCases.ROOT.resolve("_base"), root);
        try (Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
            DiffCases.addAll(git);
            TestRepos.commit(git, "one");
            Path orders = root.resolve(ORDERS);
            Files.writeString(orders, Files.readString(orders) + "      parallelism: 4\n      numberOfTaskManagers: 2\n");
            DiffCases.addAll(git);
            TestRepos.commit(git, "two");
            Path billing = root.resolve("namespaces/team/billing.yaml");
            Files.writeString(billing, Files.readString(billing).replace("  deploymentTargetName: prod\n", "  deploymentTargetName: prod\n  state: SUSPENDED\n"));
            DiffCases.addAll(git);
            TestRepos.commit(git, "three");
        }
        return root;
    }

    @Test
    void baseHeadTildeOneComparesTheLastCommitWithTheWorkingTree() throws Exception {
        Path repo = threeCommits(tmp.resolve("repo"));
        CliRun run = CliRun.of("diff", repo.toString(), "--base", "HEAD~1");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("team/billing: changed, no restart, upgrade mode savepoint, state risk none"), run.out());
        assertFalse(run.out().contains("team/orders: changed"), "orders changed one commit earlier:\n" + run.out());
        assertTrue(run.out().startsWith("flinkops diff: revision "), run.out());
        assertTrue(run.out().contains("(HEAD~1) -> working tree"), run.out());
    }

    @Test
    void colourOnATerminalHasTheSameWordsAsPlainTextAndNeverInOtherFormats() throws Exception {
        Path repo = threeCommits(tmp.resolve("repo"));
        CliRun plain = CliRun.of("diff", repo.toString(), "--base", "HEAD~2");
        CliRun coloured = CliRun.of("diff", repo.toString(), "--base", "HEAD~2", "--color=always");
        assertEquals(ExitCode.OK, coloured.exitCode(), coloured.err());
        assertFalse(plain.out().contains("\u001b["), "tests run without a terminal: no colour by default");
        assertTrue(coloured.out().contains("\u001b[1mteam/orders\u001b[0m: changed, \u001b[33mrestarts\u001b[0m"), coloured.out());
        assertTrue(coloured.out().contains("state risk \u001b[32mnone\u001b[0m"), coloured.out());
        assertEquals(plain.out(), coloured.out().replaceAll("\u001b\\[[0-9;]*m", ""));
        for (String format : new String[]{"json", "markdown"}) {
            CliRun other = CliRun.of("diff", repo.toString(), "--base", "HEAD~2", "--color=always", "--format", format);
            assertFalse(other.out().contains("\u001b["), format);
        }
        CliRun never = CliRun.of("diff", repo.toString(), "--base", "HEAD~2", "--color=never");
        assertEquals(plain.out(), never.out());
    }

    @Test
    void headSelectsAnyRevision() throws Exception {
        Path repo = threeCommits(tmp.resolve("repo"));
        CliRun run = CliRun.of("diff", repo.toString(), "--base", "HEAD~2", "--head", "HEAD~1", "--format", "json");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("\"deployment\" : \"orders\",\n    \"change\" : \"changed\""), run.out());
        assertFalse(run.out().contains("SUSPENDED"), run.out());
    }

    @Test
    void theWorkingTreeIncludesUncommittedChanges() throws Exception {
        Path repo = threeCommits(tmp.resolve("repo"));
        Files.delete(repo.resolve(ORDERS));
        CliRun run = CliRun.of("diff", repo.toString(), "--base", "HEAD");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("team/orders: removed, no restart, upgrade mode last-state, state risk LOSS"), run.out());
    }

    @Test
    void aConfigRepoInASubfolderOfItsGitRepository() throws Exception {
        Path git = tmp.resolve("mono");
        TestRepos.copyTree(DiffCases.ROOT.resolve("_base"), git.resolve("flink/config"));
        try (Git g = Git.init().setDirectory(git.toFile()).setInitialBranch("main").call()) {
            Files.writeString(git.resolve("README.md"), "monorepo\n");
            DiffCases.addAll(g);
            TestRepos.commit(g, "one");
            Path orders = git.resolve("flink/config/" + ORDERS);
            Files.writeString(orders, Files.readString(orders).replace("orders-1.0.jar", "orders-1.1.jar"));
            DiffCases.addAll(g);
            TestRepos.commit(g, "two");
        }
        CliRun run = CliRun.of("diff", git.resolve("flink/config").toString(), "--base", "HEAD~1");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("team/orders: changed, restarts, upgrade mode last-state, state risk none"), run.out());
        assertTrue(run.out().contains("`spec.job.jarURI` changes"), run.out());
    }

    @Test
    void anUnknownRevisionIsAUsageError() throws Exception {
        Path repo = threeCommits(tmp.resolve("repo"));
        CliRun run = CliRun.of("diff", repo.toString(), "--base", "no-such-branch");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("unknown revision `no-such-branch`"), run.err());
        assertFalse(run.showsStackTrace());
    }

    @Test
    void aDirectoryOutsideGitIsAUsageError() {
        Path plain = tmp.resolve("plain");
        TestRepos.copyTree(DiffCases.ROOT.resolve("_base"), plain);
        CliRun run = CliRun.of("diff", plain.toString(), "--base", "main");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("--base needs a Git repository"), run.err());
        assertFalse(run.showsStackTrace());
    }

    @Test
    void baseIsRequired() {
        CliRun run = CliRun.of("diff", tmp.toString());
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("--base"), run.err());
    }

    @Test
    void anUnknownFormatIsAUsageError() throws Exception {
        Path repo = threeCommits(tmp.resolve("repo"));
        assertEquals(ExitCode.USAGE, CliRun.of("diff", repo.toString(), "--base", "HEAD", "--format", "yaml").exitCode());
        assertEquals(ExitCode.USAGE, CliRun.of("diff", repo.toString(), "--base", "HEAD", "--fail-on", "none").exitCode());
    }

    @Test
    void noChangeAtAll() throws Exception {
        Path repo = threeCommits(tmp.resolve("repo"));
        CliRun run = CliRun.of("diff", repo.toString(), "--base", "HEAD", "--format", "markdown");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("No deployment changes."), run.out());
        assertFalse(run.out().contains("Manifest diffs"), run.out());
    }

    @Test
    void theStatusBranchIsReadLocallyElseFromTheRemoteAndCanBeSwitchedOff() throws Exception {
        Path repo = DiffCases.repo(tmp, "live-state");
        String now = DiffCases.NOW.toString();
        CliRun local = CliRun.of("diff", repo.toString(), "--base", "HEAD~1", "--now", now);
        assertTrue(local.out().contains("live: What runs now is read from status branch `flinkops/status` at "), local.out());
        assertTrue(local.out().contains("  live: RUNNING, observed 4 minutes ago (2026-12-04T22:11:00Z) by the agent of cluster `default`"), local.out());

        // Only a remote-tracking branch, as a CI clone has after `git fetch origin flinkops/status`.
        try (Git git = Git.open(repo.toFile())) {
            var r = git.getRepository();
            var id = r.exactRef(DiffCases.STATUS_BRANCH).getObjectId();
            var update = r.updateRef("refs/remotes/upstream/flinkops/status");
            update.setNewObjectId(id);
            update.update();
            var delete = r.updateRef(DiffCases.STATUS_BRANCH);
            delete.setForceUpdate(true);
            delete.delete();
        }
        CliRun remote = CliRun.of("diff", repo.toString(), "--base", "HEAD~1", "--now", now, "--remote", "upstream", "--format", "json");
        assertTrue(remote.out().contains("\"statusRef\" : \"flinkops/status\""), remote.out());
        CliRun otherRemote = CliRun.of("diff", repo.toString(), "--base", "HEAD~1", "--now", now);
        assertTrue(otherRemote.out().contains("note: The live state is not known: there is no status branch `flinkops/status`, local or `origin/flinkops/status`;"), otherRemote.out());
        CliRun named = CliRun.of("diff", repo.toString(), "--base", "HEAD~1", "--now", now, "--status-ref", "refs/remotes/upstream/flinkops/status");
        assertTrue(named.out().contains("read from status branch `refs/remotes/upstream/flinkops/status`"), named.out());

        CliRun off = CliRun.of("diff", repo.toString(), "--base", "HEAD~1", "--remote", "upstream", "--no-status", "--format", "json");
        assertEquals(ExitCode.OK, off.exitCode(), off.err());
        assertFalse(off.out().contains("\"live\""), "without the live state the JSON is PRODUCT.md's:\n" + off.out());
    }
}
