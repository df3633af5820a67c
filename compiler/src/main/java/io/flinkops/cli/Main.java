package io.flinkops.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The thin command line over the {@link io.flinkops.Compiler} facade. Exceptions are mapped to exit codes
 * here and only here: a {@link UsageException} or a bad option is the user's (2), anything else is ours (70).
 */
@Command(name = "flinkops", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "GitOps compiler and validator for Apache Flink on Kubernetes.",
        subcommands = {ValidateCommand.class, RenderCommand.class, DiffCommand.class, ExplainCommand.class, InitCommand.class,
                ImportCommand.class, StatusCommand.class, SavepointCommand.class, RestartCommand.class, RedeployCommand.class,
                VersionCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: use one of validate, render, diff, explain, init, import, "
                + "status, savepoint, restart, redeploy, version, completion (see --help).");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs flinkops with {@code args}; returns the exit code. Used by main and by tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        // -h/--help and -V/--version on every command, present and future, not only on `flinkops` itself.
        cli.getSubcommands().values().forEach(c -> c.getCommandSpec().mixinStandardHelpOptions(true));
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? ExitCode.USAGE : ExitCode.INTERNAL);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("flinkops: " + e.getMessage());
            err.println("Try `" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help`.");
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UsageException) {
                err.println("flinkops: " + e.getMessage());
                return ExitCode.USAGE;
            }
            err.println("flinkops: internal error: " + e + ". This is a bug in flinkops; please report it with the command you ran.");
            if (System.getenv("FLINKOPS_DEBUG") != null) e.printStackTrace(err);
            else err.println("(Set FLINKOPS_DEBUG=1 for the stack trace.)");
            return ExitCode.INTERNAL;
        });
        int code;
        try {
            code = cli.execute(args);
        } catch (OutOfMemoryError e) {
            // Not a bug and not the config's fault: the repo needs a larger heap than this JVM has.
            err.println("flinkops: out of memory (the JVM's maximum heap is " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                    + " MiB). Give it more: FLINKOPS_HEAP=2g with the flinkops launcher, or java -Xmx2g -jar flinkops.jar.");
            code = ExitCode.INTERNAL;
        }
        out.flush();
        err.flush();
        return code;
    }
}
