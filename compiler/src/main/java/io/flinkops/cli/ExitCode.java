package io.flinkops.cli;

import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostics;
import io.flinkops.migration.MigrationReport;

/** The exit codes of PRODUCT.md, in one place. */
public final class ExitCode {
    /** Success; warnings allowed. */
    public static final int OK = 0;
    /** The config repo has errors. */
    public static final int CONFIG_ERRORS = 1;
    /** The command line is wrong: unknown option, missing directory, unknown revision. */
    public static final int USAGE = 2;
    /** A bug in flinkops (EX_SOFTWARE). */
    public static final int INTERNAL = 70;

    private ExitCode() {
    }

    /**
     * The exit code of a run that found {@code diagnostics}: a bug in flinkops (FO099) outranks errors of the config
     * repo, which outrank warnings.
     */
    public static int of(Diagnostics diagnostics) {
        if (diagnostics.sorted().stream().anyMatch(d -> d.code() == Code.INTERNAL_ERROR)) return INTERNAL;
        return diagnostics.hasErrors() ? CONFIG_ERRORS : OK;
    }

    /**
     * The exit code of {@code validate --flink-version}: 1 when the move to that version would bring errors (what the
     * repo has already does not count), 0 when it brings warnings or nothing.
     */
    public static int of(MigrationReport report) {
        return of(report.problems());
    }
}
