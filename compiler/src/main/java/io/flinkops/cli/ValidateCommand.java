package io.flinkops.cli;

import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.diag.Diagnostic;
import io.flinkops.diag.render.DiagnosticRenderer;
import io.flinkops.load.ChangeImpact;
import io.flinkops.load.Scope;
import io.flinkops.migration.Migration;
import io.flinkops.migration.MigrationRenderer;
import io.flinkops.migration.MigrationReport;
import io.flinkops.source.SourceTree;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "validate", description = "Check a config repo and report every problem with file, line and column.")
final class ValidateCommand implements Callable<Integer> {
    private static final int LISTED_CHANGES = 3;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The config repo (default: the current directory).")
    Path dir = Path.of(".");

    @Mixin
    SourceOptions source = new SourceOptions();

    @Option(names = "--all", description = "With --staged: check every namespace, not only those the staged changes can affect.")
    boolean all;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), short (one line per problem), json, sarif, "
            + "github (workflow annotations), gitlab (Code Quality report) or junit (JUnit XML test report).")
    OutputFormat format = OutputFormat.text;

    @Option(names = {"-q", "--quiet"}, description = "Errors only: no warnings, and no output at all when there is no error.")
    boolean quiet;

    @Mixin
    TerminalOptions terminal = new TerminalOptions();

    @Option(names = "--flink-version", paramLabel = "VERSION", description = "Report what would break if every Deployment and "
            + "SessionCluster ran this Flink minor version (e.g. 2.0) instead of its own, grouped by resource; text or json format.")
    String flinkVersion;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    enum OutputFormat { text, short_, json, sarif, github, gitlab, junit;

        @Override
        public String toString() {
            return name().replace("_", "");
        }
    }

    @Override
    public Integer call() {
        if (flinkVersion != null) return migration();
        SourceTree tree = source.open(dir);
        Compiler compiler = new Compiler();
        Compilation compilation;
        if (source.staged()) {
            // Only what the staged changes can affect, compared with HEAD; everything with --all or before the first commit.
            Optional<SourceTree> base = all ? Optional.empty() : source.stagedBase(dir);
            compilation = base.isPresent() ? compiler.checkChanges(base.get(), tree)
                    : compiler.check(tree, Scope.everything(ChangeImpact.namespaceFolders(tree), List.of(),
                            all ? "--all" : "no commit yet to compare the staged index with"));
        } else {
            compilation = compiler.compile(tree);
        }
        DiagnosticRenderer renderer = DiagnosticRenderer.forFormat(format.toString());
        PrintWriter out = spec.commandLine().getOut();
        List<Diagnostic> shown = compilation.diagnostics().sorted();
        if (quiet) shown = shown.stream().filter(Diagnostic::isError).toList();
        boolean human = format == OutputFormat.text || format == OutputFormat.short_;
        if (!(quiet && human && shown.isEmpty())) {
            out.print(renderer.render(shown, new DiagnosticRenderer.Context(new SourceTreeLines(tree), tree.gitPrefix(), Version.get(),
                    human ? terminal.palette() : io.flinkops.diag.render.Palette.NONE)));
            if (human && source.staged() && !quiet) out.println(describe(compilation.scope()));
        }
        out.flush();
        return ExitCode.of(compilation.diagnostics());
    }

    /** {@code --flink-version}: the migration report of the whole repo (never scoped to staged changes). */
    private int migration() {
        String version = Migration.minorVersion(flinkVersion).orElseThrow(() -> new UsageException(
                "--flink-version takes a Flink minor version such as 2.0, got `" + flinkVersion + "`"));
        if (format != OutputFormat.text && format != OutputFormat.json) {
            throw new UsageException("--flink-version reports in --format text or json, not " + format);
        }
        if (all) throw new UsageException("--flink-version always checks every namespace; leave out --all");
        MigrationReport report = new Compiler().migrationTo(source.open(dir), version);
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == OutputFormat.json ? MigrationRenderer.json(report) : MigrationRenderer.text(report));
        out.flush();
        return ExitCode.of(report);
    }

    /** "Checked 2 of 14 namespaces (staged changes: a.yaml, b.yaml)." */
    static String describe(Scope scope) {
        int total = scope.allNamespaces().size();
        String namespaces = total == 1 ? "namespace" : "namespaces";
        if (scope.everything()) {
            return "Checked " + (total == 1 ? "the 1 " : "all " + total + " ") + namespaces + scope.because().map(b -> " (" + b + ")").orElse("") + ".";
        }
        return "Checked " + scope.checked().size() + " of " + total + " " + namespaces + " ("
                + (scope.changes().isEmpty() ? "nothing staged" : "staged changes: " + list(scope.changes())) + ").";
    }

    private static String list(List<String> files) {
        if (files.size() <= LISTED_CHANGES) return String.join(", ", files);
        return String.join(", ", files.subList(0, LISTED_CHANGES)) + " and " + (files.size() - LISTED_CHANGES) + " more";
    }
}
