package io.flinkops.golden;

import io.flinkops.Compiler;
import io.flinkops.diag.Diagnostic;
import io.flinkops.source.Sources;
import io.flinkops.testing.TestRepos;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Golden tests: each directory under src/test/resources/cases is a config repo and the diagnostics it
 * must produce. See cases/README.md.
 */
class GoldenCasesTest {
    static final Path CASES = TestRepos.projectRoot().resolve("compiler/src/test/resources/cases");
    static final boolean UPDATE = GoldenCases.UPDATE;

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> cases() throws IOException {
        return caseNames().stream().map(name -> DynamicTest.dynamicTest(name, () -> runCase(name)));
    }

    static List<String> caseNames() throws IOException {
        try (Stream<Path> dirs = Files.list(CASES)) {
            return dirs.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("_"))
                    .sorted()
                    .toList();
        }
    }

    private void runCase(String name) throws Exception {
        Path repo = tmp.resolve(name);
        TestRepos.materialize(CASES.resolve("_base/input"), CASES.resolve(name).resolve("input"), repo);
        String workingTree = render(new Compiler().compile(Sources.workingTree(repo)).diagnostics().sorted());

        Path expectedFile = CASES.resolve(name).resolve("expected.txt");
        if (UPDATE) {
            Files.writeString(expectedFile, workingTree, StandardCharsets.UTF_8);
        }
        String expected = Files.exists(expectedFile) ? Files.readString(expectedFile, StandardCharsets.UTF_8) : "<missing expected.txt>";
        assertEquals(expected, workingTree, "diagnostics of case " + name + " (working tree)");

        // The same content through Git: --staged and --rev must give the same verdicts.
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            String staged = render(new Compiler().compile(Sources.staged(repo)).diagnostics().sorted());
            assertEquals(expected, staged, "diagnostics of case " + name + " (--staged)");
            TestRepos.commit(git, "case " + name);
            String revision = render(new Compiler().compile(Sources.revision(repo, "HEAD")).diagnostics().sorted());
            assertEquals(expected, revision, "diagnostics of case " + name + " (--rev HEAD)");
        }
    }

    static String render(List<Diagnostic> diagnostics) {
        return GoldenCases.render(diagnostics);
    }
}
