package io.flinkops.cli;

import io.flinkops.diag.render.Palette;
import picocli.CommandLine.Option;

import java.io.Console;
import java.util.Map;

/** {@code --color}: colour on a terminal, none in pipes and files, none with {@code NO_COLOR} (no-color.org). */
final class TerminalOptions {

    enum ColorMode { auto, always, never }

    @Option(names = "--color", paramLabel = "WHEN", description = "auto (default: colour on a terminal, unless NO_COLOR is set), always or never.")
    ColorMode color = ColorMode.auto;

    Palette palette() {
        return choose(color, System.getenv(), stdoutIsTerminal());
    }

    static Palette choose(ColorMode mode, Map<String, String> env, boolean terminal) {
        return switch (mode) {
            case always -> Palette.ANSI;
            case never -> Palette.NONE;
            case auto -> {
                String noColor = env.get("NO_COLOR");
                boolean wanted = terminal && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
                yield wanted ? Palette.ANSI : Palette.NONE;
            }
        };
    }

    /** Whether standard output is a terminal: JDK 22+ says so directly; before, a console exists only then. */
    private static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
