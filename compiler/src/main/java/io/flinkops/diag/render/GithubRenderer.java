package io.flinkops.diag.render;

import io.flinkops.diag.Diagnostic;

import java.util.List;

/** GitHub Actions workflow commands: each diagnostic becomes an annotation on the pull request's diff. */
public final class GithubRenderer implements DiagnosticRenderer {

    @Override
    public String render(List<Diagnostic> diagnostics, Context context) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            if (d.isSuppressed()) continue;
            out.append("::").append(d.isError() ? "error" : "warning").append(' ');
            out.append("file=").append(property(context.path(d.file())));
            if (d.line() > 0) {
                out.append(",line=").append(d.line()).append(",col=").append(d.column());
            }
            out.append(",title=").append(property(d.code().id() + " " + d.code().slug()));
            out.append("::").append(data(d.message() + (d.hint().isEmpty() ? "" : "\n" + d.hint())));
            out.append('\n');
        }
        return out.toString();
    }

    private static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
