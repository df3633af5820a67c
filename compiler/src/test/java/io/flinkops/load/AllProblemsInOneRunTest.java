package io.flinkops.load;

import io.flinkops.Compiler;
import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostic;
import io.flinkops.source.SourceTree;
import io.flinkops.source.Sources;
import io.flinkops.testing.TestRepos;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A repo in which every file is broken in a different way: one run reports every problem, each once, in
 * the right file (no stage stops at the first broken file).
 */
class AllProblemsInOneRunTest {
    static final Path BASE = TestRepos.projectRoot().resolve("compiler/src/test/resources/cases/_base/input");

    @TempDir
    Path tmp;

    private static final String JOB = """
            apiVersion: v1
            kind: Deployment
            metadata:
              name: %s
            spec:
              deploymentTargetName: prod
              template:
                spec:
                  artifact:
                    kind: JAR
                    jarUri: s3://artifacts/job-1.0.jar
                    entryClass: com.example.Job
                    flinkImageRegistry: docker.io
                    flinkImageRepository: flink
                    flinkImageTag: 1.20.3-scala_2.12-java17
            """;

    private static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    /** file → the one code expected for it; every file has exactly one problem. */
    private static final List<String> EXPECTED = List.of(
            "job.yaml FO013",                                 // a Deployment outside the layout
            "namespaces/stray.yaml FO017",
            "namespaces/team/a-syntax.yaml FO001",
            "namespaces/team/b-duplicate-key.yaml FO002",
            "namespaces/team/c-alias.yaml FO003",
            "namespaces/team/d-big.yaml FO004",
            "namespaces/team/e-deep.yaml FO005",
            "namespaces/team/f-latin1.yaml FO006",
            "namespaces/team/g-binary.yaml FO007",
            "namespaces/team/h-escape.yaml FO008",
            "namespaces/team/i-dangling.yaml FO009",
            "namespaces/team/j-list.yaml FO010",
            "namespaces/team/k-no-kind.yaml FO011",
            "namespaces/team/l-unknown-kind.yaml FO012",
            "namespaces/team/m-repository.yaml FO013",
            "namespaces/team/n-other-namespace.yaml FO014",
            "namespaces/team/o-duplicate-name.yaml FO016",
            "namespaces/team/p-unknown-field.yaml FO101",
            "namespaces/team/q-missing-field.yaml FO102",
            "namespaces/team/r-wrong-type.yaml FO103",
            "namespaces/team/s-bad-value.yaml FO104",
            "namespaces/team/t-constraint.yaml FO105",
            "namespaces/team/u-exported.yaml FO106");

    @Test
    void everyProblemIsReportedInOneRun() throws Exception {
        Path repo = tmp.resolve("repo");
        TestRepos.copyTree(BASE, repo);
        Path team = repo.resolve("namespaces/team");
        write(repo.resolve("job.yaml"), JOB.formatted("at-root"));
        write(repo.resolve("namespaces/stray.yaml"), JOB.formatted("stray"));
        write(team.resolve("a-syntax.yaml"), JOB.formatted("a").replace("  template:", "   template:"));
        write(team.resolve("b-duplicate-key.yaml"), JOB.formatted("b").replace("    kind: JAR", "    kind: JAR\n        kind: JAR"));
        write(team.resolve("c-alias.yaml"), JOB.formatted("c").replace("jarUri: s3://artifacts/job-1.0.jar", "jarUri: *jar"));
        write(team.resolve("d-big.yaml"), "# " + "x".repeat(1024 * 1024) + "\n");
        write(team.resolve("e-deep.yaml"), JOB.formatted("e") + "      flinkConfiguration: " + "{a: ".repeat(70) + "1" + "}".repeat(70) + "\n");
        write(team.resolve("f-latin1.yaml"), JOB.formatted("f").replace("com.example.Job", "com.example.Caf\u00e9").getBytes(StandardCharsets.ISO_8859_1));
        write(team.resolve("g-binary.yaml"), JOB.formatted("g") + "\u0000");
        Files.createSymbolicLink(team.resolve("h-escape.yaml"), Path.of("/etc/hostname"));
        Files.createSymbolicLink(team.resolve("i-dangling.yaml"), Path.of("nowhere.yaml"));
        write(team.resolve("j-list.yaml"), "- a\n- b\n");
        write(team.resolve("k-no-kind.yaml"), JOB.formatted("k").replace("kind: Deployment\n", ""));
        write(team.resolve("l-unknown-kind.yaml"), JOB.formatted("l").replace("kind: Deployment", "kind: Deploy"));
        write(team.resolve("m-repository.yaml"), "apiVersion: v1\nkind: Repository\nmetadata:\n  name: m\nspec: {}\n");
        write(team.resolve("n-other-namespace.yaml"), JOB.formatted("n").replace("  name: n", "  name: n\n  namespace: elsewhere"));
        write(team.resolve("o-duplicate-name.yaml"), JOB.formatted("job"));
        write(team.resolve("p-unknown-field.yaml"), JOB.formatted("p").replace("    kind: JAR", "    kind: JAR\n        jarUrl: x"));
        write(team.resolve("q-missing-field.yaml"), JOB.formatted("q").replace("apiVersion: v1\n", ""));
        write(team.resolve("r-wrong-type.yaml"), JOB.formatted("r").replace("    kind: JAR", "    kind: JAR\n        flinkVersion: 1.20"));
        write(team.resolve("s-bad-value.yaml"), JOB.formatted("s").replace("kind: JAR", "kind: JAVA"));
        write(team.resolve("t-constraint.yaml"), JOB.formatted("t").replace("entryClass: com.example.Job", "entryClass: \"\""));
        write(team.resolve("u-exported.yaml"), JOB.formatted("u").replace("  name: u", "  name: u\n  resourceVersion: 3"));

        check(Sources.workingTree(repo), "working tree");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            check(Sources.staged(repo), "staged");
            TestRepos.commit(git, "broken everywhere");
            check(Sources.revision(repo, "HEAD"), "revision");
        }
    }

    private static void check(SourceTree tree, String label) {
        List<Diagnostic> diagnostics = new Compiler().compile(tree).diagnostics().sorted();
        List<String> actual = diagnostics.stream().map(d -> d.file() + " " + d.code().id()).toList();
        assertEquals(EXPECTED, actual, label + ": " + diagnostics);
        assertEquals(EXPECTED.size(), diagnostics.size());
        assertEquals(EXPECTED.size() - 2, diagnostics.stream().filter(Diagnostic::isError).count(), "all errors except FO017 and FO106");
        assertEquals(List.of(Code.STRAY_FILE, Code.SYSTEM_OWNED_FIELD),
                diagnostics.stream().filter(d -> !d.isError()).map(Diagnostic::code).toList());
    }
}
