package io.flinkops.cli;

import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.diag.render.DiagnosticRenderer;
import io.flinkops.source.SourceTree;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "validate", description = "Check a config repo and report every problem with file, line and column.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The config repo (default: the current directory).")
    Path dir = Path.of(".");

    @Mixin
    SourceOptions source = new SourceOptions();

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json, sarif or github (workflow annotations).")
    OutputFormat format = OutputFormat.text;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    enum OutputFormat { text, json, sarif, github }

    @Override
    public Integer call() {
        SourceTree tree = source.open(dir);
        Compilation compilation = new Compiler().compile(tree);
        DiagnosticRenderer renderer = DiagnosticRenderer.forFormat(format.name());
        PrintWriter out = spec.commandLine().getOut();
        out.print(renderer.render(compilation.diagnostics().sorted(),
                new DiagnosticRenderer.Context(new SourceTreeLines(tree), tree.gitPrefix(), Version.get())));
        out.flush();
        return compilation.hasErrors() ? ExitCode.CONFIG_ERRORS : ExitCode.OK;
    }
}
