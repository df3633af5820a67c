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
        long errors = 0;
        for (Diagnostic d : diagnostics) {
            if (d.isError()) errors++;
            out.append(d.severity().label()).append('[').append(d.code().id()).append("]: ").append(d.message()).append('\n');
            out.append("  --> ").append(d.location()).append(d.pointer().isEmpty() ? "" : "  (" + d.pointer() + ")").append('\n');
            String source = d.line() > 0 ? context.lines().line(d.file(), d.line()) : null;
            String gutter = " ".repeat(String.valueOf(Math.max(d.line(), 1)).length());
            if (source != null) {
                String shown = source.replace('\t', ' ');
                out.append(gutter).append("  |\n");
                out.append(d.line()).append("  | ").append(shown).append('\n');
                int caret = Math.max(0, Math.min(d.column() - 1, shown.length()));
                out.append(gutter).append("  | ").append(" ".repeat(caret)).append("^\n");
            }
            if (!d.hint().isEmpty()) {
                out.append(gutter).append("  = hint: ").append(d.hint()).append('\n');
            }
            out.append('\n');
        }
        long warnings = diagnostics.size() - errors;
        out.append(diagnostics.isEmpty() ? "No problems found." : plural(errors, "error") + ", " + plural(warnings, "warning") + ".").append('\n');
        return out.toString();
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
