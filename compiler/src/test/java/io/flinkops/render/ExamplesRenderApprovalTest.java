package io.flinkops.render;

import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.emit.ManifestWriter;
import io.flinkops.source.Sources;
import io.flinkops.testing.TestRepos;
import org.approvaltests.Approvals;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The full rendered output of examples/repo, approved as one document, rendered from a commit of a fresh Git
 * repository and from its working tree (the same bytes: the output does not depend on the commit).
 */
class ExamplesRenderApprovalTest {
    @TempDir
    Path tmp;

    @Test
    void renderedOutputOfTheExamples() throws Exception {
        Path repo = tmp.resolve("repo");
        TestRepos.copyTree(TestRepos.examplesRepo(), repo);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            TestRepos.commit(git, "examples");
        }
        Compilation compilation = new Compiler().compile(Sources.revision(repo, "HEAD"));
        assertTrue(compilation.output().isPresent(), "examples/repo must render");
        SortedMap<String, String> files = ManifestWriter.files(compilation.output().get());

        // Rendering again, and from the working tree, gives the same bytes.
        assertEquals(files, ManifestWriter.files(new Compiler().compile(Sources.revision(repo, "HEAD")).output().orElseThrow()));
        assertEquals(files, ManifestWriter.files(new Compiler().compile(Sources.workingTree(repo)).output().orElseThrow()));

        StringBuilder snapshot = new StringBuilder();
        for (Map.Entry<String, String> f : files.entrySet()) {
            snapshot.append("=== ").append(f.getKey()).append(" ===\n").append(f.getValue());
            if (!f.getValue().endsWith("\n")) snapshot.append('\n');
        }
        Approvals.verify(snapshot.toString());
    }
}
