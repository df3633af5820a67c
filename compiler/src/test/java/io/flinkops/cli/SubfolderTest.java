package io.flinkops.cli;

import io.flinkops.testing.CliRun;
import io.flinkops.testing.TestRepos;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Run from any folder inside the config repo, flinkops finds flinkops.yaml upwards, as git and pre-commit do. */
class SubfolderTest {
    @TempDir
    Path tmp;

    private Path repo() throws Exception {
        Path repo = tmp.resolve("config");
        TestRepos.copyTree(TestRepos.examplesRepo(), repo);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("config").setAuthor(TestRepos.AUTHOR).setCommitter(TestRepos.AUTHOR).call();
        }
        return repo;
    }

    @Test
    void validateRenderAndExplainFromANamespaceFolderSeeTheWholeRepo() throws Exception {
        Path repo = repo();
        Path sub = repo.resolve("namespaces/payments/deployments");
        CliRun atRoot = CliRun.of("validate", repo.toString(), "--format", "json");
        CliRun below = CliRun.of("validate", sub.toString(), "--format", "json");
        assertEquals(ExitCode.OK, below.exitCode(), below.out() + below.err());
        assertEquals(atRoot.out(), below.out());
        assertEquals(ExitCode.OK, CliRun.of("explain", "payments/fraud-scoring", sub.toString()).exitCode());
        CliRun render = CliRun.of("render", sub.toString(), "--out", "-", "--cluster", "prod-eu");
        assertEquals(ExitCode.OK, render.exitCode(), render.err());
        assertTrue(render.out().contains("kind: FlinkDeployment"), render.out());
    }

    @Test
    void stagedAndRevisionFromASubfolder() throws Exception {
        Path repo = repo();
        Path sub = repo.resolve("namespaces/payments");
        Files.writeString(sub.resolve("deployments/fraud-scoring.yaml"),
                Files.readString(sub.resolve("deployments/fraud-scoring.yaml")).replace("state: RUNNING", "state: RUNING"));
        try (Git git = Git.open(repo.toFile())) {
            git.add().addFilepattern(".").call();
        }
        CliRun staged = CliRun.of("validate", "--staged", sub.toString());
        assertEquals(ExitCode.CONFIG_ERRORS, staged.exitCode(), staged.out() + staged.err());
        assertTrue(staged.out().contains("namespaces/payments/deployments/fraud-scoring.yaml"), staged.out());
        assertEquals(ExitCode.OK, CliRun.of("validate", "--rev", "HEAD", sub.toString()).exitCode());
    }

    @Test
    void doesNotClimbOutOfItsGitRepository() throws Exception {
        // An outer config repo, and a Git repository inside it without a flinkops.yaml of its own.
        Path outer = repo();
        Path inner = outer.resolve("vendor/other");
        Files.createDirectories(inner);
        Git.init().setDirectory(inner.toFile()).call().close();
        Files.createDirectories(inner.resolve("namespaces/x"));
        CliRun run = CliRun.of("validate", inner.resolve("namespaces/x").toString());
        assertEquals(ExitCode.CONFIG_ERRORS, run.exitCode(), run.out());
        assertTrue(run.out().contains("flinkops.yaml"), "reports the missing flinkops.yaml of the inner repo:\n" + run.out());
    }
}
