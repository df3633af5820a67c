package io.flinkops.diag;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem in a config repo, as data. Renderers (text, json, sarif, github) only format these.
 *
 * @param pointer JSON pointer into the document ("" for the document itself)
 * @param hint    what to do about it; may be empty
 * @param suppression why the finding is not held against the repo (a warning suppressed by a comment or by
 *                    flinkops.yaml); null when it is not suppressed
 */
public record Diagnostic(Code code, Severity severity, Location location, String pointer, String message, String hint,
                         Suppression suppression) {

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

    public Diagnostic(Code code, Severity severity, Location location, String pointer, String message, String hint) {
        this(code, severity, location, pointer, message, hint, null);
    }

    /**
     * How a finding was suppressed.
     *
     * @param kind   IN_SOURCE: a {@code # flinkops:ignore} comment; EXTERNAL: {@code spec.rules} of flinkops.yaml
     *               (SARIF's suppression kinds)
     * @param reason the reason written with it
     * @param at     where the comment or setting is
     */
    public record Suppression(Kind kind, String reason, Location at) {
        public enum Kind { IN_SOURCE, EXTERNAL }
    }

    public boolean isSuppressed() {
        return suppression != null;
    }

    public Diagnostic withSuppression(Suppression s) {
        return new Diagnostic(code, severity, location, pointer, message, hint, s);
    }

    public Diagnostic withSeverity(Severity s) {
        return new Diagnostic(code, s, location, pointer, message, hint, suppression);
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
