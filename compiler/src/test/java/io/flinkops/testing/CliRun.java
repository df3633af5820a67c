package io.flinkops.testing;

import io.flinkops.cli.Main;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process and captures what a user would see. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** True when the output looks like a Java stack trace, which a user must never see for bad input. */
    public boolean showsStackTrace() {
        String all = out + err;
        return all.contains("\tat ") || all.contains("Exception:") || all.matches("(?s).*\\bat [a-z]+\\.[a-z]+\\..*\\(.*\\.java:\\d+\\).*");
    }
}
