package io.flinkops.diag;

import io.flinkops.model.FieldPath;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects diagnostics from every stage. Stages keep going after a problem so that one run reports
 * all of them; identical diagnostics (same code, place and message) are reported once.
 */
public final class Diagnostics {
    private final Set<Diagnostic> items = new LinkedHashSet<>();

    public void add(Diagnostic d) {
        items.add(d);
    }

    /** Reports {@code code} with its catalogue severity. */
    public void report(Code code, Location at, String pointer, String message, String hint) {
        add(new Diagnostic(code, code.severity(), at, pointer, message, hint));
    }

    /** Reports {@code code} at the field {@code path}. */
    public void report(Code code, Location at, FieldPath path, String message, String hint) {
        report(code, at, path.pointer(), message, hint);
    }

    public void report(Code code, Location at, String pointer, String message) {
        report(code, at, pointer, message, "");
    }

    public void addAll(Diagnostics other) {
        items.addAll(other.items);
    }

    /** Sorted by file, line, column, code. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> list = new ArrayList<>(items);
        list.sort(Diagnostic.ORDER);
        return List.copyOf(list);
    }

    public long errorCount() {
        return items.stream().filter(Diagnostic::isError).count();
    }

    /** Warnings that are not suppressed. */
    public long warningCount() {
        return items.stream().filter(d -> !d.isError() && !d.isSuppressed()).count();
    }

    public long suppressedCount() {
        return items.stream().filter(Diagnostic::isSuppressed).count();
    }

    public boolean hasErrors() {
        return errorCount() > 0;
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }
}
