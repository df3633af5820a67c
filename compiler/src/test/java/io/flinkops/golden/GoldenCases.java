package io.flinkops.golden;

import io.flinkops.diag.Diagnostic;

import java.util.List;
import java.util.stream.Collectors;

/** How golden files write diagnostics (one line each), and whether a run rewrites them instead of comparing. */
public final class GoldenCases {
    /** {@code -Dflinkops.updateGolden=true}: write what the code produces into the golden files. */
    public static final boolean UPDATE = Boolean.getBoolean("flinkops.updateGolden");

    private GoldenCases() {
    }

    public static String render(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(GoldenCases::line).collect(Collectors.joining("\n", "", diagnostics.isEmpty() ? "" : "\n"));
    }

    public static String line(Diagnostic d) {
        return d.location() + " " + d.severity().label() + " " + d.code().id() + " " + (d.pointer().isEmpty() ? "-" : d.pointer())
                + " " + d.message() + (d.hint().isEmpty() ? "" : " | " + d.hint())
                + (d.isSuppressed() ? " [suppressed " + d.suppression().kind() + " at " + d.suppression().at() + ": " + d.suppression().reason() + "]" : "");
    }
}
