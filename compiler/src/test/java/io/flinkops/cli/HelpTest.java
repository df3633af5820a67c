package io.flinkops.cli;

import io.flinkops.testing.CliRun;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `flinkops <command> --help` and `-h` work on every command, and say what the command does and takes. */
class HelpTest {

    private static Set<String> commands() {
        return Main.commandLine().getSubcommands().keySet();
    }

    @Test
    void everyCommandHasHelpAndShortHelp() {
        assertTrue(commands().size() >= 8, commands().toString());
        for (String command : commands()) {
            if (command.equals("help")) continue;
            for (String flag : new String[]{"--help", "-h"}) {
                CliRun run = CliRun.of(command, flag);
                assertEquals(ExitCode.OK, run.exitCode(), command + " " + flag + ": " + run.err());
                assertTrue(run.out().startsWith("Usage: flinkops " + command), command + " " + flag + ":\n" + run.out());
                assertTrue(run.out().contains("-h, --help"), command + " " + flag + " lists the help option:\n" + run.out());
                assertEquals("", run.err(), command + " " + flag);
            }
        }
    }

    @Test
    void helpWinsOverMissingArguments() {
        // `redeploy` requires --from-savepoint and a target; asking for help must not fail on them.
        CliRun run = CliRun.of("explain", "--help");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertFalse(run.out().contains("Missing required"), run.out());
    }

    @Test
    void helpCommandAndTopLevelHelpListEveryCommand() {
        CliRun top = CliRun.of("--help");
        assertEquals(ExitCode.OK, top.exitCode());
        for (String command : commands()) assertTrue(top.out().contains("  " + command), command + " in:\n" + top.out());
        CliRun viaHelp = CliRun.of("help", "validate");
        assertEquals(ExitCode.OK, viaHelp.exitCode());
        assertTrue(viaHelp.out().startsWith("Usage: flinkops validate"), viaHelp.out());
    }

    @Test
    void anUnknownOptionPointsAtTheCommandsOwnHelp() {
        CliRun run = CliRun.of("validate", "--nope");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("Try `flinkops validate --help`."), run.err());
        StringWriter sink = new StringWriter();
        // The hint must lead somewhere that works: the command it names accepts --help.
        assertEquals(ExitCode.OK, Main.run(new String[]{"validate", "--help"}, new PrintWriter(sink), new PrintWriter(sink)));
    }

    @Test
    void theCommandTableNamesEachCommandAsItsOwnAnnotationDoes() {
        // A run builds only the command it names, so a table entry under another name would make it unreachable.
        for (String name : Main.COMMANDS) {
            CommandLine.Command annotation = Main.command(name).getClass().getAnnotation(CommandLine.Command.class);
            assertEquals(name, annotation.name());
        }
    }

    @Test
    void aRunBuildsOnlyTheCommandItRunsExceptWhereEveryCommandIsNeeded() {
        assertEquals(Set.of("validate"), Main.commandLine(new String[]{"validate", "--format", "json", "repo"}).getSubcommands().keySet());
        assertEquals(commands(), Main.commandLine(new String[]{"completion", "bash"}).getSubcommands().keySet());
        assertEquals(commands(), Main.commandLine(new String[]{"help", "validate"}).getSubcommands().keySet());
        assertEquals(commands(), Main.commandLine(new String[]{"--help"}).getSubcommands().keySet());
        assertEquals(Set.of(), Main.commandLine(new String[]{"--version"}).getSubcommands().keySet());
        CliRun none = CliRun.of();
        assertEquals(ExitCode.USAGE, none.exitCode());
        assertTrue(none.err().contains("Missing command"), none.err());
        // A mistyped command still gets picocli's suggestion, which needs every name.
        CliRun typo = CliRun.of("validat", "repo");
        assertEquals(ExitCode.USAGE, typo.exitCode());
        assertTrue(typo.err().contains("Did you mean: validate"), typo.err());
    }
}
