package io.flinkops.cel;

import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.diag.Diagnostic;
import io.flinkops.source.Sources;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example policies of docs/policies.md: the doc shows examples/policies.yaml as it is, and every policy in it
 * compiles, passes its own tests, and evaluates on every resource of examples/repo without a problem.
 */
class PolicyExamplesTest {
    static final Path EXAMPLES = TestRepos.projectRoot().resolve("examples/policies.yaml");

    /** examples/repo with the example policies under flinkops.yaml's spec, in {@code dir}. */
    static Path examplesRepoWithPolicies(Path dir) throws Exception {
        Path repo = dir.resolve("repo");
        TestRepos.copyTree(TestRepos.examplesRepo(), repo);
        String policies = Files.readString(EXAMPLES);
        String block = policies.substring(policies.indexOf("\npolicies:") + 1).indent(2);
        Files.writeString(repo.resolve("flinkops.yaml"), Files.readString(repo.resolve("flinkops.yaml")) + "\n" + block);
        return repo;
    }

    @Test
    void theDocShowsTheExampleFileAsItIs() throws Exception {
        String doc = Files.readString(TestRepos.projectRoot().resolve("docs/policies.md"));
        String file = Files.readString(EXAMPLES);
        assertTrue(doc.contains("```yaml\n" + file + "```\n"), "docs/policies.md ends with examples/policies.yaml in a yaml block");
    }

    @Test
    void everyExampleCompilesAndEvaluatesOnExamplesRepo(@TempDir Path dir) throws Exception {
        Compilation c = new Compiler().compile(Sources.workingTree(examplesRepoWithPolicies(dir)));
        List<PolicyDeclaration> policies = PolicyDeclaration.of(c.plan().resolved().repository());
        assertEquals(10, policies.size(), "ten example policies");
        List<String> problems = c.diagnostics().sorted().stream()
                .filter(d -> d.code().id().startsWith("FO95") || d.severity() == io.flinkops.diag.Severity.ERROR)
                .map(Diagnostic::toString).toList();
        assertEquals(List.of(), problems, "examples/repo follows the example policies");
        assertTrue(c.output().isPresent(), "and renders");
    }

    @Test
    void everyExamplePassesItsOwnTests(@TempDir Path dir) throws Exception {
        Compilation c = new Compiler().compile(Sources.workingTree(examplesRepoWithPolicies(dir)));
        List<PolicyTests.Result> results = PolicyTests.run(PolicyDeclaration.of(c.plan().resolved().repository()));
        assertTrue(results.size() >= 20, results.toString());
        assertEquals(List.of(), results.stream().filter(r -> !r.ok()).toList());
        for (PolicyDeclaration p : PolicyDeclaration.of(c.plan().resolved().repository())) {
            assertTrue(p.tests().stream().anyMatch(t -> t.text("expect").orElse("").equals("fail")), p.name() + " has a failing case");
        }
    }
}
