package io.flinkops.diag.render;

import io.flinkops.diag.Diagnostic;

import java.util.List;

/**
 * JUnit XML, the report format CI systems show as test results (GitLab's `artifacts:reports:junit`, Jenkins, Azure
 * Pipelines, CircleCI): one test case per finding, named by its code and place. An error is a {@code <failure>}, a
 * warning a passing case (its message in {@code <system-out>}), a suppressed finding {@code <skipped>} with the
 * reason; a repo without findings is one passing case, so a report never says "no tests".
 */
public final class JunitRenderer implements DiagnosticRenderer {
    static final String SUITE = "flinkops validate";

    @Override
    public String render(List<Diagnostic> diagnostics, Context context) {
        long failures = diagnostics.stream().filter(Diagnostic::isError).count();
        long skipped = diagnostics.stream().filter(Diagnostic::isSuppressed).count();
        int tests = Math.max(1, diagnostics.size());
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        String counts = " tests=\"" + tests + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"" + skipped + "\"";
        out.append("<testsuites name=\"").append(SUITE).append('"').append(counts).append(">\n");
        out.append("  <testsuite name=\"").append(SUITE).append('"').append(counts).append(" time=\"0\">\n");
        if (diagnostics.isEmpty()) {
            out.append("    <testcase classname=\"flinkops\" name=\"config repo\" time=\"0\"/>\n");
        }
        for (Diagnostic d : diagnostics) {
            String file = context.path(d.file());
            String where = d.line() > 0 ? file + ":" + d.line() + ":" + d.column() : file;
            out.append("    <testcase classname=\"").append(attribute(file)).append("\" name=\"")
                    .append(attribute(d.code().id() + " " + where + (d.pointer().isEmpty() ? "" : " " + d.pointer()))).append("\" file=\"")
                    .append(attribute(file)).append('"');
            if (d.line() > 0) out.append(" line=\"").append(d.line()).append('"');
            out.append(" time=\"0\">\n");
            String text = d.severity().label() + "[" + d.code().id() + "]: " + d.message() + "\n  --> " + where
                    + (d.hint().isEmpty() ? "" : "\n  = hint: " + d.hint());
            if (d.isSuppressed()) {
                out.append("      <skipped message=\"").append(attribute("suppressed: " + d.suppression().reason())).append("\"/>\n");
            } else if (d.isError()) {
                out.append("      <failure type=\"").append(d.code().id()).append("\" message=\"").append(attribute(d.message())).append("\">")
                        .append(text(text)).append("</failure>\n");
            } else {
                out.append("      <system-out>").append(text(text)).append("</system-out>\n");
            }
            out.append("    </testcase>\n");
        }
        out.append("  </testsuite>\n</testsuites>\n");
        return out.toString();
    }

    private static String attribute(String s) {
        return text(s).replace("\"", "&quot;").replace("\n", "&#10;");
    }

    /** Escaped for XML 1.0 content; characters XML 1.0 cannot carry at all are replaced. */
    private static String text(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                default -> {
                    boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                            || (c >= 0x10000 && c <= 0x10FFFF);
                    sb.appendCodePoint(allowed ? c : 0xFFFD);
                }
            }
        });
        return sb.toString();
    }
}
