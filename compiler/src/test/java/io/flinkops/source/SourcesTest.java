package io.flinkops.source;

import io.flinkops.Compiler;
import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostic;
import io.flinkops.testing.TestRepos;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three sources (working tree, staged index, revision) on real Git repositories built with JGit. */
class SourcesTest {
    static final Path BASE = TestRepos.projectRoot().resolve("compiler/src/test/resources/cases/_base/input");
    static final int MAX = 1024 * 1024;

    @TempDir
    Path tmp;
    Path repo;

    @BeforeEach
    void setUp() throws IOException {
        repo = Files.createDirectories(tmp.resolve("repo"));
    }

    // --- helpers -----------------------------------------------------------------------------

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static Git init(Path dir) throws Exception {
        return Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    }

    private static void addAll(Git git) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call(); // deletions too
    }

    private static ObjectId commit(Git git, String message) throws Exception {
        addAll(git);
        return TestRepos.commit(git, message).getId();
    }

    private static String text(SourceTree tree, String path) {
        SourceTree.Content c = tree.read(path, MAX);
        return new String(assertInstanceOf(SourceTree.Bytes.class, c, () -> path + ": " + c).bytes(), StandardCharsets.UTF_8);
    }

    private static Code refusal(SourceTree tree, String path, int max) {
        return assertInstanceOf(SourceTree.Refused.class, tree.read(path, max), path).code();
    }

    private static List<String> paths(SourceTree tree) {
        return tree.entries().stream().map(SourceTree.Entry::path).toList();
    }

    /** The three sources of {@code dir}: working tree, staged index, HEAD (after committing everything). */
    private static Map<String, SourceTree> allThree(Git git, Path dir) throws Exception {
        commit(git, "all");
        Map<String, SourceTree> out = new TreeMap<>();
        out.put("working tree", Sources.workingTree(dir));
        out.put("staged", Sources.staged(dir));
        out.put("revision", Sources.revision(dir, "HEAD"));
        return out;
    }

    private static List<Diagnostic> compile(SourceTree tree) {
        return new Compiler().compile(tree).diagnostics().sorted();
    }

    // --- working tree --------------------------------------------------------------------------

    @Test
    void workingTreeRespectsGitignore() throws Exception {
        TestRepos.copyTree(BASE, repo);
        write(repo.resolve(".gitignore"), "*.local.yaml\nscratch/\n");
        write(repo.resolve("namespaces/team/job.local.yaml"), "this: [is broken\n");
        write(repo.resolve("namespaces/team/scratch/old.yaml"), "kind: Nonsense\n");
        write(repo.resolve("namespaces/team/untracked.yaml"), "apiVersion: v1\nkind: Deploymnet\n");
        try (Git git = init(repo)) {
            SourceTree tree = Sources.workingTree(repo);
            assertFalse(paths(tree).contains("namespaces/team/job.local.yaml"));
            assertFalse(paths(tree).stream().anyMatch(p -> p.contains("scratch")));
            assertTrue(paths(tree).contains("namespaces/team/untracked.yaml"), "untracked files are part of the working tree");
            List<Diagnostic> diagnostics = compile(tree);
            assertEquals(List.of("namespaces/team/untracked.yaml"), diagnostics.stream().map(Diagnostic::file).distinct().toList(),
                    "ignored files are not read: " + diagnostics);
        }
    }

    @Test
    void workingTreeOutsideGitIsAPlainWalkThatSkipsGitFolders() throws Exception {
        TestRepos.copyTree(BASE, repo);
        write(repo.resolve("namespaces/team/vendor/.git/config.yaml"), "not: [yaml\n");
        write(repo.resolve("namespaces/team/.gitignore"), "*.yaml\n"); // means nothing outside Git
        SourceTree tree = Sources.workingTree(repo);
        assertEquals("", tree.gitPrefix());
        assertTrue(tree.commitId().isEmpty());
        assertFalse(paths(tree).stream().anyMatch(p -> p.contains(".git/")), paths(tree).toString());
        assertTrue(paths(tree).contains("namespaces/team/job.yaml"));
        assertEquals(paths(tree).stream().sorted().toList(), paths(tree), "entries are sorted");
        assertEquals(List.of(), compile(tree));
    }

    @Test
    void aSourceMustBeADirectory() throws Exception {
        write(repo.resolve("file.yaml"), "a: 1\n");
        assertThrows(SourceException.class, () -> Sources.workingTree(repo.resolve("file.yaml")));
        assertThrows(SourceException.class, () -> Sources.workingTree(repo.resolve("missing")));
    }

    // --- a config repo inside a bigger Git repository ------------------------------------------

    @Test
    void configRepoInASubfolderOfAGitRepo() throws Exception {
        Path config = repo.resolve("deploy/flink");
        TestRepos.copyTree(BASE, config);
        write(repo.resolve("README.md"), "# the monorepo\n");
        write(repo.resolve("other/namespaces/team/job.yaml"), "broken: [\n"); // not part of the config repo
        try (Git git = init(repo)) {
            for (Map.Entry<String, SourceTree> e : allThree(git, config).entrySet()) {
                SourceTree tree = e.getValue();
                assertEquals("deploy/flink", tree.gitPrefix(), e.getKey());
                assertEquals(List.of("flinkops.yaml", "global-defaults.yaml", "namespaces/team/job.yaml",
                        "namespaces/team/namespace.yaml", "namespaces/team/targets.yaml"), paths(tree), e.getKey());
                assertTrue(text(tree, "flinkops.yaml").contains("kind: Repository"), e.getKey());
                assertEquals(List.of(), compile(tree), e.getKey());
                assertTrue(tree.commitId().isPresent(), e.getKey());
            }
        }
    }

    @Test
    void aConfigRepoInAFolderGitIgnoresIsReadLikeAFolderOutsideGit() throws Exception {
        // A generated repo under an ignored build folder: Git tracks nothing there, so no ignore rule applies
        // (before, every file was skipped and only "missing flinkops.yaml" was reported).
        Path config = repo.resolve("build/generated/config");
        TestRepos.copyTree(BASE, config);
        write(repo.resolve(".gitignore"), "build/\n*.tmp.yaml\n");
        write(config.resolve("namespaces/team/scratch.tmp.yaml"), "broken: [\n");
        try (Git git = init(repo)) {
            SourceTree tree = Sources.workingTree(config);
            assertEquals(List.of("flinkops.yaml", "global-defaults.yaml", "namespaces/team/job.yaml",
                    "namespaces/team/namespace.yaml", "namespaces/team/scratch.tmp.yaml", "namespaces/team/targets.yaml"), paths(tree));
            assertEquals(List.of("namespaces/team/scratch.tmp.yaml"), compile(tree).stream().map(Diagnostic::file).toList());
        }
    }

    @Test
    void aRevisionOfASubfolderThatDidNotExistYetHasNoFiles() throws Exception {
        write(repo.resolve("README.md"), "x\n");
        try (Git git = init(repo)) {
            commit(git, "before the config repo");
            TestRepos.copyTree(BASE, repo.resolve("config"));
            commit(git, "config repo");
            SourceTree old = Sources.revision(repo.resolve("config"), "HEAD~1");
            assertEquals(List.of(), paths(old));
            assertEquals(List.of(Code.MISSING_REPOSITORY), compile(old).stream().map(Diagnostic::code).toList());
        }
    }

    // --- revisions and the index -------------------------------------------------------------

    @Test
    void anOlderRevisionIsReadWithoutACheckout() throws Exception {
        TestRepos.copyTree(BASE, repo);
        Path job = repo.resolve("namespaces/team/job.yaml");
        try (Git git = init(repo)) {
            ObjectId first = commit(git, "first");
            write(job, Files.readString(job).replace("job-1.0.jar", "job-2.0.jar"));
            commit(git, "second");
            write(job, Files.readString(job).replace("job-2.0.jar", "job-3.0.jar")); // uncommitted
            String head = git.getRepository().resolve("HEAD").name();

            SourceTree old = Sources.revision(repo, "HEAD~1");
            assertTrue(text(old, "namespaces/team/job.yaml").contains("job-1.0.jar"));
            assertEquals(first.name(), old.commitId().orElseThrow());
            assertTrue(old.label().startsWith("revision " + first.abbreviate(7).name()), old.label());
            assertTrue(text(Sources.revision(repo, "main"), "namespaces/team/job.yaml").contains("job-2.0.jar"));
            assertTrue(text(Sources.revision(repo, first.name()), "namespaces/team/job.yaml").contains("job-1.0.jar"));

            assertTrue(Files.readString(job).contains("job-3.0.jar"), "the working tree is untouched");
            assertEquals(head, git.getRepository().resolve("HEAD").name(), "HEAD did not move");
            assertTrue(text(Sources.workingTree(repo), "namespaces/team/job.yaml").contains("job-3.0.jar"));
        }
    }

    @Test
    void stagedSeesTheIndexNotUnstagedEdits() throws Exception {
        TestRepos.copyTree(BASE, repo);
        Path job = repo.resolve("namespaces/team/job.yaml");
        try (Git git = init(repo)) {
            commit(git, "first");
            write(job, Files.readString(job).replace("job-1.0.jar", "job-staged.jar"));
            git.add().addFilepattern("namespaces/team/job.yaml").call();
            write(job, "this: [is an unstaged, broken edit\n");
            write(repo.resolve("namespaces/team/new.yaml"), "also: [unstaged\n"); // untracked: not in the index
            git.rm().addFilepattern("namespaces/team/targets.yaml").setCached(true).call(); // staged deletion

            SourceTree staged = Sources.staged(repo);
            assertEquals("staged index", staged.label());
            assertTrue(text(staged, "namespaces/team/job.yaml").contains("job-staged.jar"));
            assertFalse(paths(staged).contains("namespaces/team/new.yaml"));
            assertFalse(paths(staged).contains("namespaces/team/targets.yaml"));
            assertEquals(List.of(), compile(staged).stream().filter(d -> d.code() == Code.YAML_SYNTAX).toList());
        }
    }

    @Test
    void anUnknownRevisionIsASourceProblem() throws Exception {
        TestRepos.copyTree(BASE, repo);
        try (Git git = init(repo)) {
            commit(git, "first");
            SourceException e = assertThrows(SourceException.class, () -> Sources.revision(repo, "no-such-branch"));
            assertTrue(e.getMessage().contains("no-such-branch"), e.getMessage());
            assertThrows(SourceException.class, () -> Sources.revision(repo, "HEAD~5"));
            assertThrows(SourceException.class, () -> Sources.revision(repo, "::"));
        }
    }

    @Test
    void stagedAndRevisionNeedGit() throws Exception {
        TestRepos.copyTree(BASE, repo);
        assertTrue(assertThrows(SourceException.class, () -> Sources.staged(repo)).getMessage().contains("--staged"));
        assertTrue(assertThrows(SourceException.class, () -> Sources.revision(repo, "HEAD")).getMessage().contains("--rev"));
    }

    // --- symbolic links ----------------------------------------------------------------------

    @Test
    void symlinksThatLeaveTheRepoAreRefusedByAllSources() throws Exception {
        TestRepos.copyTree(BASE, repo);
        Path outside = tmp.resolve("outside.yaml");
        write(outside, Files.readString(repo.resolve("namespaces/team/job.yaml")).replace("name: job", "name: outside"));
        Path team = repo.resolve("namespaces/team");
        Files.createSymbolicLink(team.resolve("absolute.yaml"), outside.toAbsolutePath());
        Files.createSymbolicLink(team.resolve("relative.yaml"), Path.of("../../../outside.yaml"));
        Files.createSymbolicLink(team.resolve("gone-outside.yaml"), Path.of("/nonexistent/flinkops/job.yaml"));
        try (Git git = init(repo)) {
            for (Map.Entry<String, SourceTree> e : allThree(git, repo).entrySet()) {
                SourceTree tree = e.getValue();
                for (String link : List.of("absolute.yaml", "relative.yaml", "gone-outside.yaml")) {
                    assertTrue(tree.entries().contains(new SourceTree.Entry("namespaces/team/" + link, true)), e.getKey() + " " + link);
                    assertEquals(Code.SYMLINK_ESCAPES_REPO, refusal(tree, "namespaces/team/" + link, MAX), e.getKey() + " " + link);
                }
                List<Diagnostic> diagnostics = compile(tree);
                assertEquals(List.of(Code.SYMLINK_ESCAPES_REPO), diagnostics.stream().map(Diagnostic::code).distinct().toList(), e.getKey());
                assertEquals(3, diagnostics.size(), e.getKey());
                assertEquals(0, diagnostics.get(0).line(), "reported for the file as a whole");
            }
        }
    }

    @Test
    void aSymlinkToAFileInsideTheRepoIsFollowed() throws Exception {
        TestRepos.copyTree(BASE, repo);
        write(repo.resolve("shared/job.yaml"), Files.readString(repo.resolve("namespaces/team/job.yaml")).replace("name: job", "name: shared-job"));
        Files.createSymbolicLink(repo.resolve("namespaces/team/shared.yaml"), Path.of("../../shared/job.yaml"));
        Files.createSymbolicLink(repo.resolve("namespaces/team/chained.yaml"), Path.of("shared.yaml")); // a link to a link
        try (Git git = init(repo)) {
            for (Map.Entry<String, SourceTree> e : allThree(git, repo).entrySet()) {
                SourceTree tree = e.getValue();
                assertTrue(text(tree, "namespaces/team/shared.yaml").contains("name: shared-job"), e.getKey());
                assertTrue(text(tree, "namespaces/team/chained.yaml").contains("name: shared-job"), e.getKey());
                assertEquals("shared/job.yaml", tree.linkTarget("namespaces/team/chained.yaml").orElseThrow(), e.getKey());
                // The linked file is read through the links (a duplicate Deployment), and is not reported as a
                // misplaced document outside the layout.
                List<Diagnostic> diagnostics = compile(tree);
                assertEquals(List.of(Code.DUPLICATE_RESOURCE), diagnostics.stream().map(Diagnostic::code).toList(), e.getKey() + ": " + diagnostics);
                assertEquals("namespaces/team/shared.yaml", diagnostics.get(0).file(), e.getKey());
            }
        }
    }

    @Test
    void aSymlinkIntoAnotherNamespaceOrFromARepoWideFileIntoOneIsRefused() throws Exception {
        TestRepos.copyTree(BASE, repo);
        // Team `other` links team `team`'s target file (to place its objects in team's Kubernetes namespace), and a
        // link chain through its own folder does the same; global-defaults.yaml is a link into team's folder.
        Path other = repo.resolve("namespaces/other");
        Files.createDirectories(other);
        Files.createSymbolicLink(other.resolve("targets.yaml"), Path.of("../team/targets.yaml"));
        Files.createSymbolicLink(other.resolve("hop.yaml"), Path.of("targets.yaml"));
        write(repo.resolve("namespaces/team/global.yaml"), Files.readString(repo.resolve("global-defaults.yaml")));
        Files.delete(repo.resolve("global-defaults.yaml"));
        Files.createSymbolicLink(repo.resolve("global-defaults.yaml"), Path.of("namespaces/team/global.yaml"));
        try (Git git = init(repo)) {
            for (Map.Entry<String, SourceTree> e : allThree(git, repo).entrySet()) {
                List<Diagnostic> diagnostics = compile(e.getValue());
                List<String> crossing = diagnostics.stream().filter(d -> d.code() == Code.SYMLINK_CROSSES_NAMESPACE).map(Diagnostic::file).toList();
                assertEquals(List.of("global-defaults.yaml", "namespaces/other/hop.yaml", "namespaces/other/targets.yaml"),
                        crossing.stream().sorted().toList(), e.getKey() + ": " + diagnostics);
                assertTrue(diagnostics.stream().filter(d -> d.code() == Code.SYMLINK_CROSSES_NAMESPACE)
                        .allMatch(d -> d.line() == 0 && d.message().contains("team")), e.getKey() + ": " + diagnostics);
            }
        }
    }

    @Test
    void danglingLinksAndLinksToFoldersAreUnreadable() throws Exception {
        TestRepos.copyTree(BASE, repo);
        write(repo.resolve("shared/jobs/a.yaml"), "a: 1\n");
        Path ns = repo.resolve("namespaces");
        Files.createSymbolicLink(ns.resolve("team/dangling.yaml"), Path.of("missing.yaml"));
        Files.createSymbolicLink(ns.resolve("team/folder.yaml"), Path.of("../../shared/jobs"));
        Files.createSymbolicLink(ns.resolve("linked-namespace"), Path.of("team")); // a whole namespace folder
        Files.createSymbolicLink(ns.resolve("team/loop-a.yaml"), Path.of("loop-b.yaml"));
        Files.createSymbolicLink(ns.resolve("team/loop-b.yaml"), Path.of("loop-a.yaml"));
        Files.createSymbolicLink(ns.resolve("team/README.md"), Path.of("/nonexistent/readme")); // not config: ignored
        try (Git git = init(repo)) {
            for (Map.Entry<String, SourceTree> e : allThree(git, repo).entrySet()) {
                SourceTree tree = e.getValue();
                for (String link : List.of("team/dangling.yaml", "team/folder.yaml", "linked-namespace", "team/loop-a.yaml")) {
                    assertEquals(Code.UNREADABLE_FILE, refusal(tree, "namespaces/" + link, MAX), e.getKey() + " " + link);
                }
                List<Diagnostic> diagnostics = compile(tree);
                List<String> files = new ArrayList<>(diagnostics.stream().map(Diagnostic::file).toList());
                assertEquals(List.of("namespaces/linked-namespace", "namespaces/team/dangling.yaml", "namespaces/team/folder.yaml",
                        "namespaces/team/loop-a.yaml", "namespaces/team/loop-b.yaml"), files, e.getKey() + ": " + diagnostics);
                assertTrue(diagnostics.stream().allMatch(d -> d.code() == Code.UNREADABLE_FILE), e.getKey() + ": " + diagnostics);
                assertTrue(diagnostics.stream().filter(d -> d.file().endsWith("folder.yaml")).allMatch(d -> d.message().contains("folder")),
                        e.getKey() + ": " + diagnostics);
            }
        }
    }

    // --- size limit --------------------------------------------------------------------------

    @Test
    void aFileOverTheSizeLimitIsRefusedByEverySource() throws Exception {
        TestRepos.copyTree(BASE, repo);
        write(repo.resolve("namespaces/team/big.yaml"), "# " + "x".repeat(2 * MAX) + "\n");
        Files.createSymbolicLink(repo.resolve("namespaces/team/big-link.yaml"), Path.of("big.yaml"));
        try (Git git = init(repo)) {
            for (Map.Entry<String, SourceTree> e : allThree(git, repo).entrySet()) {
                SourceTree tree = e.getValue();
                assertEquals(Code.FILE_TOO_LARGE, refusal(tree, "namespaces/team/job.yaml", 100), e.getKey());
                assertEquals(Code.FILE_TOO_LARGE, refusal(tree, "namespaces/team/big-link.yaml", MAX), e.getKey());
                List<Diagnostic> diagnostics = compile(tree);
                assertEquals(List.of(Code.FILE_TOO_LARGE, Code.FILE_TOO_LARGE), diagnostics.stream().map(Diagnostic::code).toList(), e.getKey());
                assertTrue(diagnostics.get(0).message().contains("over the limit of 1048576 bytes"), diagnostics.get(0).message());
            }
        }
    }

    @Test
    void aMissingFileIsRefusedNotThrown() throws Exception {
        TestRepos.copyTree(BASE, repo);
        try (Git git = init(repo)) {
            for (Map.Entry<String, SourceTree> e : allThree(git, repo).entrySet()) {
                assertEquals(Code.UNREADABLE_FILE, refusal(e.getValue(), "namespaces/team/nope.yaml", MAX), e.getKey());
            }
        }
    }

    @Test
    void anUnreadableFileIsRefused() throws Exception {
        TestRepos.copyTree(BASE, repo);
        Path secret = repo.resolve("namespaces/team/secret.yaml");
        write(secret, "a: 1\n");
        assertTrue(secret.toFile().setReadable(false, false));
        try {
            if (Files.isReadable(secret)) return; // running as root: permissions do not apply
            SourceTree tree = Sources.workingTree(repo);
            assertEquals(Code.UNREADABLE_FILE, refusal(tree, "namespaces/team/secret.yaml", MAX));
            assertEquals(List.of(Code.UNREADABLE_FILE), compile(tree).stream().map(Diagnostic::code).toList());
        } finally {
            secret.toFile().setReadable(true, false);
        }
    }
}
