package io.flinkops.diag.render;

import io.flinkops.diag.Severity;

/**
 * How text output is coloured: ANSI escape codes for a terminal, nothing for pipes, files and {@code NO_COLOR}. The
 * renderers say what a piece of text is; the palette says how it looks.
 */
public enum Palette {
    NONE, ANSI;

    private static final String RESET = "\u001b[0m";

    public String severity(Severity severity, String text) {
        return paint(severity == Severity.ERROR ? "\u001b[1;31m" : "\u001b[1;33m", text);
    }

    /** Where: the file and line arrow. */
    public String location(String text) {
        return paint("\u001b[1;34m", text);
    }

    /** What to do. */
    public String hint(String text) {
        return paint("\u001b[36m", text);
    }

    /** The gutter and the caret. */
    public String frame(String text) {
        return paint("\u001b[34m", text);
    }

    /** What loses something (state, an object): red. */
    public String danger(String text) {
        return paint("\u001b[1;31m", text);
    }

    /** What may cost something: yellow. */
    public String caution(String text) {
        return paint("\u001b[33m", text);
    }

    /** What costs nothing or is new: green. */
    public String fine(String text) {
        return paint("\u001b[32m", text);
    }

    public String bold(String text) {
        return paint("\u001b[1m", text);
    }

    private String paint(String code, String text) {
        return this == NONE || text.isEmpty() ? text : code + text + RESET;
    }
}
