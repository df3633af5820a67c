package io.flinkops.diag;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem in a config repo, as data. Renderers (text, json, sarif, github) only format these.
 *
 * @param pointer JSON pointer into the document ("" for the document itself)
 * @param hint    what to do about it; may be empty
 */
public record Diagnostic(Code code, Severity severity, Location location, String pointer, String message, String hint) {

    public static final Comparator<Diagnostic> ORDER = Comparator
            .comparing(Diagnostic::location)
            .thenComparing(d -> d.code().id())
            .thenComparing(Diagnostic::pointer)
            .thenComparing(Diagnostic::message);

    public Diagnostic {
        Objects.requireNonNull(code);
        Objects.requireNonNull(severity);
        Objects.requireNonNull(location);
        pointer = pointer == null ? "" : pointer;
        Objects.requireNonNull(message);
        hint = hint == null ? "" : hint;
    }

    public String file() {
        return location.file();
    }

    public int line() {
        return location.line();
    }

    public int column() {
        return location.column();
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
