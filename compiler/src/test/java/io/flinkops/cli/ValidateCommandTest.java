package io.flinkops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkops.testing.CliRun;
import io.flinkops.testing.TestRepos;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidateCommandTest {
    static final Path BROKEN = TestRepos.projectRoot().resolve("compiler/src/test/resources/fixtures/broken-repo");

    @TempDir
    Path tmp;

    @Test
    void textFormatQuotesTheSourceLineWithACaret() {
        CliRun run = CliRun.of("validate", BROKEN.toString());
        assertEquals(ExitCode.CONFIG_ERRORS, run.exitCode(), run.err());
        assertFalse(run.showsStackTrace());
        Approvals.verify(run.out());
    }

    @Test
    void sarifFormat() {
        CliRun run = CliRun.of("validate", BROKEN.toString(), "--format", "sarif");
        assertEquals(ExitCode.CONFIG_ERRORS, run.exitCode(), run.err());
        Approvals.verify(run.out().replace(Version.get(), "<version>"), new Options().forFile().withExtension(".sarif.json"));
    }

    @Test
    void githubFormat() {
        CliRun run = CliRun.of("validate", BROKEN.toString(), "--format", "github");
        assertEquals(ExitCode.CONFIG_ERRORS, run.exitCode(), run.err());
        Approvals.verify(run.out());
    }

    @Test
    void jsonFormatIsTheProductContract() throws Exception {
        CliRun run = CliRun.of("validate", BROKEN.toString(), "--format", "json");
        assertEquals(ExitCode.CONFIG_ERRORS, run.exitCode(), run.err());
        JsonNode root = new ObjectMapper().readTree(run.out());
        JsonNode diagnostics = root.get("diagnostics");
        assertTrue(diagnostics.size() >= 4, run.out());
        for (JsonNode d : diagnostics) {
            for (String field : new String[] {"severity", "code", "file", "line", "column", "path", "message"}) {
                assertTrue(d.has(field), "diagnostic lacks " + field + ": " + d);
            }
            assertFalse(d.get("file").asText().startsWith("/"), "file must be relative to the repo root: " + d);
        }
        assertEquals(root.get("summary").get("errors").asInt(), (int) java.util.stream.StreamSupport.stream(diagnostics.spliterator(), false)
                .filter(d -> d.get("severity").asText().equals("error")).count());
        Approvals.verify(run.out(), new Options().forFile().withExtension(".json"));
    }

    @Test
    void aMissingDirectoryIsAUsageError() {
        CliRun run = CliRun.of("validate", tmp.resolve("nope").toString());
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("is not a directory"), run.err());
        assertFalse(run.showsStackTrace());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        CliRun run = CliRun.of("validate", "--frobnicate");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertFalse(run.showsStackTrace());
    }

    @Test
    void revAndStagedTogetherIsAUsageError() {
        CliRun run = CliRun.of("validate", BROKEN.toString(), "--rev", "HEAD", "--staged");
        assertEquals(ExitCode.USAGE, run.exitCode());
    }

    @Test
    void revOutsideGitIsAUsageError() throws Exception {
        Path repo = tmp.resolve("plain");
        TestRepos.copyTree(BROKEN, repo);
        CliRun run = CliRun.of("validate", repo.toString(), "--rev", "HEAD");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("needs a Git repository"), run.err());
    }

    @Test
    void anUnknownRevisionIsAUsageError() throws Exception {
        Path repo = tmp.resolve("git");
        TestRepos.copyTree(BROKEN, repo);
        try (var git = org.eclipse.jgit.api.Git.init().setDirectory(repo.toFile()).call()) {
            git.add().addFilepattern(".").call();
            TestRepos.commit(git, "init");
        }
        CliRun run = CliRun.of("validate", repo.toString(), "--rev", "no-such-branch");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("unknown revision `no-such-branch`"), run.err());
    }

    @Test
    void hostileFilesNeverProduceAStackTrace() throws Exception {
        Path repo = tmp.resolve("hostile");
        TestRepos.copyTree(BROKEN, repo);
        Path ns = repo.resolve("namespaces/team");
        Files.write(ns.resolve("random.yaml"), new java.util.Random(42).ints(4096, 1, 256).collect(
                java.io.ByteArrayOutputStream::new, (o, i) -> o.write(i), (a, b) -> a.write(b.toByteArray(), 0, b.size())).toByteArray());
        Files.writeString(ns.resolve("deep.yaml"), "a: ".repeat(1) + "[".repeat(5000) + "]".repeat(5000));
        Files.writeString(ns.resolve("tabs.yaml"), "kind: Deployment\n\tmetadata: {}\n");
        Files.writeString(ns.resolve("weird.yaml"), "? [complex, key]\n: value\n---\n!!binary aGVsbG8=\n---\n&a [*a]\n");
        Files.writeString(ns.resolve("empty.yaml"), "");
        Files.writeString(ns.resolve("numbers.yaml"), "kind: Deployment\nmetadata: {name: x}\nspec: {template: {spec: {parallelism: 99999999999999999999999}}}\n");
        for (String format : new String[] {"text", "json", "sarif", "github"}) {
            CliRun run = CliRun.of("validate", repo.toString(), "--format", format);
            assertEquals(ExitCode.CONFIG_ERRORS, run.exitCode(), run.out() + run.err());
            assertFalse(run.showsStackTrace(), run.out() + run.err());
        }
    }
}
