package io.flinkops.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link ShellWords}: POSIX quoting without expansion; where a shell can parse the same text, it agrees with one. */
class ShellWordsTest {

    private static List<String> split(String text) throws ShellWords.SyntaxException {
        return ShellWords.split(text);
    }

    @Test
    void blanksSeparateWords() throws Exception {
        assertEquals(List.of("--input", "orders", "--parallel", "4"), split("--input orders --parallel 4"));
        assertEquals(List.of("a", "b", "c"), split("  a\tb \n c  "));
        assertEquals(List.of(), split(""));
        assertEquals(List.of(), split("   \n\t "));
        assertEquals(List.of(), split(null));
    }

    @Test
    void singleQuotesKeepEverything() throws Exception {
        assertEquals(List.of("a b", "c"), split("'a b' c"));
        assertEquals(List.of("$HOME \\n \"x\" `id`"), split("'$HOME \\n \"x\" `id`'"));
        assertEquals(List.of("line1\nline2"), split("'line1\nline2'"));
    }

    @Test
    void doubleQuotesEscapeOnlyTheSpecialCharacters() throws Exception {
        assertEquals(List.of("a b"), split("\"a b\""));
        assertEquals(List.of("say \"hi\""), split("\"say \\\"hi\\\"\""));
        assertEquals(List.of("$x `y` \\ z"), split("\"\\$x \\`y\\` \\\\ z\""));
        // A backslash before any other character stays, as in POSIX.
        assertEquals(List.of("a\\nb", "c\\'d"), split("\"a\\nb\" \"c\\'d\""));
        // Backslash-newline inside double quotes is removed.
        assertEquals(List.of("ab"), split("\"a\\\nb\""));
    }

    @Test
    void backslashOutsideQuotesEscapesAnyCharacter() throws Exception {
        assertEquals(List.of("a b"), split("a\\ b"));
        assertEquals(List.of("it's"), split("it\\'s"));
        assertEquals(List.of("\"quoted\""), split("\\\"quoted\\\""));
        assertEquals(List.of("a\\b"), split("a\\\\b"));
        assertEquals(List.of("n"), split("\\n"));
        // Line continuation.
        assertEquals(List.of("--a", "1", "--b", "2"), split("--a 1 \\\n--b 2"));
        assertEquals(List.of("ab"), split("a\\\nb"));
    }

    @Test
    void adjacentPartsFormOneWord() throws Exception {
        assertEquals(List.of("--name=hello world"), split("--name='hello world'"));
        assertEquals(List.of("abcdef"), split("ab'cd'\"ef\""));
        assertEquals(List.of("--sql=SELECT * FROM t WHERE x = 'y'"), split("--sql=\"SELECT * FROM t WHERE x = 'y'\""));
    }

    @Test
    void emptyQuotesAreEmptyWords() throws Exception {
        assertEquals(List.of("--suffix", "", "--x"), split("--suffix '' --x"));
        assertEquals(List.of(""), split("\"\""));
        assertEquals(List.of("a", ""), split("a ''"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "$HOME|$HOME",
            "${NAME}|${NAME}",
            "$(id)|$(id)",
            "*.jar|*.jar",
            "~/x|~/x",
            "#not-a-comment|#not-a-comment",
            "a;b|a;b",
            "x>y|x>y"})
    void nothingIsExpandedOrInterpreted(String text, String expected) throws Exception {
        assertEquals(List.of(expected), split(text));
    }

    @Test
    void unterminatedQuotesAndTrailingBackslashAreErrors() {
        ShellWords.SyntaxException single = assertThrows(ShellWords.SyntaxException.class, () -> split("--a 'open"));
        assertEquals("the single quote at position 5 is never closed", single.getMessage());
        assertEquals(4, single.index());
        ShellWords.SyntaxException dbl = assertThrows(ShellWords.SyntaxException.class, () -> split("\"open \\\""));
        assertEquals("the double quote at position 1 is never closed", dbl.getMessage());
        ShellWords.SyntaxException bs = assertThrows(ShellWords.SyntaxException.class, () -> split("a \\"));
        assertEquals("the backslash at the end escapes nothing", bs.getMessage());
    }

    /** Texts without anything a shell would expand: a real shell must split them the same way. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "--input orders --parallel 4",
            "'a b' c",
            "\"say \\\"hi\\\"\"",
            "\"a\\nb\" \"c\\'d\"",
            "a\\ b it\\'s a\\\\b \\n",
            "--a 1 \\\n--b 2",
            "--name='hello world' ab'cd'\"ef\"",
            "--suffix '' --x \"\"",
            "'line1\nline2' \"a\\\nb\"",
            "a '#x' b#c"})
    void agreesWithARealShell(String text) throws Exception {
        java.nio.file.Path sh = java.nio.file.Path.of("/bin/sh");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(sh), "no /bin/sh");
        String shellText = text;
        Process p = new ProcessBuilder(sh.toString(), "-c", "set -f; eval \"set -- $1\"; for a in \"$@\"; do printf '%s\\0' \"$a\"; done", "sh", shellText)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        List<String> expected = out.isEmpty() ? List.of() : List.of(out.substring(0, out.length() - 1).split("\0", -1));
        assertEquals(expected, split(shellText));
    }

    @Test
    void unicodeIsKept() throws Exception {
        assertEquals(List.of("--city", "Zürich", "--emoji", "🚀 launch"), split("--city Zürich --emoji '🚀 launch'"));
    }
}
