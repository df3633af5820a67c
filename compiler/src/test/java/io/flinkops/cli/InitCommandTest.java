package io.flinkops.cli;

import io.flinkops.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitCommandTest {
    @TempDir
    Path tmp;

    @Test
    void scaffoldValidatesWithoutProblems() {
        Path repo = tmp.resolve("new-repo");
        CliRun init = CliRun.of("init", repo.toString());
        assertEquals(ExitCode.OK, init.exitCode(), init.err());
        assertTrue(Files.exists(repo.resolve("flinkops.yaml")));
        CliRun validate = CliRun.of("validate", repo.toString());
        assertEquals(ExitCode.OK, validate.exitCode(), validate.out());
        assertEquals("No problems found.\n", validate.out());
    }

    @Test
    void refusesToOverwrite() throws Exception {
        Files.writeString(tmp.resolve("flinkops.yaml"), "mine");
        CliRun init = CliRun.of("init", tmp.toString());
        assertEquals(ExitCode.USAGE, init.exitCode());
        assertTrue(init.err().contains("refusing to overwrite flinkops.yaml"), init.err());
        assertEquals("mine", Files.readString(tmp.resolve("flinkops.yaml")));
    }

    @Test
    void writesWhatARepoNeedsNextToTheYamlAsTheDocsShowIt() throws Exception {
        Path repo = tmp.resolve("new");
        assertEquals(ExitCode.OK, CliRun.of("init", repo.toString()).exitCode());
        Path root = io.flinkops.testing.TestRepos.projectRoot();
        // The GitHub workflow and the editor settings are the docs' blocks, byte for byte.
        assertEquals(block(root.resolve("docs/ci.md"), "`.github/workflows/flinkops.yaml`:", "```yaml"),
                Files.readString(repo.resolve(".github/workflows/flinkops.yaml")));
        assertEquals(block(root.resolve("docs/editor-setup.md"), "Relative schema paths are resolved against the workspace folder:", "```json"),
                Files.readString(repo.resolve(".vscode/settings.json")));
        // The schemas the settings point at are this version's.
        for (String schema : io.flinkops.schema.SchemaFiles.ALL) {
            assertEquals(Files.readString(root.resolve("schemas").resolve(schema)), Files.readString(repo.resolve(".flinkops/schemas").resolve(schema)), schema);
        }
        try (var listed = Files.list(root.resolve("schemas"))) {
            assertEquals(io.flinkops.schema.SchemaFiles.ALL.size(), listed.count(), "every shipped schema is written");
        }
        String hook = Files.readString(repo.resolve(".pre-commit-config.yaml"));
        assertTrue(hook.contains("- repo: https://github.com/flinkops/flinkops") && hook.contains("- id: flinkops-validate"), hook);
        assertTrue(Files.readString(repo.resolve(".gitignore")).contains("/out/"));
        // Still a repo without a single finding.
        assertEquals("No problems found.\n", CliRun.of("validate", repo.toString()).out());
    }

    /** The fenced block of kind {@code fence} that first follows the line {@code after} in a Markdown file. */
    private static String block(Path markdown, String after, String fence) throws Exception {
        java.util.List<String> lines = Files.readAllLines(markdown);
        int i = lines.indexOf(after);
        assertTrue(i >= 0, after + " in " + markdown);
        while (!lines.get(i).equals(fence)) i++;
        StringBuilder sb = new StringBuilder();
        for (i++; !lines.get(i).equals("```"); i++) sb.append(lines.get(i)).append('\n');
        return sb.toString();
    }
}
