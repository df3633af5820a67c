package io.flinkops.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;

/**
 * The thin command line over the {@link io.flinkops.Compiler} facade. Exceptions are mapped to exit codes
 * here and only here: a {@link UsageException} or a bad option is the user's (2), anything else is ours (70).
 */
@Command(name = "flinkops", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "GitOps compiler and validator for Apache Flink on Kubernetes.")
public final class Main implements Runnable {

    /**
     * The subcommands, in the order help lists them. picocli builds a command's model by reflection over its
     * annotated fields, which costs a few milliseconds per command on a cold JVM, so a run builds only the command it
     * runs (see {@link #commandLine(String[])}); the names must equal the commands' own {@code @Command} names
     * (HelpTest checks).
     */
    static final List<String> COMMANDS = List.of("validate", "render", "diff", "explain", "init", "import", "status",
            "savepoint", "restart", "redeploy", "policy", "version", "completion", "help");

    /** A new instance of the command {@code name}. (A switch, not a table of lambdas: see docs/performance.md, AOT cache.) */
    static Object command(String name) {
        switch (name) {
            case "validate": return new ValidateCommand();
            case "render": return new RenderCommand();
            case "diff": return new DiffCommand();
            case "explain": return new ExplainCommand();
            case "init": return new InitCommand();
            case "import": return new ImportCommand();
            case "status": return new StatusCommand();
            case "savepoint": return new SavepointCommand();
            case "restart": return new RestartCommand();
            case "redeploy": return new RedeployCommand();
            case "policy": return new PolicyCommand();
            case "version": return new VersionCommand();
            case "completion": return new CompletionCommand();
            case "help": return new CommandLine.HelpCommand();
            default: throw new IllegalArgumentException("no command " + name);
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: use one of validate, render, diff, explain, init, import, "
                + "status, savepoint, restart, redeploy, policy, version, completion (see --help).");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs flinkops with {@code args}; returns the exit code. Used by main and by tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? ExitCode.USAGE : ExitCode.INTERNAL);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("flinkops: " + e.getMessage());
            if (e instanceof CommandLine.UnmatchedArgumentException) {
                List<String> near = ((CommandLine.UnmatchedArgumentException) e).getSuggestions();
                if (!near.isEmpty()) err.println("Did you mean: " + String.join(" or ", near) + "?");
            }
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

    /** The whole command line, every subcommand in it (help, completion scripts and tests need them all). */
    public static CommandLine commandLine() {
        return withCommands(COMMANDS);
    }

    /**
     * The command line for running {@code args}: when they name a subcommand, only that one is built (plus nothing
     * else: its parse needs no other); {@code help}, {@code completion}, a mistyped command or none get them all, for
     * the list of commands and picocli's "did you mean"; no command at all gets none unless help is asked for.
     */
    static CommandLine commandLine(String[] args) {
        String named = null;
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                named = arg;
                break;
            }
        }
        if (named == null) {
            // `flinkops --version` needs no command; `flinkops --help` lists them all.
            boolean help = List.of(args).contains("-h") || List.of(args).contains("--help");
            return withCommands(help ? COMMANDS : List.of());
        }
        boolean alone = COMMANDS.contains(named) && !named.equals("help") && !named.equals("completion");
        return withCommands(alone ? List.of(named) : COMMANDS);
    }

    private static CommandLine withCommands(Iterable<String> names) {
        CommandLine cli = new CommandLine(new Main());
        for (String name : names) {
            CommandLine sub = new CommandLine(command(name));
            // -h/--help and -V/--version on every command, present and future, not only on `flinkops` itself.
            sub.getCommandSpec().mixinStandardHelpOptions(true);
            cli.addSubcommand(name, sub);
        }
        return cli;
    }
}
