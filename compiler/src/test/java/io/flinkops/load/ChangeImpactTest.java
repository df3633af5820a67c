package io.flinkops.load;

import io.flinkops.source.Change;
import io.flinkops.source.SourceTree;
import io.flinkops.source.Sources;
import io.flinkops.testing.TestRepos;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which namespaces staged changes reach (real Git repositories; the files need not be valid config). */
class ChangeImpactTest {

    @TempDir
    Path tmp;
    Path root;
    Git git;

    @BeforeEach
    void setUp() throws Exception {
        root = tmp.resolve("repo");
        write("flinkops.yaml", """
                apiVersion: v1
                kind: Repository
                metadata: {name: r}
                spec:
                  loggingProfiles:
                    custom: {file: ./templates//custom.peb}  # read as templates/custom.peb
                    inside: {file: namespaces/a/logging.peb}
                  policyFiles: [policies/platform.yaml]
                """);
        write("policies/platform.yaml", "policies: []\n");
        write("global-defaults.yaml", "kind: GlobalDeploymentDefaults\n");
        write("templates/custom.peb", "x\n");
        write("README.md", "hello\n");
        write("shared/job.yaml", "kind: Deployment\n");
        for (String ns : List.of("a", "b", "c")) {
            write("namespaces/" + ns + "/namespace.yaml", "kind: Namespace\n");
            write("namespaces/" + ns + "/defaults.yaml", "kind: DeploymentDefaults\n");
            write("namespaces/" + ns + "/jobs/one.yaml", "kind: Deployment\n");
            write("namespaces/" + ns + "/notes.md", "notes\n");
        }
        write("namespaces/a/logging.peb", "x\n");
        link("namespaces/b/jobs/shared.yaml", "../../../shared/job.yaml");
        link("namespaces/c/jobs/via.yaml", "../../b/jobs/shared.yaml"); // a chain: c → b's link → shared/job.yaml
        git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call();
        git.add().addFilepattern(".").call();
        TestRepos.commit(git, "base");
    }

