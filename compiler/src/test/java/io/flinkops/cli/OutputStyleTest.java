package io.flinkops.cli;

import io.flinkops.diag.render.Palette;
import io.flinkops.testing.CliRun;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Colour, --quiet and the one-line-per-problem format of `flinkops validate`. */
class OutputStyleTest {
    static final String ESC = "\u001b[";

    @Test
    void colourOnlyOnATerminalAndNeverWithNoColor() {
        assertEquals(Palette.ANSI, TerminalOptions.choose(TerminalOptions.ColorMode.auto, Map.of("TERM", "xterm-256color"), true));
        assertEquals(Palette.NONE, TerminalOptions.choose(TerminalOptions.ColorMode.auto, Map.of(), false), "a pipe or a file");
        assertEquals(Palette.NONE, TerminalOptions.choose(TerminalOptions.ColorMode.auto, Map.of("NO_COLOR", "1"), true));
        assertEquals(Palette.ANSI, TerminalOptions.choose(TerminalOptions.ColorMode.auto, Map.of("NO_COLOR", ""), true),
                "no-color.org: only a non-empty NO_COLOR counts");
        assertEquals(Palette.NONE, TerminalOptions.choose(TerminalOptions.ColorMode.auto, Map.of("TERM", "dumb"), true));
        assertEquals(Palette.ANSI, TerminalOptions.choose(TerminalOptions.ColorMode.always, Map.of("NO_COLOR", "1"), false));
        assertEquals(Palette.NONE, TerminalOptions.choose(TerminalOptions.ColorMode.never, Map.of(), true));
    }

    @Test
    void colouredTextHasTheSameWordsAsPlainText() {
        String repo = ValidateCommandTest.BROKEN.toString();
        CliRun plain = CliRun.of("validate", repo);
        CliRun coloured = CliRun.of("validate", repo, "--color=always");
        assertFalse(plain.out().contains(ESC), "tests run without a terminal: no colour by default");
        assertTrue(coloured.out().contains(ESC + "1;31merror["), coloured.out());
        assertEquals(plain.out(), coloured.out().replaceAll("\u001b\\[[0-9;]*m", ""));
        assertEquals(plain.exitCode(), coloured.exitCode());
        // Machine formats are never coloured.
        assertFalse(CliRun.of("validate", repo, "--color=always", "--format", "json").out().contains(ESC));
    }

    @Test
    void quietShowsErrorsOnlyAndNothingWhenThereIsNone() {
        CliRun clean = CliRun.of("validate", TestRepos.examplesRepo().toString(), "--quiet");
        assertEquals(ExitCode.OK, clean.exitCode());
        assertEquals("", clean.out(), "examples/repo has warnings only");
        CliRun broken = CliRun.of("validate", ValidateCommandTest.BROKEN.toString(), "-q");
        assertEquals(ExitCode.CONFIG_ERRORS, broken.exitCode());
        assertFalse(broken.out().contains("warning["), broken.out());
        assertTrue(broken.out().contains("error["), broken.out());
    }

    @Test
    void shortFormatIsOneLinePerProblem() {
        CliRun run = CliRun.of("validate", ValidateCommandTest.BROKEN.toString(), "--format", "short");
        assertEquals(ExitCode.CONFIG_ERRORS, run.exitCode());
        String[] lines = run.out().split("\n");
        for (int i = 0; i < lines.length - 1; i++) {
            assertTrue(lines[i].matches("[^:]+(:\\d+:\\d+)?: (error|warning)\\[FO\\d{3}\\]: .+"), lines[i]);
        }
        assertTrue(lines[lines.length - 1].matches("\\d+ errors?, \\d+ warnings?\\."), lines[lines.length - 1]);
    }

    @Test
    void explainColoursTheSourcesOnATerminalOnly() {
        String repo = io.flinkops.testing.TestRepos.projectRoot().resolve("examples/repo").toString();
        CliRun plain = CliRun.of("explain", "payments/chargeback-reconciler", repo);
        CliRun coloured = CliRun.of("explain", "payments/chargeback-reconciler", repo, "--color=always");
        assertEquals(0, coloured.exitCode(), coloured.err());
        assertFalse(plain.out().contains(ESC), plain.out());
        assertTrue(coloured.out().contains(ESC + "1;34m# namespaces/payments/deployments/chargeback-reconciler.yaml:"), coloured.out());
        assertEquals(plain.out(), coloured.out().replaceAll("\u001b\\[[0-9;]*m", ""));
        assertFalse(CliRun.of("explain", "payments/chargeback-reconciler", repo, "--color=always", "--format", "json").out().contains(ESC));
    }
}
