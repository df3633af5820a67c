package io.flinkops.golden;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.flinkops.Compiler;
import io.flinkops.diag.Diagnostic;
import io.flinkops.source.Sources;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * examples/repo validates cleanly, and a copy with one planted problem per rule reports every planted
 * problem at the right file and line, and nothing else (see planted/mutations.yaml).
 */
class ExamplesPlantedProblemsTest {
    static final Path MUTATIONS = TestRepos.projectRoot().resolve("compiler/src/test/resources/planted/mutations.yaml");

    record Mutation(String rule, String file, String find, String replace, String expect, String at) {
        String marker() {
            return at != null ? at : replace.lines().findFirst().orElse(replace);
        }
    }

    @TempDir
    Path tmp;

    @Test
    void examplesRepoHasNoErrors() throws Exception {
        List<Diagnostic> diagnostics = new Compiler().compile(Sources.workingTree(TestRepos.examplesRepo())).diagnostics().sorted();
        List<Diagnostic> errors = diagnostics.stream().filter(Diagnostic::isError).toList();
        assertTrue(errors.isEmpty(), "examples/repo must validate: " + GoldenCasesTest.render(errors));
        // The only warnings are the VVP system-owned fields of the exported deployment.
        assertTrue(diagnostics.stream().allMatch(d -> d.code().id().equals("FO106")), GoldenCasesTest.render(diagnostics));
    }

    @Test
    void everyPlantedProblemIsReportedWhereItWasPlanted() throws Exception {
        List<Mutation> mutations = List.of(new ObjectMapper(new YAMLFactory()).readValue(MUTATIONS.toFile(), Mutation[].class));
        Path repo = tmp.resolve("repo");
        TestRepos.copyTree(TestRepos.examplesRepo(), repo);
        List<String> expected = new ArrayList<>();
        for (Mutation m : mutations) {
            Path file = repo.resolve(m.file());
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int at = text.indexOf(m.find());
            assertTrue(at >= 0 && text.indexOf(m.find(), at + 1) < 0, m.rule() + ": `" + m.find() + "` must occur once in " + m.file());
            String mutated = text.replace(m.find(), m.replace());
            Files.writeString(file, mutated, StandardCharsets.UTF_8);
        }
        for (Mutation m : mutations) {
            List<String> lines = Files.readAllLines(repo.resolve(m.file()), StandardCharsets.UTF_8);
            int line = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(m.marker())) {
                    line = i + 1;
                    break;
                }
            }
            assertTrue(line > 0, m.rule() + ": marker `" + m.marker() + "` not found in " + m.file());
            expected.add(m.file() + ":" + line + " " + m.expect());
        }

        List<Diagnostic> errors = new Compiler().compile(Sources.workingTree(repo)).diagnostics().sorted()
                .stream().filter(Diagnostic::isError).toList();
        List<String> reported = errors.stream().map(d -> d.file() + ":" + d.line() + " " + d.code().id()).sorted().toList();
        assertEquals(expected.stream().sorted().toList(), reported,
                "planted problems vs reported errors; full report:\n" + GoldenCasesTest.render(errors));
    }
}
