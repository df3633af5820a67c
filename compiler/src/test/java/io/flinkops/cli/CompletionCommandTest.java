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
                    + "c flinkops redeploy payments/fraud-scoring --from\n"
                    + "c flinkops validate --format j\nc flinkops diff --fail-on ''\n");
            // Run from a namespace folder: the repo is found upwards; SessionClusters are targets too (restart takes them);
            // an option's known values after it.
            assertEquals("restart\npayments/fraud-scoring\nanalytics/analytics-shared\n--format\n--from-savepoint\njson junit\npossible loss\n", out);
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

    /** Runs {@code commands} in fish with the completion script sourced, in {@code dir}. Skipped loudly without fish. */
    private static String fish(Path dir, String commands) throws Exception {
        boolean present = Files.isExecutable(Path.of("/usr/bin/fish")) || Files.isExecutable(Path.of("/usr/local/bin/fish"))
                || Files.isExecutable(Path.of("/opt/homebrew/bin/fish"));
        if (!present) System.err.println("SKIPPED: CompletionCommandTest.fish... needs fish (apt-get install fish); the script is still checked for every command and option");
        Assumptions.assumeTrue(present, "SKIPPED: no fish on this machine to run the completion script in");
        Path script = Files.createTempFile("flinkops-completion", ".fish");
        try {
            Files.writeString(script, CliRun.of("completion", "fish").out());
            Process p = new ProcessBuilder("fish", "--no-config", "-c", "source " + script + "; " + commands)
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "fish finished");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), out);
            return out;
        } finally {
            Files.deleteIfExists(script);
        }
    }

    @Test
    void fishCompletesCommandsOptionsTheirValuesTargetsAndFolders() throws Exception {
        String out = fish(TestRepos.examplesRepo().resolve("namespaces/payments"), String.join("; echo '|'; ",
                "complete -C 'flinkops res'", "complete -C 'flinkops restart payments/fr'", "complete -C 'flinkops validate --fo'",
                "complete -C 'flinkops validate --format j'", "complete -C 'flinkops help'", "complete -C 'flinkops validate deploy'"));
        String[] parts = out.split("\\|\n", -1);
        // (fish shortens descriptions to its terminal's width)
        assertTrue(parts[0].startsWith("restart\tRestart a deployment or a session cluster once"), parts[0]);
        assertEquals("payments/fraud-scoring\n", parts[1]);
        assertTrue(parts[2].startsWith("--format"), parts[2]);
        assertEquals("json\njunit\n", parts[3]);
        assertTrue(parts[4].startsWith("help\tDisplay help information about the specified command."), parts[4]);
        assertEquals("deployments/\tDirectory\n", parts[5]);
    }
}
