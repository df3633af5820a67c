package io.flinkops.diag.render;

import io.flinkops.diag.Diagnostic;

import java.util.List;

/**
 * For people at a terminal: the problem, the source line with a caret under the column, and what to do.
 * <pre>
 * error[FO201]: Deployment name `Orders` is not a valid name.
 *   --> namespaces/payments/orders.yaml:4:9
 *    |
 *  4 |   name: Orders
 *    |         ^
 *    = hint: Use lower-case letters, digits and '-'.
 * </pre>
 */
public final class TextRenderer implements DiagnosticRenderer {

    @Override
    public String render(List<Diagnostic> diagnostics, Context context) {
        StringBuilder out = new StringBuilder();
        Palette p = context.palette();
        for (Diagnostic d : diagnostics) {
            if (d.isSuppressed()) continue;
            out.append(p.severity(d.severity(), d.severity().label() + '[' + d.code().id() + ']')).append(": ")
                    .append(p.bold(d.message())).append('\n');
            out.append(p.frame("  --> ")).append(p.location(d.location().toString()))
                    .append(d.pointer().isEmpty() ? "" : "  (" + d.pointer() + ")").append('\n');
            String source = d.line() > 0 ? context.lines().line(d.file(), d.line()) : null;
            String gutter = " ".repeat(String.valueOf(Math.max(d.line(), 1)).length());
            if (source != null) {
                String shown = source.replace('\t', ' ');
                out.append(p.frame(gutter + "  |")).append('\n');
                out.append(p.frame(d.line() + "  | ")).append(shown).append('\n');
                int caret = Math.max(0, Math.min(d.column() - 1, shown.length()));
                out.append(p.frame(gutter + "  | ")).append(" ".repeat(caret)).append(p.severity(d.severity(), "^")).append('\n');
            }
            if (!d.hint().isEmpty()) {
                out.append(gutter).append(p.hint("  = hint: " + d.hint())).append('\n');
            }
            out.append('\n');
        }
        out.append(summary(diagnostics)).append('\n');
        return out.toString();
    }

    /** "No problems found.", "2 errors, 1 warning." or "0 errors, 1 warning (3 suppressed)." */
    static String summary(List<Diagnostic> diagnostics) {
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        long suppressed = diagnostics.stream().filter(Diagnostic::isSuppressed).count();
        long warnings = diagnostics.size() - errors - suppressed;
        if (errors + warnings == 0) return "No problems found" + (suppressed == 0 ? "." : " (" + suppressed + " suppressed).");
        return plural(errors, "error") + ", " + plural(warnings, "warning") + (suppressed == 0 ? "." : " (" + suppressed + " suppressed).");
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
