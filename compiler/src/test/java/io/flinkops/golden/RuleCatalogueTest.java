package io.flinkops.golden;

import io.flinkops.diag.Code;
import io.flinkops.diag.RuleCatalogue;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps the code, the catalogue text, docs/rules.md and the golden cases in step. */
class RuleCatalogueTest {

    @Test
    void everyCodeHasACompleteCatalogueEntry() {
        List<String> missing = new ArrayList<>();
        for (Code c : Code.values()) {
            for (String field : List.of("title", "checks", "why", "fix")) {
                if (c.entry(field).isBlank()) missing.add(c.id() + "." + field);
            }
        }
        assertTrue(missing.isEmpty(), "catalogue.properties lacks " + missing);
    }

    @Test
    void codesAreUnique() {
        assertEquals(Code.values().length, java.util.Arrays.stream(Code.values()).map(Code::id).distinct().count());
    }

    @Test
    void docsRulesMdMatchesTheCode() throws IOException {
        Path doc = TestRepos.projectRoot().resolve("docs/rules.md");
        String generated = RuleCatalogue.markdown();
        if (GoldenCasesTest.UPDATE) Files.writeString(doc, generated, StandardCharsets.UTF_8);
        String actual = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "";
        assertEquals(generated, actual, "docs/rules.md is out of date; regenerate it (see the comment at its top)");
    }

    @Test
    void everyCodeHasAGoldenCase() throws IOException {
        StringBuilder all = new StringBuilder();
        for (String name : GoldenCasesTest.caseNames()) {
            Path expected = GoldenCasesTest.CASES.resolve(name).resolve("expected.txt");
            if (Files.exists(expected)) all.append(Files.readString(expected, StandardCharsets.UTF_8));
        }
        // Codes of `flinkops diff` need two revisions: their cases are under diff-cases/ (DiffCasesTest).
        Path diffCases = TestRepos.projectRoot().resolve("compiler/src/test/resources/diff-cases");
        try (var dirs = Files.list(diffCases)) {
            for (Path expected : dirs.map(d -> d.resolve("expected.txt")).filter(Files::exists).sorted().toList()) {
                all.append(Files.readString(expected, StandardCharsets.UTF_8));
            }
        }
        List<String> untested = new ArrayList<>();
        for (Code c : Code.values()) {
            if (!LoaderLevelCodes.COVERED_BY_UNIT_TESTS.contains(c) && !all.toString().contains(" " + c.id() + " ")) {
                untested.add(c.id() + " " + c.slug());
            }
        }
        assertTrue(untested.isEmpty(), "codes without a golden case under compiler/src/test/resources/cases (or diff-cases): " + untested);
    }
}
