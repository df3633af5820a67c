package io.flinkops.cli;

import io.flinkops.testing.CliRun;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `flinkops completion bash|zsh|fish`: every command and option, and NAMESPACE/NAME from the repo's files. */
class CompletionCommandTest {

    /** Runs {@code script} in bash in {@code dir}; its output. Skipped (said so) without bash. */
    private static String bash(Path dir, String script) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")),
                "SKIPPED: no bash on this machine to run the completion script in");
        Process p = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bash finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void bashCompletesCommandsOptionsAndTargetsFromTheRepo() throws Exception {
        CliRun run = CliRun.of("completion", "bash");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        Path script = Files.createTempFile("flinkops-completion", ".bash");
        Files.writeString(script, run.out());
        try {
            bash(TestRepos.projectRoot(), "bash -n " + script);
            String out = bash(TestRepos.examplesRepo().resolve("namespaces/payments"), "source " + script + "\n"
                    + "c() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); _flinkops; echo \"${COMPREPLY[*]}\"; }\n"
                    + "c flinkops res\nc flinkops restart payments/fr\nc flinkops savepoint analytics/analytics-sh\nc flinkops validate --fo\n"
                    + "c flinkops redeploy payments/fraud-scoring --from\n");
            // Run from a namespace folder: the repo is found upwards; SessionClusters are targets too (restart takes them).
            assertEquals("restart\npayments/fraud-scoring\nanalytics/analytics-shared\n--format\n--from-savepoint\n", out);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    @Test
    void everyCommandAndOptionIsInEveryShellsScript() {
        var commands = CompletionCommand.commands(Main.commandLine().getCommandSpec());
        for (String shell : new String[]{"bash", "zsh", "fish"}) {
            String script = CliRun.of("completion", shell).out();
            for (var c : commands.entrySet()) {
                assertTrue(script.contains(c.getKey()), shell + ": " + c.getKey());
                for (var o : c.getValue().options()) {
                    if (o.hidden()) continue;
                    String longName = o.longestName();
                    assertTrue(script.contains(shell.equals("fish") ? "-l " + longName.substring(2) : longName), shell + ": " + c.getKey() + " " + longName);
                }
            }
        }
        assertTrue(CliRun.of("completion", "zsh").out().startsWith("#compdef flinkops\nautoload -U +X bashcompinit && bashcompinit\n"));
        assertEquals(ExitCode.USAGE, CliRun.of("completion", "powershell").exitCode());
    }
}
