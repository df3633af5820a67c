package io.flinkops.security;

import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.diag.Diagnostic;
import io.flinkops.golden.GoldenCases;
import io.flinkops.load.Scope;
import io.flinkops.source.Sources;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attacks of docs/security.md, as regression cases: each is a change that the team owning {@code namespaces/analytics/}
 * of examples/repo could push (its files only), with the outcome expected. A case named {@code attack-*} must be refused
 * (errors, at the file and line of {@code expected.txt}, nothing rendered); a case named {@code harmless-*} must render.
 * The pre-commit check of the analytics folder alone must reach the same verdict as the full compile, since that is
 * the check a team runs on its own change.
 *
 * <p>A case folder holds {@code change/} (files laid over examples/repo; {@code <name>.delete} removes a file),
 * optionally {@code links.txt} ({@code path -> target} symbolic links to create) and {@code expected.txt} (the
 * diagnostics, as in the golden cases; regenerate with {@code -Dflinkops.updateGolden=true} and read the result).
 */
class AttackSuiteTest {
    static final Path CASES = TestRepos.projectRoot().resolve("compiler/src/test/resources/attacks");
    private static final String TEAM_FOLDER = "namespaces/analytics/";

    /** What examples/repo itself reports (warnings only). */
    private static Set<Diagnostic> base;

    @TempDir
    Path tmp;

    @BeforeAll
    static void baseFindings() throws Exception {
        base = Set.copyOf(new Compiler().compile(Sources.workingTree(TestRepos.examplesRepo())).diagnostics().sorted());
        assertTrue(base.stream().noneMatch(Diagnostic::isError), "examples/repo validates");
    }

    @TestFactory
    Stream<DynamicTest> attacks() throws IOException {
        try (Stream<Path> dirs = Files.list(CASES)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream()
                    .map(name -> DynamicTest.dynamicTest(name, () -> run(name)));
        }
    }

    @Test
    void theSuiteHasAtLeastSixtyCasesAndBothKinds() throws IOException {
        try (Stream<Path> dirs = Files.list(CASES)) {
            List<String> names = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList();
            assertTrue(names.size() >= 60, "cases: " + names.size());
            assertTrue(names.stream().allMatch(n -> n.startsWith("attack-") || n.startsWith("harmless-")), names::toString);
            assertTrue(names.stream().anyMatch(n -> n.startsWith("harmless-")));
        }
    }

    private void run(String name) throws Exception {
        Path dir = CASES.resolve(name);
        Path change = dir.resolve("change");
        try (Stream<Path> files = Files.walk(change)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String rel = change.relativize(f).toString().replace('\\', '/');
                assertTrue(rel.startsWith(TEAM_FOLDER), name + ": a case changes only the team's own folder, not " + rel);
            }
        }
        Path repo = tmp.resolve(name);
        TestRepos.materialize(TestRepos.examplesRepo(), change, repo);
        Path links = dir.resolve("links.txt");
        if (Files.exists(links)) {
            for (String line : Files.readAllLines(links, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] parts = line.split(" -> ", 2);
                assertTrue(parts[0].startsWith(TEAM_FOLDER), name + ": links only in the team's folder");
                Path link = repo.resolve(parts[0]);
                Files.createDirectories(link.getParent());
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, Path.of(parts[1]));
            }
        }

        long start = System.nanoTime();
        Compilation full = new Compiler().compile(Sources.workingTree(repo));
        long millis = (System.nanoTime() - start) / 1_000_000;
        String actual = GoldenCases.render(withoutBase(full.diagnostics().sorted()));
        Path expectedFile = dir.resolve("expected.txt");
        if (GoldenCases.UPDATE) Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
        String expected = Files.exists(expectedFile) ? Files.readString(expectedFile, StandardCharsets.UTF_8) : "<missing expected.txt>";
        assertEquals(expected, actual, name);

        boolean errors = full.diagnostics().hasErrors();
        if (name.startsWith("attack-")) {
            assertTrue(errors, name + " must be refused");
            assertFalse(full.output().isPresent(), name + ": nothing is rendered");
        } else {
            assertFalse(errors, name + " must render: " + actual);
            assertTrue(full.output().isPresent(), name);
        }
        // Generous: the bound is about unbounded work, not speed (benchmarks/run.sh measures that).
        assertTrue(millis < 5_000, name + " took " + millis + " ms");

        // What the team's own pre-commit check of its folder says: the same errors.
        Scope scope = Scope.of(new TreeSet<>(List.of("analytics")), new TreeSet<>(List.of("analytics", "payments", "platform-sql")), List.of());
        List<Diagnostic> scoped = new Compiler().check(Sources.workingTree(repo), scope).diagnostics().sorted();
        assertEquals(errorsOf(full.diagnostics().sorted()), errorsOf(scoped), name + ": the check of namespaces/analytics alone");
    }

    /** The examples' own findings (warnings about VVP's metadata in an exported file) are not the attack's. */
    private static List<Diagnostic> withoutBase(List<Diagnostic> diagnostics) {
        return diagnostics.stream().filter(d -> !base.contains(d)).toList();
    }

    private static String errorsOf(List<Diagnostic> diagnostics) {
        return GoldenCases.render(diagnostics.stream().filter(Diagnostic::isError).toList());
    }
}
