package io.flinkops.cli;

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
}
