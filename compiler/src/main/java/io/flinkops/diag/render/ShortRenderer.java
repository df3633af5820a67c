package io.flinkops.diag.render;

import io.flinkops.diag.Diagnostic;

import java.util.List;

/**
 * One line per problem, as compilers print them ({@code file:line:column: severity[code]: message}), then the
 * count: for Git hooks and editors' quickfix lists, where a problem should take one line.
 */
public final class ShortRenderer implements DiagnosticRenderer {

    @Override
    public String render(List<Diagnostic> diagnostics, Context context) {
        StringBuilder out = new StringBuilder();
        Palette p = context.palette();
        for (Diagnostic d : diagnostics) {
            if (d.isSuppressed()) continue;
            out.append(p.location(d.location().toString())).append(": ")
                    .append(p.severity(d.severity(), d.severity().label() + '[' + d.code().id() + ']')).append(": ").append(d.message());
            if (!d.hint().isEmpty()) out.append(' ').append(p.hint(d.hint()));
            out.append('\n');
        }
        out.append(TextRenderer.summary(diagnostics)).append('\n');
        return out.toString();
    }
}