    private void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void link(String path, String target) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createSymbolicLink(file, Path.of(target));
    }

    private Scope staged() throws Exception {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        SourceTree head = Sources.staged(root);
        SourceTree base = Sources.stagedBase(root).orElseThrow();
        return ChangeImpact.of(base, head, Sources.changes(base, head));
    }

    private static void assertNamespaces(Scope scope, String... expected) {
        assertFalse(scope.everything(), scope.toString());
        assertEquals(new TreeSet<>(Set.of(expected)), scope.namespaces(), scope.toString());
    }

    @Test
    void nothingStagedChecksNoNamespace() throws Exception {
        Scope scope = staged();
        assertNamespaces(scope);
        assertEquals(List.of(), scope.changes());
        assertEquals(Set.of("a", "b", "c"), scope.allNamespaces());
    }

    @Test
    void aDeploymentOrADefaultsFileChecksItsNamespace() throws Exception {
        write("namespaces/a/jobs/one.yaml", "kind: Deployment\nmetadata: {name: x}\n");
        write("namespaces/b/defaults.yaml", "kind: DeploymentDefaults\nspec: {}\n");
        assertNamespaces(staged(), "a", "b");
    }

    @Test
    void addedDeletedAndMovedFilesCheckTheirNamespaces() throws Exception {
        write("namespaces/a/jobs/two.yaml", "kind: Deployment\n");
        Files.delete(root.resolve("namespaces/b/namespace.yaml"));
        Scope scope = staged();
        assertNamespaces(scope, "a", "b");
        assertEquals(List.of("namespaces/a/jobs/two.yaml", "namespaces/b/namespace.yaml"), scope.changes());

        git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).call();
        Files.move(root.resolve("namespaces/a/jobs/one.yaml"), root.resolve("namespaces/c/jobs/moved.yaml"));
        assertNamespaces(staged(), "a", "c");
    }

    @Test
    void aDeletedNamespaceIsInTheScopeButNotCounted() throws Exception {
        for (String f : List.of("namespace.yaml", "defaults.yaml", "jobs/one.yaml", "notes.md")) Files.delete(root.resolve("namespaces/c/" + f));
        Files.delete(root.resolve("namespaces/c/jobs/via.yaml"));
        Scope scope = staged();
        // c's link was deleted, and a deleted link may have been part of another link's chain: b's link is re-checked too.
        assertNamespaces(scope, "b", "c");
        assertEquals(Set.of("b"), scope.checked());
        assertEquals(Set.of("a", "b"), scope.allNamespaces());
    }

    @Test
    void anyFileOfANamespaceFolderChecksIt() throws Exception {
        write("namespaces/c/notes.md", "more notes\n");
        assertNamespaces(staged(), "c");
    }

    @Test
    void repoWideFilesCheckEverything() throws Exception {
        for (String file : List.of("flinkops.yaml", "global-defaults.yaml", "templates/custom.peb", "namespaces/a/logging.peb",
                "policies/platform.yaml")) {
            git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).call();
            write(file, "changed\n");
            Scope scope = staged();
            assertTrue(scope.everything(), file + ": " + scope);
            assertEquals("staged change to " + file, scope.because().orElseThrow());
        }
    }

    @Test
    void otherFilesCheckNoNamespace() throws Exception {
        write("README.md", "changed\n");
        write("other.yaml", "kind: Deployment\n");
        write("namespaces/stray.yaml", "kind: Deployment\n");
        write("docs/x.md", "x\n");
        assertNamespaces(staged());
    }

    @Test
    void aLinkCountsAsChangedWhenWhatItLeadsToChanged() throws Exception {
        write("shared/job.yaml", "kind: Deployment\nmetadata: {name: changed}\n");
        assertNamespaces(staged(), "b", "c"); // b links to it, c through b's link
    }

    @Test
    void aLinkCountsAsChangedWhenItsTargetIsDeleted() throws Exception {
        Files.delete(root.resolve("shared/job.yaml"));
        assertNamespaces(staged(), "b", "c");
    }

    @Test
    void retargetingALinkInAChainReachesEveryLink() throws Exception {
        write("shared/other.yaml", "kind: Deployment\n");
        git.add().addFilepattern(".").call();
        TestRepos.commit(git, "other");
        link("namespaces/b/jobs/shared.yaml", "../../../shared/other.yaml");
        assertNamespaces(staged(), "b", "c");
    }

    @Test
    void aLinkAtTheRootToAChangedFileIsThatRepoWideFile() throws Exception {
        Files.move(root.resolve("global-defaults.yaml"), root.resolve("shared/global.yaml"));
        link("global-defaults.yaml", "shared/global.yaml");
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        TestRepos.commit(git, "global defaults through a link");
        write("shared/global.yaml", "kind: GlobalDeploymentDefaults\nspec: {}\n");
        Scope scope = staged();
        assertTrue(scope.everything(), scope.toString());
        assertEquals("staged change to global-defaults.yaml, a link to a changed file", scope.because().orElseThrow());
    }

    @Test
    void changesOfTwoGitSourcesNeedNoReadsAndAgreeWithTheWorkingTreeComparison() throws Exception {
        write("namespaces/a/jobs/one.yaml", "kind: Deployment\nmetadata: {name: x}\n");
        write("namespaces/a/jobs/new.yaml", "kind: Deployment\n");
        Files.delete(root.resolve("namespaces/b/defaults.yaml"));
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        SourceTree base = Sources.stagedBase(root).orElseThrow();
        List<Change> byId = Sources.changes(base, Sources.staged(root));
        assertEquals(List.of(
                new Change("namespaces/a/jobs/new.yaml", Change.Type.ADDED, false),
                new Change("namespaces/a/jobs/one.yaml", Change.Type.MODIFIED, false),
                new Change("namespaces/b/defaults.yaml", Change.Type.DELETED, false)), byId);
        assertEquals(byId, Sources.changes(base, Sources.workingTree(root)));
    }

    @Test
    void aConfigRepoInASubfolderSeesOnlyItsOwnChanges() throws Exception {
        Path work = tmp.resolve("mono");
        TestRepos.copyTree(root, work.resolve("flink"));
        try (var files = Files.walk(work.resolve("flink/.git"))) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
        Files.writeString(work.resolve("app.txt"), "app\n");
        try (Git mono = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            mono.add().addFilepattern(".").call();
            TestRepos.commit(mono, "base");
            Files.writeString(work.resolve("app.txt"), "changed\n");
            Files.writeString(work.resolve("flink/namespaces/a/defaults.yaml"), "changed\n");
            mono.add().addFilepattern(".").call();
            Path config = work.resolve("flink");
            SourceTree base = Sources.stagedBase(config).orElseThrow();
            SourceTree head = Sources.staged(config);
            List<Change> changes = Sources.changes(base, head);
            assertEquals(List.of(new Change("namespaces/a/defaults.yaml", Change.Type.MODIFIED, false)), changes);
            assertNamespaces(ChangeImpact.of(base, head, changes), "a");
        }
    }

    @Test
    void beforeTheFirstCommitThereIsNoBase() throws Exception {
        Path fresh = tmp.resolve("fresh");
        Files.createDirectories(fresh);
        Git.init().setDirectory(fresh.toFile()).setInitialBranch("main").call().close();
        assertTrue(Sources.stagedBase(fresh).isEmpty());
    }
}
